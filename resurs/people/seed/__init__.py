"""Demo and load data (`manage.py seed`): an ordered list of steps that every app can extend.

An app adds its data by defining `<app>/seed_steps.py` with functions decorated by `@seed_step(order)`; the
command imports those modules from every installed app and runs all steps in order, in one transaction.
Orders in use: 100 reference lists, 200 territory, 300 teachers, 400–800 free for the upper apps that make
scopes or data the users need (centers …), 900 demo users (a center made before it becomes the scope of the
demo head, coordinator and methodist: the step takes `ctx.scopes["center"]`, or else the first center of the
region), after 900 the data the demo users author (plans 950).

Every step is idempotent on its own (it checks a marker, e.g. the region code, and only loads what exists
when the marker is found): a second run changes nothing, and a step added by a later release still runs on
data seeded before it. Randomness comes only from `ctx.rng(step name)`, a `random.Random` seeded with the
command's --seed and the step name, so one step's draws never shift another's; dates are drawn relative to the
day of the run so that categories and consents stay current.
"""

import dataclasses
import random

from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules


@dataclasses.dataclass(frozen=True)
class Scale:
    municipalities: int
    organizations: int
    teachers: int


SCALES = {
    # `tiny` exists for the test suite only: the smallest data that still exercises every step.
    "tiny": Scale(municipalities=2, organizations=8, teachers=80),
    "demo": Scale(municipalities=3, organizations=40, teachers=1200),
    "region": Scale(municipalities=60, organizations=1500, teachers=50000),
}

_steps = {}


def seed_step(order, name=None):
    """Register `func(ctx)` as a seed step run at `order` (see the module docstring for the orders in use)."""

    def decorator(func):
        _steps[name or f"{func.__module__}.{func.__name__}"] = (order, func)
        return func

    return decorator


def steps():
    """[(name, func)] of every registered step, in running order."""
    autodiscover_modules("seed_steps")
    return [(name, func) for name, (order, func) in sorted(_steps.items(), key=lambda item: (item[1][0], item[0]))]


@dataclasses.dataclass
class SeedContext:
    """What steps share: the scale, the seed, what earlier steps created or found, and the logins to print."""

    scale_name: str
    seed: int
    today: object = dataclasses.field(default_factory=timezone.localdate)
    region: object = None
    municipalities: list = dataclasses.field(default_factory=list)
    organizations: list = dataclasses.field(default_factory=list)
    # scope kind -> the object demo users of roles held on that kind get (a later app sets "center").
    scopes: dict = dataclasses.field(default_factory=dict)
    # step name -> {what: how many were created}
    created: dict = dataclasses.field(default_factory=dict)
    # (login, password, role, scope) rows of the demo logins table
    logins: list = dataclasses.field(default_factory=list)

    @property
    def scale(self):
        return SCALES[self.scale_name]

    def rng(self, step):
        """The random generator of one step: the same draws for the same --seed on every run and version."""
        return random.Random(f"{self.seed}:{step}")

    def count(self, step, what, number):
        self.created.setdefault(step, {})[what] = self.created.get(step, {}).get(what, 0) + number


def run(*, scale, seed=1):
    """Run every seed step at `scale` in one transaction; returns the context (counts and logins)."""
    if scale not in SCALES:
        raise ValueError(scale)
    ctx = SeedContext(scale_name=scale, seed=seed)
    with transaction.atomic():
        for _name, func in steps():
            func(ctx)
    if any(any(counts.values()) for counts in ctx.created.values()):
        # Fresh planner statistics after a bulk load: without them PostgreSQL estimates the 50,000 teachers as a
        # few hundred rows and sorts the whole registry for the first page of a list (and SQLite has no
        # statistics at all until ANALYZE runs).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return ctx
