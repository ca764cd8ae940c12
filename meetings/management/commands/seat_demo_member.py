from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from indicators.management.commands.create_demo_users import DEMO_MEMBER

from ...models import Committee


class Command(BaseCommand):
    help = (
        "Seat the demo councillor (create_demo_users' 'member') on every council's committee, "
        "so the demo login can ask questions and flag indicators at the seeded meetings."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Run even with DEBUG=False."
        )

    def handle(self, *args, allow_production=False, **options):
        # After create_demo_users, which (in indicators) cannot know about committees.
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo accounts are for local use; DEBUG is off.")
        member = get_user_model().objects.filter(username=DEMO_MEMBER).first()
        if member is None:
            raise CommandError(f"No '{DEMO_MEMBER}' account: run create_demo_users first.")
        committees = Committee.objects.filter(authority__reports_to_portal=True).select_related(
            "authority"
        )
        seated = set(member.scrutiny_committees.values_list("pk", flat=True))
        for committee in committees:
            if committee.pk not in seated:  # a re-run changes nothing
                committee.members.add(member)
            self.stdout.write(f"  {DEMO_MEMBER} sits on {committee.authority}'s {committee}")
        if not committees:
            self.stdout.write("  No committees yet: load_seed_data records the papers' meetings.")
