"""``manage.py seed_demo``: a fictional demo data set for the Kulturmetropolen calendar.

Creates venues in all nine municipalities and (by default) 150 events with dates over the coming
three months, a few past events and exhibitions that are already running. With ``--events N`` it
scales up for benchmarks (100,000 events in a few minutes): more venues, and above 500 events,
dates from ten years back to a year ahead. Rows are written with ``bulk_create`` in batches, so
the command sets what ``save()`` would (slug, search text, publication time). The texts live in
``events.demo``; most events get a poster (``events.demo.posters``): one each up to 500 events, a
shared pool of 30 above (``--posters`` chooses). Fjordscenen's own calendar is imported.
Demo venues are recognised by their website on ``*.example.dk``: a second run creates
nothing unless ``--reset`` is given, which first deletes the demo venues and their events.
The demo logins are only created with DEBUG on or with ``--with-logins``.
"""

import random
import time as clock
from collections import defaultdict
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from core.text import danish_slugify
from events import demo, media
from events.demo.build import demo_date
from events.demo.posters import Posters
from events.models import AccessibilityFeature, Audience, Event, FocusArea, Occurrence
from events.models.occurrence import all_day_span
from municipalities.models import Municipality, Venue

PASSWORD = "kulturmetropolen-demo"
SCALED_FROM = 500  # above this many events, dates cover ten years of history
CLOSED = {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)}  # (month, day): no events
Status = Occurrence.Status


class SlugRegistry:
    """Unique slugs without a query per row: danish_slugify plus -2, -3 … when taken."""

    def __init__(self, taken):
        self.taken = set(taken)
        self.next = {}

    def unique(self, text: str, max_length: int) -> str:
        base = danish_slugify(text)[: max_length - 8].strip("-") or "x"
        slug, n = base, self.next.get(base, 2)
        while slug in self.taken:
            slug, n = f"{base}-{n}", n + 1
        self.next[base] = n
        self.taken.add(slug)
        return slug


def demo_venues():
    return Venue.objects.filter(website__endswith=f".{demo.DEMO_HOST}/")


def _m2m(model, name):
    """The through model of the field ``model.name`` and its columns (this side, other side)."""
    field = model._meta.get_field(name)
    return field.remote_field.through, field.m2m_column_name(), field.m2m_reverse_name()


# --- The calendar ---------------------------------------------------------------------------


def _at(day, at):
    return datetime.combine(day, at, tzinfo=timezone.get_default_timezone())


def _open(day):
    """``day``, or the first day after it that is not a holiday."""
    while (day.month, day.day) in CLOSED:
        day += timedelta(days=1)
    return day


def _first_day(rng, today, scaled: bool, span: int = 0):
    """The first day of an event whose last date is ``span`` days later.

    Scaled: ten years back to a year ahead. Otherwise mostly in the next 90 days, and a few
    that ended at least two weeks ago.
    """
    if scaled:
        return today + timedelta(days=rng.randint(-3650, 365))
    if rng.random() < 0.08:
        return today - timedelta(days=rng.randint(14 + span, 75 + span))
    return today + timedelta(days=rng.randint(1, max(1, 90 - span)))


