from django.core.management.base import BaseCommand, CommandError

from indicators.models import Authority
from indicators.observations import export_values, observation_rows, write_csv, write_json


class Command(BaseCommand):
    help = "Write every published value's comparisons (one row each) to standard output."

    def add_arguments(self, parser):
        parser.add_argument("--authority", help="Authority slug, e.g. durham")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")

    def handle(self, *args, authority=None, format="csv", **options):
        council = None
        if authority:
            try:
                council = Authority.objects.get(slug=authority)
            except Authority.DoesNotExist:
                known = ", ".join(
                    Authority.objects.filter(reports_to_portal=True).values_list("slug", flat=True)
                )
                raise CommandError(f"Unknown authority '{authority}'. Known: {known}.") from None
        rows = observation_rows(export_values(council))
        (write_json if format == "json" else write_csv)(rows, self.stdout)
