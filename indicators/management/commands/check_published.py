from django.core.management.base import BaseCommand

from indicators.fidelity import describe_difference, tally_published
from indicators.models import Value


class Command(BaseCommand):
    help = (
        "Recompute every rating and direction the papers printed and list any difference "
        "(exit status 1 when a difference is not explained by a flagged published quirk)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--authority", help="Authority slug")

    def handle(self, *args, authority=None, **options):
        values = Value.objects.published().for_export()
        if authority:
            values = values.filter(authority__slug=authority)
        tallies = tally_published(values)
        header = (
            f"{'council':<18} {'measure':<10} {'comparison':<28} published reproduced differing"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        unexplained = 0
        for (council, measure, kind), tally in tallies.items():
            self.stdout.write(
                f"{council:<18} {measure:<10} {kind:<28} {tally.published:>9} "
                f"{tally.reproduced:>10} {tally.differing:>9}"
            )
            for comparison, published, computed in tally.differences:
                explained = bool(comparison.quirks)
                unexplained += not explained
                marker = "  flagged:" if explained else "  UNEXPLAINED:"
                self.stdout.write(
                    f"{marker} {describe_difference(comparison, published, computed)}"
                )
        total = sum(t.published for t in tallies.values())
        reproduced = sum(t.reproduced for t in tallies.values())
        self.stdout.write(
            f"\n{reproduced} of {total} published ratings and directions reproduced; "
            f"{unexplained} unexplained difference(s)."
        )
        if unexplained:
            raise SystemExit(1)
