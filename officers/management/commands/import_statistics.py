from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from indicators.models import Indicator
from indicators.models.value import FRACTION_SCALES
from officers.imports.apply import PlanRejected
from officers.imports.reading import COMMAND_MAX_BYTES, ImportFileError, check_size
from officers.imports.statistics import Options, read_statistics
from officers.imports.statistics_apply import IndicatorSpec, apply_statistics, national_indicator

SHOWN = 20  # rejections and warnings listed; the rest counted


def _pairs(values, option):
    pairs = {}
    for text in values or []:
        column, sep, value = text.partition("=")
        if not sep or not column.strip():
            raise CommandError(f"{option} {text!r}: write COLUMN=VALUE.")
        pairs[column.strip()] = value.strip()
    return pairs


class Command(BaseCommand):
    help = (
        "Import official statistics for every English council from an Explore Education "
        "Statistics (DfE) CSV or an OHID Fingertips export: councils' figures as values of a "
        "national indicator, England's and the regions' as official benchmarks. Writes all "
        "rows or none; running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--indicator", required=True, metavar="REF")
        parser.add_argument("--value", required=True, metavar="COLUMN")
        parser.add_argument("--numerator", default="", metavar="COLUMN")
        parser.add_argument("--denominator", default="", metavar="COLUMN")
        parser.add_argument(
            "--denominator-where",
            action="append",
            metavar="COLUMN=VALUE",
            help="The denominator is in another row: the same place and period with these "
            'filters, e.g. placement_stability="Total children".',
        )
        for end in ("lower", "upper"):
            parser.add_argument(
                f"--{end}-ci",
                default="",
                metavar="COLUMN",
                help=f"The {end} limit of a 95%% confidence interval supplied with each figure "
                "(kept as supplied). An OHID Fingertips export's own is read by default.",
            )
        parser.add_argument(
            "--where", action="append", metavar="COLUMN=VALUE", help="Only rows with this."
        )
        parser.add_argument(
            "--snapshot",
            action="store_true",
            help='The figure is as at the end of the period ("on 31 March").',
        )
        parser.add_argument("--name", default="")
        parser.add_argument("--unit", default="", choices=[""] + list(Indicator.Unit.values))
        parser.add_argument("--polarity", default="", choices=["", "higher", "lower", "none"])
        parser.add_argument(
            "--frequency", default="", choices=["", "annual", "quarterly", "monthly"]
        )
        parser.add_argument("--source", default="", help="Default: the file's name.")
        parser.add_argument("--dry-run", action="store_true", help="Check and preview only.")
        parser.add_argument("--publish", action="store_true")
        parser.add_argument("--by", default="", help="Username of whoever imports.")
        parser.add_argument("--approved-by", default="", help="Administrator who publishes.")
        parser.add_argument(
            "--max-rows", type=int, default=settings.SCRUTINY_IMPORT_MAX_ROWS_COMMAND
        )

    def handle(self, *args, **o):
        path = Path(o["file"])
        try:
            check_size(path.stat().st_size, COMMAND_MAX_BYTES)
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        spec = IndicatorSpec(o["indicator"], o["name"], o["unit"], o["polarity"], o["frequency"])
        existing = national_indicator(spec, 0, create=False)
        unit = existing.unit if existing else spec.unit
        options = Options(
            value=o["value"],
            numerator=o["numerator"],
            denominator=o["denominator"],
            where=_pairs(o["where"], "--where"),
            denominator_where=_pairs(o["denominator_where"], "--denominator-where"),
            snapshot=o["snapshot"],
            scale=FRACTION_SCALES.get(unit, 0) if unit else None,
            lower_ci=o["lower_ci"],
            upper_ci=o["upper_ci"],
        )
        try:
            stats = read_statistics(path.name, data, options, o["max_rows"], COMMAND_MAX_BYTES)
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error}") from None
        users = {}
        for option in ("by", "approved_by"):
            if o[option]:
                users[option] = get_user_model().objects.filter(username=o[option]).first()
                if users[option] is None:
                    raise CommandError(f"No user {o[option]!r}.")
        self.stdout.write(
            f"{path.name}: {stats.format}; {len(stats.rows)} figure(s) for "
            f"{len({r.council for r in stats.rows if r.council})} council(s), "
            f"{sum(r.level != 'council' for r in stats.rows)} England/region figure(s); "
            f"{sum(bool(r.suppressed) for r in stats.rows)} suppressed."
        )
        for reason, n in sorted(stats.skipped.items()):
            self.stdout.write(f"Skipped {n} row(s): {reason}.")
        for number, text in stats.warnings[:SHOWN]:
            self.stdout.write(self.style.WARNING(f"Row {number}: {text}."))
        if len(stats.warnings) > SHOWN:
            self.stdout.write(f"... and {len(stats.warnings) - SHOWN} more warning(s).")
        if stats.rejected:
            for number, column, reason in stats.rejected[:SHOWN]:
                self.stderr.write(f"Row {number}, column {column}: {reason}.")
            more = len(stats.rejected) - SHOWN
            if more > 0:
                self.stderr.write(f"... and {more} more rejection(s).")
            raise CommandError(
                f"{len(stats.rejected)} row(s) rejected: nothing imported. Correct the file "
                "or choose the rows with --where."
            )
        if o["publish"] and not users.get("by"):
            raise CommandError(
                "--publish needs --by IMPORTER and --approved-by ADMINISTRATOR, two different "
                "people (four eyes)."
            )
        try:
            outcome = apply_statistics(
                stats,
                spec,
                source=o["source"] or path.name,
                importer=users.get("by"),
                approver=users.get("approved_by"),
                publish=o["publish"],
                dry_run=o["dry_run"],
            )
        except (ValidationError, PlanRejected) as error:
            message = "; ".join(getattr(error, "messages", [str(error)]))
            raise CommandError(f"Nothing imported: {message}") from None
        prefix = "Dry run, nothing saved. Would write: " if o["dry_run"] else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{outcome}"))
        if not o["publish"] and not o["dry_run"]:
            self.stdout.write(
                "The figures are drafts: an administrator publishes them by running the same "
                "command with --publish --by IMPORTER --approved-by ADMINISTRATOR."
            )
