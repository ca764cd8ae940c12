from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from indicators.access import role_groups
from indicators.models import Authority, Role

# Local demonstration only: the command refuses to run with DEBUG off.
DEMO_MEMBER = "member"  # seated on the councils' committees by meetings' seat_demo_member
DEMO_USERS = [
    ("admin", "Administrator: sets up councils, indicators and rating schemes", True, True),
    (DEMO_MEMBER, "Member (councillor): reads published dashboards", False, False),
]
DEMO_PASSWORD = "scrutiny-demo"
ROLE_WORDS = {
    Role.Kind.OFFICER: "Officer: enters and edits {council}'s return",
    Role.Kind.APPROVER: "Approver: signs off {council}'s return",
}


def grant(user, authority, kind, groups=None):
    """Make user an officer or approver of a council: staff, in the group, with the Role."""
    groups = groups or role_groups()
    user.is_staff = True
    user.save()
    user.groups.add(groups[kind])
    Role.objects.get_or_create(user=user, authority=authority, kind=kind)


class Command(BaseCommand):
    help = "Create the demo accounts for a local portal and print their logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Run even with DEBUG=False."
        )
        parser.add_argument(
            "--address",
            default="127.0.0.1:8000",
            help="Where the portal listens, for the addresses printed (scripts/run.sh "
            "passes its HOST:PORT).",
        )

    def handle(self, *args, allow_production=False, address="127.0.0.1:8000", **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo accounts are for local use; DEBUG is off.")
        User = get_user_model()
        self.stdout.write(f"Demo logins (http://{address}/admin/ for officers):")
        for username, role, is_staff, is_superuser in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff, user.is_superuser = is_staff, is_superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.stdout.write(f"  {username:<18} password {DEMO_PASSWORD:<15} {role}")
        groups = role_groups()
        for council in Authority.objects.filter(reports_to_portal=True):
            short = council.slug.split("-")[0]  # stockton-on-tees -> stockton
            for kind in (Role.Kind.OFFICER, Role.Kind.APPROVER):
                username = f"{short}-{kind}"
                user, _ = User.objects.get_or_create(username=username)
                user.is_superuser = False
                user.set_password(DEMO_PASSWORD)
                grant(user, council, kind, groups)
                words = ROLE_WORDS[kind].format(council=council.name)
                self.stdout.write(f"  {username:<18} password {DEMO_PASSWORD:<15} {words}")
        self.stdout.write(f"Period returns: http://{address}/officers/")
