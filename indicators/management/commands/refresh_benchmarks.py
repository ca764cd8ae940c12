import time

from django.core.management.base import BaseCommand, CommandError

from indicators.benchmarks import refresh_benchmarks
from indicators.models import Indicator


class Command(BaseCommand):
    help = (
        "Recompute England, regional, statistical-neighbour, best-neighbour and national "
        "top-quartile benchmarks for national indicators from councils' approved values "
        "(safe to run again: a second run changes nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "refs", nargs="*", help="References of national indicators (default: all)."
        )

    def handle(self, *args, refs, **options):
        indicators = None
        if refs:
            found = dict(
                Indicator.objects.filter(authority__isnull=True, ref__in=refs).values_list(
                    "ref", "pk"
                )
            )
            unknown = sorted(set(refs) - set(found))
            if unknown:
                raise CommandError(f"No national indicator {', '.join(unknown)}.")
            indicators = list(found.values())
        started = time.perf_counter()
        result = refresh_benchmarks(indicators=indicators)
        self.stdout.write(
            self.style.SUCCESS(
                f"Benchmarks refreshed in {time.perf_counter() - started:.1f}s: {result}."
            )
        )
