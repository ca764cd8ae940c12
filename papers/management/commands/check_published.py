from django.core.management.base import BaseCommand

from indicators.models import Value
from papers.fidelity import kept_as_printed, tally_published
from papers.fidelity_printed import not_recomputable, tally_printed_judgements

# What the papers printed as a judgement; "no rating" lines check cells left blank.
MEASURES = ("rating", "direction", "row symbol")


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
        councils = [authority] if authority else None
        tallies = {**tally_published(values), **tally_printed_judgements(councils)}
        header = (
            f"{'council':<18} {'measure':<13} {'comparison':<48} {'area':<14} "
            "published reproduced differing flagged"
        )
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        unexplained = 0
        for line, tally in sorted(tallies.items()):
            resolved = f"  ({tally.resolved} two-colour glyphs decided)" if tally.resolved else ""
            self.stdout.write(
                f"{line.council:<18} {line.measure:<13} {line.comparison:<48} {line.area:<14} "
                f"{tally.published:>9} {tally.reproduced:>10} {tally.differing:>9} "
                f"{tally.flagged:>7}{resolved}"
            )
            for difference in tally.differences:
                if difference.explanation:
                    self.stdout.write(
                        f"  flagged: {difference.text} [flag: {difference.explanation}]"
                    )
                else:
                    unexplained += 1
                    self.stdout.write(f"  UNEXPLAINED: {difference.text}")
        kept = kept_as_printed(values) + not_recomputable(councils)
        if kept:
            self.stdout.write("\nPublished but not recomputable by a documented rule:")
            for k in kept:
                self.stdout.write(f"  {k.council}: {k.count} {k.what}: {k.why}")
        counted = [t for line, t in tallies.items() if line.measure in MEASURES]
        total = sum(t.published for t in counted)
        reproduced = sum(t.reproduced for t in counted)
        flagged = sum(t.flagged for t in tallies.values())
        self.stdout.write(
            f"\n{reproduced} of {total} published ratings and directions reproduced; "
            f"{flagged} flagged published inconsistencies; "
            f"{unexplained} unexplained difference(s)."
        )
        if unexplained:
            raise SystemExit(1)
