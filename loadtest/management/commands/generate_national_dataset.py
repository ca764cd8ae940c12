import resource
import time

from django.core.management.base import BaseCommand

from loadtest.generate import DEFAULT_SEED, generate


class Command(BaseCommand):
    help = (
        "Generate the national data set: all 153 English upper-tier councils, 150 national "
        "indicators, 40 quarters (about 900,000 values), targets, tolerances, comparator "
        "groups and the computed benchmarks. Reproducible from --seed; replaces the "
        "previous generated data set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--authorities", type=int, help="Only the first N councils.")
        parser.add_argument("--indicators", type=int, help="Only N indicators.")
        parser.add_argument("--quarters", type=int, default=40)

    def handle(self, *args, **options):
        self.stdout.write(f"Generating the national data set (seed {options['seed']}):")
        started = time.perf_counter()
        timings, counts = generate(
            seed=options["seed"],
            authorities=options["authorities"],
            indicators=options["indicators"],
            quarters=options["quarters"],
            log=self.stdout.write,
        )
        summary = ", ".join(f"{n:,} {what}" for what, n in counts.items())
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated in {time.perf_counter() - started:.1f}s: {summary} "
                f"(peak memory {peak} MB)."
            )
        )
