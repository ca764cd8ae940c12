from django.core.management.base import BaseCommand, CommandError

from indicators.councils import add_council, english_councils, find_council, predecessors


class Command(BaseCommand):
    help = (
        "Add an English council from the bundled list (indicators/data/english_councils.csv) "
        "by its ONS code, in its region's comparator group. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("ons_codes", nargs="+", metavar="ONS_CODE", help="e.g. E06000047")
        parser.add_argument(
            "--reports",
            action="store_true",
            help="The council publishes its own performance here (not only a comparator).",
        )

    def handle(self, *args, ons_codes, reports, **options):
        councils = []
        for code in ons_codes:
            council = english_councils().get(code.strip().upper())
            if council is None:
                retired = predecessors().get(code.strip().upper())
                if retired:
                    raise CommandError(
                        f"{code} was {retired.name} until {retired.until}; use "
                        f"{' or '.join(retired.successors)}."
                    )
                near = find_council(name=code)
                hint = f" ({near.name} is {near.ons_code})" if near else ""
                raise CommandError(
                    f"{code!r} is not the ONS code of a current English council{hint}. "
                    "The list is indicators/data/english_councils.csv."
                )
            councils.append(council)
        for council in councils:
            authority, created = add_council(council, reports_to_portal=reports)
            region = council.region_name
            if created:
                self.stdout.write(
                    self.style.SUCCESS(f"Added {authority} ({council.ons_code}), region {region}.")
                )
            else:
                self.stdout.write(f"{authority} ({council.ons_code}) is already here; in {region}.")
