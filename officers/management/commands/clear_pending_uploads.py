from django.core.management.base import BaseCommand

from officers.imports import pending


class Command(BaseCommand):
    help = (
        "Delete previewed uploads that were never confirmed and have expired "
        "(SCRUTINY_UPLOAD_HOURS). Safe at any time, from one machine; nightly from cron."
    )

    def handle(self, *args, **options):
        deleted = pending.clear_expired()
        self.stdout.write(f"Deleted {deleted} expired pending upload(s).")
