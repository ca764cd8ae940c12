from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

# Local demonstration only: the command refuses to run with DEBUG off.
DEMO_USERS = [
    ("admin", "Administrator: sets up councils, indicators and rating schemes", True, True),
    ("member", "Member (councillor): reads published dashboards", False, False),
]
DEMO_PASSWORD = "scrutiny-demo"


class Command(BaseCommand):
    help = "Create the demo accounts for a local portal and print their logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production", action="store_true", help="Run even with DEBUG=False."
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Demo accounts are for local use; DEBUG is off.")
        User = get_user_model()
        self.stdout.write("Demo logins (http://127.0.0.1:8000/admin/ for officers):")
        for username, role, is_staff, is_superuser in DEMO_USERS:
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff, user.is_superuser = is_staff, is_superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.stdout.write(f"  {username:<10} password {DEMO_PASSWORD:<15} {role}")
