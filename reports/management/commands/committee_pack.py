from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports.exports.formats import render_pack
from reports.exports.pack import committee_pack
from reports.exports.pdf import PdfUnavailable
from reports.exports.table import no_data_message

from .committee_table import council_period_theme


class Command(BaseCommand):
    help = (
        "Write a council's committee pack (cover, summary table, the report cards officers "
        "chose, report key) as Word or PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("authority", help="Authority slug, e.g. norfolk")
        parser.add_argument(
            "--period", required=True, help='End date (2018-04-30) or label ("Apr 2018")'
        )
        parser.add_argument("--theme", default="", help="Only this theme, by its name")
        parser.add_argument("--format", choices=["docx", "pdf"], default="docx")
        parser.add_argument("-o", "--output", required=True, help="File to write")

    def handle(self, *args, authority, period, theme, format, output, **options):
        council, end, label, chosen = council_period_theme(authority, period, theme)
        pack = committee_pack(council, end, label, chosen)
        if not pack.table.rows_with_figures():
            raise CommandError(no_data_message(council, label))
        try:
            content = render_pack(pack, format)
        except PdfUnavailable as error:
            raise CommandError(str(error)) from None
        Path(output).write_bytes(content)
        self.stdout.write(
            f"Wrote the {council} pack for {label} with {len(pack.cards)} report card(s) "
            f"to {output}."
        )