def schedule(rng, kind, today, scaled: bool):
    """The (start, end) pairs of an event of ``kind``, and how many weeks it runs."""
    at = rng.choice(kind["times"])
    if kind["schedule"] == "exhibition":  # one occurrence over weeks
        weeks = rng.randint(4, 12)
        if not scaled and rng.random() < 0.3:  # opened weeks ago, still running
            first = today - timedelta(days=rng.randint(14, 45))
            weeks = max(weeks, (today - first).days // 7 + rng.randint(2, 8))
        else:
            first = _first_day(rng, today, scaled, span=weeks * 7)
        first = _open(first)
        # Whole days (Occurrence.all_day): midnight to midnight.
        return [all_day_span(first, first + timedelta(weeks=weeks))], weeks
    if kind["schedule"] == "series":  # weekly
        weeks = rng.randint(4, 10)
        offsets = [timedelta(weeks=w) for w in range(weeks)]
    elif kind["schedule"] == "multi":  # a few dates, weeks apart
        weeks, step = rng.choice([2, 3, 4]), rng.choice([1, 2, 4])
        offsets = [timedelta(weeks=w * step) for w in range(weeks)]
    else:  # single, sometimes with an extra performance the next day
        weeks, offsets = 1, [timedelta(0), timedelta(days=1)][: 1 + (rng.random() < 0.12)]
    first = _first_day(rng, today, scaled, span=offsets[-1].days)
    if kind["weekend"]:
        first += timedelta(days=(5 - first.weekday()) % 7 + rng.choice([0, 1]))
    first = _open(first)
    days = [first + offset for offset in offsets]
    starts = [_at(day, at) for day in days if (day.month, day.day) not in CLOSED]
    length = timedelta(minutes=kind["minutes"]) if rng.random() < 0.7 else None
    return [(start, length and start + length) for start in starts], weeks


def occurrence_status(rng, sellable: bool) -> str:
    r = rng.random()
    if r < 0.03:
        return Status.CANCELLED
    if r < 0.045:
        return Status.POSTPONED
    return Status.SOLD_OUT if sellable and r < 0.12 else Status.SCHEDULED


def publication_status(rng, index: int, scaled: bool) -> str:
    """One in 13 is not published: a draft, one awaiting review or a rejected one."""
    slot = rng.randrange(40) if scaled else index % 40
    return {7: "draft", 19: "submitted", 31: "rejected"}.get(slot, "published")


class Command(BaseCommand):
    help = "Create fictional demo venues, events and logins (idempotent; --reset to recreate)."

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=150, help="How many (default 150).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument("--reset", action="store_true", help="Delete the demo data first.")
        parser.add_argument(
            "--with-logins", action="store_true", help="Create the logins even without DEBUG."
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="Rows per insert.")
        parser.add_argument("--posters", choices=["each", "shared", "none"], help="See above.")

    def handle(self, *args, **options):
        started = clock.monotonic()
        count, self.batch_size = options["events"], options["batch_size"]
        if count < 0 or self.batch_size < 1:
            raise CommandError("--events must be zero or more and --batch-size at least 1.")
        self.rng = random.Random(options["seed"])
        posters = options["posters"] or ("each" if count <= SCALED_FROM else "shared")
        storage, shared = Event._meta.get_field("image").storage, posters == "shared"
        self.posters = None if posters == "none" else Posters(storage, shared=shared)
        logins = []
        if settings.DEBUG or options["with_logins"]:
            logins = self.ensure_logins()
        if options["reset"]:
            self.reset()
        if demo_venues().exists():
            self.stdout.write("Demo data already present; nothing created (use --reset).")
        else:
            with transaction.atomic():
                self.create_venues(count)
                self.create_events(count)
            if "imports" in settings.INSTALLED_APPS:  # by name: events never imports imports
                call_command("import_events", demo=True, stdout=self.stdout)
            if connection.vendor == "postgresql":
                # Fresh statistics, so the planner knows the tables' new size at once.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")
        if logins:
            sted = next(user for user, _ in logins if user.username == "sted")
            for venue in demo_venues().filter(name__in=demo.STAFF_VENUES):
                venue.staff.add(sted)
            self.print_logins(logins)
        else:
            self.stdout.write("Logins skipped (DEBUG is off; pass --with-logins to create them).")
        venue_ids = demo_venues().values("pk")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {demo_venues().count()} venues, "
                f"{Event.objects.filter(venue__in=venue_ids).count()} events, "
                f"{Occurrence.objects.filter(event__venue__in=venue_ids).count()} occurrences "
                f"({clock.monotonic() - started:.1f} s)."
            )
        )

    # --- Logins ---------------------------------------------------------------------------

    def ensure_logins(self):
        """The three demo users, as (user, created); existing users are left as they are."""
        User = get_user_model()
        group = Group.objects.filter(name="Sekretariat").first()
        if group is None:
            self.stderr.write("The group «Sekretariat» is missing; run migrate first.")
        logins = []
        for username, last_name, flags in [
            ("admin", "Administrator", {"is_staff": True, "is_superuser": True}),
            ("sekretariat", "Sekretariat", {"is_staff": True}),
            ("sted", "Stedpersonale", {}),
        ]:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, first_name="Demo", last_name=last_name, **flags)
                user.email = f"{username}@{demo.DEMO_HOST}"
                user.set_password(PASSWORD)  # directly: the validators would refuse it
                user.save()
                if username == "sekretariat" and group is not None:
                    user.groups.add(group)
                logins.append((user, True))
            else:
                logins.append((user, False))
        return logins

    def print_logins(self, logins):
        roles = {
            "admin": "superuser",
            "sekretariat": "secretariat (staff, group Sekretariat)",
            "sted": "venue staff: " + ", ".join(demo.STAFF_VENUES),
        }
        self.stdout.write(f"\nDemo logins, password «{PASSWORD}» (/admin/, /konto/login/):")
        self.stdout.write(f"  {'user':<12} {'role':<50} state")
        for user, created in logins:
            state = "created" if created else "existed, left unchanged"
            self.stdout.write(f"  {user.username:<12} {roles[user.username]:<50} {state}")

    # --- Reset ----------------------------------------------------------------------------

    def reset(self):
        venue_ids = list(demo_venues().values_list("pk", flat=True))
        if not venue_ids:
            return
        with transaction.atomic():
            events = Event.objects.filter(venue__in=venue_ids)
            count = events.count()
            for name in set(events.exclude(image="").values_list("image", flat=True)):
                media.release(name)  # after the commit, unless a non-demo event uses it
            # The dependants first, one statement each, so that deleting the events does not
            # collect hundreds of thousands of related rows in Python.
            Occurrence.objects.filter(event__in=events.values("pk")).delete()
            for name in ["focus_areas", "audiences", "accessibility_features"]:
                through, column, _ = _m2m(Event, name)
                through.objects.filter(**{f"{column}__in": events.values("pk")}).delete()
            events.only("pk").delete()
            Venue.objects.filter(pk__in=venue_ids).delete()
        self.stdout.write(f"Deleted {len(venue_ids)} demo venues and {count} events.")

    # --- Venues ---------------------------------------------------------------------------

    def create_venues(self, count):
        """The base venues plus one per 200 events beyond them, with accessibility features."""
        rng, data = self.rng, demo
        municipalities = {m.slug: m for m in Municipality.objects.all()}
        missing = set(data.TOWNS) - set(municipalities)
        if missing:
            raise CommandError(f"Municipalities missing ({', '.join(sorted(missing))}); migrate.")
        rows, names = list(data.BASE_VENUES), {row[3] for row in data.BASE_VENUES}
        while len(rows) < count // 200:
            kind, municipality = rng.choice(list(data.VENUE_PREFIX)), rng.choice(list(data.TOWNS))
            name = f"{data.VENUE_PREFIX[kind]} {rng.choice(data.NAME_HEADS)}"
            name += rng.choice(data.NAME_TAILS)
            if name in names:
                name = f"{name}, {data.TOWNS[municipality][0][0]}"
            if name not in names:
                names.add(name)
                street = f"{rng.choice(data.NAME_HEADS)}{rng.choice(data.STREET_TAILS)}"
                town = rng.randrange(len(data.TOWNS[municipality]))
                rows.append((municipality, town, kind, name, f"{street} {rng.randint(1, 80)}"))
        slugs = SlugRegistry(Venue.objects.values_list("slug", flat=True))
        self.venues_by_kind, features = defaultdict(list), []
        for municipality, town, kind, name, street in rows:
            city, postal_code, lat, lon = data.TOWNS[municipality][town]
            slug = slugs.unique(name, 200)
            trusted = data.STAFF_VENUES.get(name, rng.random() < 0.35)
            venue = Venue(
                name=name,
                slug=slug,
                municipality=municipalities[municipality],
                street_address=street,
                postal_code=postal_code,
                city=city,
                latitude=Decimal(f"{lat + rng.uniform(-0.008, 0.008):.6f}"),
                longitude=Decimal(f"{lon + rng.uniform(-0.012, 0.012):.6f}"),
                website=f"https://{slug}.{data.DEMO_HOST}/",
                email=f"kontakt@{slug}.{data.DEMO_HOST}",
                description=data.VENUE_TEXT[kind].format(
                    name=name, city=city, cap=rng.choice([80, 150])
                ),
                is_trusted=trusted,
            )
            self.venues_by_kind[kind].append(venue)
            wanted = [f for f, share in data.VENUE_FEATURES.items() if rng.random() < share]
            if kind in {"scene", "musik", "kulturhus"} and rng.random() < 0.6:
                wanted.append("teleslynge")
            features.append((venue, wanted))
        venues = Venue.objects.bulk_create([v for v, _ in features], batch_size=self.batch_size)
        self.ensure_ids(Venue, venues)
        by_slug = dict(AccessibilityFeature.objects.values_list("slug", "pk"))
        through, feature_column, venue_column = _m2m(AccessibilityFeature, "venues")
        links = [
            through(**{venue_column: venue.pk, feature_column: by_slug[slug]})
            for venue, wanted in features
            for slug in wanted
            if slug in by_slug
        ]
        through.objects.bulk_create(links, batch_size=self.batch_size)
        self.stdout.write(f"  {len(venues)} venues in {len(municipalities)} municipalities")

    # --- Events ---------------------------------------------------------------------------

    def create_events(self, count):
        scaled, now = count > SCALED_FROM, timezone.now()
        self.today, self.titles = timezone.localdate(now), set()
        slugs = SlugRegistry(Event.objects.values_list("slug", flat=True))
        lookups = {
            "focus": (_m2m(Event, "focus_areas"), FocusArea),
            "audiences": (_m2m(Event, "audiences"), Audience),
            "features": (_m2m(Event, "accessibility_features"), AccessibilityFeature),
        }
        lookups = {
            key: (m2m, dict(model.objects.values_list("slug", "pk")))
            for key, (m2m, model) in lookups.items()
        }
        if not lookups["focus"][1]:
            raise CommandError("No focus areas found; run migrate first.")
        User = get_user_model()
        users = {u.username: u for u in User.objects.filter(username__in=["sted", "sekretariat"])}
        step, done, occurrences = max(self.batch_size, count // 10), 0, 0
        while done < count:
            size = min(self.batch_size, count - done)
            plans = [self.plan_event(done + i, now, slugs, scaled, users) for i in range(size)]
            events = Event.objects.bulk_create([p.event for p in plans], batch_size=size)
            self.ensure_ids(Event, events)
            rows = [
                demo_date(p.event.pk, start, end, status)
                for p in plans
                for (start, end), status in zip(p.dates, p.statuses, strict=True)
            ]
            Occurrence.objects.bulk_create(rows, batch_size=size)
            occurrences += len(rows)
            for key, ((through, own, other), pks) in lookups.items():
                links = [
                    through(**{own: p.event.pk, other: pks[slug]})
                    for p in plans
                    for slug in getattr(p, key)
                    if slug in pks
                ]
                through.objects.bulk_create(links, batch_size=size)
            done += size
            if done == count or done % step < size:
                self.stdout.write(f"  {done:>{len(str(count))}}/{count} events")
        self.stdout.write(f"  {occurrences} occurrences")

    def plan_event(self, index, now, slugs, scaled, users):
        """One unsaved event with its dates: what ``save()`` would set is set here."""
        rng = self.rng
        kind = demo.pick_kind(rng)
        status = publication_status(rng, index, scaled)
        candidates = [v for k in kind["venues"] for v in self.venues_by_kind.get(k, [])]
        if status != "published":  # give the venue-staff login previews to look at
            review = [v for v in candidates if v.name in demo.STAFF_VENUES]
            review = [v for v in review if not v.is_trusted]
            if review and rng.random() < 0.5:
                candidates = review
        venue = rng.choice(candidates)
        dates, weeks = schedule(rng, kind, self.today, scaled)
        used = None if scaled else self.titles  # a small data set has no duplicate titles
        plan = demo.build_event(rng, kind, venue, status, dates, weeks, slugs, used)
        event, first = plan.event, dates[0][0]
        if status == "published":
            published = first - timedelta(days=rng.randint(7, 45), hours=rng.randint(0, 8))
            event.published_at = min(now, published)
            event.is_featured = first > now and rng.random() < (0.01 if scaled else 0.1)
        if venue.name in demo.STAFF_VENUES and "sted" in users:
            event.submitted_by = users["sted"]
            if status in {"published", "rejected"} and not venue.is_trusted:
                event.reviewed_by = users.get("sekretariat")
        plan.statuses = [occurrence_status(rng, plan.sellable) for _ in dates]
        if self.posters is not None:
            self.posters.attach(event, plan.focus)
        return plan

    @staticmethod
    def ensure_ids(model, objs):
        """Fill in the ids when the database did not return them from the bulk insert."""
        if any(obj.pk is None for obj in objs):
            slugs = [obj.slug for obj in objs]
            ids = dict(model.objects.filter(slug__in=slugs).values_list("slug", "pk"))
            for obj in objs:
                obj.pk = ids[obj.slug]
