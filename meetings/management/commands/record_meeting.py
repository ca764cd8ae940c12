from datetime import date

from django.core.management.base import BaseCommand, CommandError

from indicators.models import Authority
from reports.exports.table import resolve_period

from ...models import Committee
from ...record import NothingToFreeze, default_committee, record_meeting


class Command(BaseCommand):
    help = (
        "Record a committee meeting and freeze the performance report it was shown: every "
        "row, figure, rating, comparator and report card as presented, kept unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("authority", help="Authority slug, e.g. durham")
        parser.add_argument("--date", required=True, help="The meeting's date, YYYY-MM-DD")
        parser.add_argument(
            "--period", required=True, help='End date (2017-06-30) or label ("Apr - Jun 2017")'
        )
        parser.add_argument("--committee", default="", help="The committee's slug")
        parser.add_argument("--agenda-item", default="", help='e.g. "Item 7"')

    def handle(self, *args, authority, date: str, period, committee, agenda_item, **options):
        council = Authority.objects.filter(slug=authority, reports_to_portal=True).first()
        if council is None:
            raise CommandError(f"Unknown authority '{authority}'.")
        try:
            when = _date(date)
            end, label = resolve_period(period)
            chosen = (
                Committee.objects.get(authority=council, slug=committee)
                if committee
                else default_committee(council)
            )
        except (ValueError, Committee.DoesNotExist) as error:
            message = str(error)
            if committee and isinstance(error, Committee.DoesNotExist):
                slugs = ", ".join(
                    Committee.objects.filter(authority=council).values_list("slug", flat=True)
                )
                message = f"{council} has no committee '{committee}'. Its committees: {slugs}."
            raise CommandError(message) from None
        try:
            meeting, created = record_meeting(chosen, when, end, label, agenda_item)
        except NothingToFreeze as error:
            raise CommandError(str(error)) from None
        rows = sum(len(g["rows"]) for g in meeting.paper.snapshot["table"]["groups"])
        if created:
            self.stdout.write(
                f"Recorded {meeting}: froze the {meeting.period_label} paper ({rows} rows)."
            )
        else:
            self.stdout.write(f"{meeting} was already recorded; its paper stays as presented.")


def _date(text):
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"The date '{text}' is not YYYY-MM-DD.") from None
