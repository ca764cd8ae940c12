from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators.models import Authority, Theme
from reports.exports.formats import render
from reports.exports.layout import committee_table
from reports.exports.pdf import PdfUnavailable
from reports.exports.table import no_data_message, resolve_period


def council_period_theme(authority, period, theme):
    """(council, end date, label, Theme or None) from the command line, or CommandError
    naming what is wrong."""
    try:
        council = Authority.objects.get(slug=authority, reports_to_portal=True)
    except Authority.DoesNotExist:
        raise CommandError(f"Unknown authority '{authority}'.") from None
    try:
        end, label = resolve_period(period)
    except ValueError as error:
        raise CommandError(str(error)) from None
    chosen = None
    if theme:
        themes = list(Theme.objects.filter(authority=council))
        chosen = next((t for t in themes if t.name.lower() == theme.lower()), None)
        if chosen is None:
            names = "; ".join(t.name for t in themes)
            raise CommandError(f"{council} has no theme '{theme}'. Its themes: {names}.")
    return council, end, label, chosen


class Command(BaseCommand):
    help = "Write a council's committee table (Word, Excel, CSV or PDF) for a period."

    def add_arguments(self, parser):
        parser.add_argument("authority", help="Authority slug, e.g. durham")
        parser.add_argument(
            "--period", required=True, help='End date (2017-06-30) or label ("Apr - Jun 2017")'
        )
        parser.add_argument("--theme", default="", help="Only this theme, by its name")
        parser.add_argument("--format", choices=["docx", "xlsx", "csv", "pdf"], default="docx")
        parser.add_argument("-o", "--output", required=True, help="File to write")

    def handle(self, *args, authority, period, theme, format, output, **options):
        council, end, label, chosen = council_period_theme(authority, period, theme)
        table = committee_table(council, end, label, chosen)
        rows = table.rows_with_figures()
        if not rows:
            raise CommandError(no_data_message(council, label))
        try:
            content = render(table, format)
        except PdfUnavailable as error:
            raise CommandError(str(error)) from None
        Path(output).write_bytes(content)
        self.stdout.write(f"Wrote {rows} indicators for {council}, {label}, to {output}.")
        if table.left_out:
            self.stdout.write(
                f"Not in the table (no table reference): {', '.join(table.left_out)}."
            )
