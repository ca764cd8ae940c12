from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from indicators.models import Authority, Period
from officers.imports.apply import apply_plan
from officers.imports.plan import plan_sheets
from officers.imports.reading import COMMAND_MAX_BYTES, ImportFileError, check_size, read_upload


class Command(BaseCommand):
    help = (
        "Import values (and benchmarks) for one council from a CSV or Excel file in the "
        "import format (officers/imports/reading.py). Prints the preview; writes all "
        "rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--authority", required=True, help="The council's slug.")
        parser.add_argument(
            "--period", help='Only accept values ending within this return, e.g. "Apr - Jun 2017".'
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and preview only.")
        parser.add_argument("--user", help="Record the changes as made by this username.")
        parser.add_argument("--reason", default="", help="Why, for the audit trail.")
        parser.add_argument(
            "--max-rows",
            type=int,
            default=settings.SCRUTINY_IMPORT_MAX_ROWS_COMMAND,
            help="Refuse a file with more rows than this (default "
            "SCRUTINY_IMPORT_MAX_ROWS_COMMAND, %(default)s).",
        )

    def handle(
        self,
        *args,
        file,
        authority,
        period=None,
        dry_run=False,
        user=None,
        reason="",
        max_rows=None,
        **options,
    ):
        try:
            council = Authority.objects.get(slug=authority, reports_to_portal=True)
        except Authority.DoesNotExist:
            raise CommandError(f"No council with slug {authority!r}.") from None
        return_period = None
        if period:
            try:
                return_period = Period.objects.filter(
                    **dict(zip(("kind", "start", "end"), _span(period), strict=True))
                ).get()
            except (ValueError, Period.DoesNotExist) as error:
                raise CommandError(f"Unknown return period {period!r}: {error}") from None
        who = None
        if user:
            who = get_user_model().objects.filter(username=user).first()
            if who is None:
                raise CommandError(f"No user {user!r}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file {file}.")
        try:
            check_size(path.stat().st_size, COMMAND_MAX_BYTES)  # before reading it
            sheets = read_upload(
                path.name,
                path.read_bytes(),
                max_rows=max_rows or settings.SCRUTINY_IMPORT_MAX_ROWS_COMMAND,
                max_bytes=COMMAND_MAX_BYTES,
            )
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error} Nothing imported.") from None
        plan = plan_sheets(council, sheets, return_period)
        for line in plan.lines():
            self.stdout.write(line)
        if plan.rejected_count:
            more = [f"  ... and {plan.more_rejected:,} more"] if plan.more_rejected else []
            raise CommandError(
                f"{plan.rejected_count} rejection(s); nothing imported:\n"
                + "\n".join([*(f"  {r}" for r in plan.rejected), *more])
            )
        if dry_run:
            self.stdout.write(self.style.SUCCESS("Dry run: the file is valid; nothing written."))
            return
        written = apply_plan(plan, who, reason or f"Imported from {path.name}")
        self.stdout.write(self.style.SUCCESS(f"Imported {written} row(s) for {council}."))


def _span(label):
    from indicators.rules.periods import parse_period_label

    return parse_period_label(label)
