import time

from django.core.management.base import BaseCommand
from django.db import transaction

from indicators.bulk import refresh_statistics
from papers.seeds.base import Seeder, load_national_codes, load_reference
from papers.seeds.durham import load_durham_appendix3
from papers.seeds.durham_extras import load_durham_extras
from papers.seeds.meetings import load_meetings
from papers.seeds.norfolk import load_norfolk
from papers.seeds.stockton import load_stockton

LOADERS = [
    ("reference data", load_reference),
    ("Durham Appendix 3", load_durham_appendix3),
    ("Durham infographic, volumes, 2014 and 2016 papers", load_durham_extras),
    ("Norfolk July 2018 committee", load_norfolk),
    ("Stockton Q1 2017/18 Cabinet update", load_stockton),
    ("national codes of matched indicators", load_national_codes),
    ("the meetings that received the papers, frozen", load_meetings),
]


class Command(BaseCommand):
    help = "Load the three councils' published papers from fixtures/ (safe to run again)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        seeder = Seeder(log=self.stdout.write)
        with transaction.atomic():
            for name, loader in LOADERS:
                loader(seeder)
                self.stdout.write(f"Loaded {name}.")
            recorded = seeder.finish()
        refresh_statistics()
        if recorded:
            seeder.count("changes recorded in the audit trail", recorded)
        counts = ", ".join(f"{n} {what}" for what, n in sorted(seeder.counts.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Seed data loaded in {time.perf_counter() - started:.1f}s: {counts}."
            )
        )
