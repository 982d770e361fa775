"""`manage.py seed --scale demo|region [--seed N]`: demo or load-test data, idempotent, the same for the same seed."""

import time

from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from resurs.people import seed as seeding


class Command(BaseCommand):
    help = (
        "Fill the database with realistic data: --scale demo (a region, 3 municipalities, ~40 organizations, "
        "~1,200 teachers and a user per role, password 'demo') or --scale region (60 municipalities, 1,500 "
        "organizations, 50,000 teachers); --scale tiny is for the test suite only. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(seeding.SCALES), default="demo")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")

    def handle(self, *args, scale, seed, **options):
        started = time.monotonic()
        # Demo data notifies demo users (plans submitted, …): those letters stay in memory, never leave the machine.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            ctx = seeding.run(scale=scale, seed=seed)
        for step, counts in ctx.created.items():
            made = ", ".join(f"{what}: {number}" for what, number in counts.items() if number)
            if made:
                self.stdout.write(f"{step}: {made}")
        if not any(any(c.values()) for c in ctx.created.values()):
            self.stdout.write(_("Already seeded: nothing to add."))
        self.stdout.write(_("Seeded in %(seconds).1f s.") % {"seconds": time.monotonic() - started})
        self.stdout.write("")
        self.stdout.write(format_table([(_("login"), _("password"), _("role"), _("scope"))] + ctx.logins))


def format_table(rows):
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)
