from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.models import Authority
from reports.exports.formats import render
from reports.exports.pdf import PdfUnavailable
from reports.exports.table import committee_table, resolve_period


class Command(BaseCommand):
    help = "Write a council's committee table (Word, Excel, CSV or PDF) for a period."

    def add_arguments(self, parser):
        parser.add_argument("authority", help="Authority slug, e.g. durham")
        parser.add_argument(
            "--period", required=True, help='End date (2017-06-30) or label ("Apr - Jun 2017")'
        )
        parser.add_argument("--format", choices=["docx", "xlsx", "csv", "pdf"], default="docx")
        parser.add_argument("-o", "--output", required=True, help="File to write")

    def handle(self, *args, authority, period, format, output, **options):
        try:
            council = Authority.objects.get(slug=authority, reports_to_portal=True)
        except Authority.DoesNotExist:
            raise CommandError(f"Unknown authority '{authority}'.") from None
        try:
            end, label = resolve_period(period)
        except ValueError as error:
            raise CommandError(str(error)) from None
        table = committee_table(council, end, label)
        if not any(True for _ in table.flat_rows()):
            raise CommandError(f"{council} has no published data as at {label}.")
        try:
            content = render(table, format)
        except PdfUnavailable as error:
            raise CommandError(str(error)) from None
        Path(output).write_bytes(content)
        rows = sum(1 for _ in table.flat_rows())
        self.stdout.write(f"Wrote {rows} indicators for {council}, {label}, to {output}.")
