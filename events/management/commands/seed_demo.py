"""``manage.py seed_demo``: a fictional demo data set for the Kulturmetropolen calendar.

Creates venues in all nine municipalities and (by default) about 150 events with dates over
the coming three months, a few past events and exhibitions that are already running. With
``--events N`` it scales up for benchmarks (100,000 events in a few minutes): more venues,
and dates spread from ten years back to a year ahead. Rows are written with ``bulk_create``
in batches, so the command sets what ``save()`` would otherwise set (slug, search text,
publication time).

Demo venues are recognised by their website on ``*.example.dk``; a second run does nothing
unless ``--reset`` is given, which first deletes the demo venues and their events. The demo
logins are only created with DEBUG on or with ``--with-logins``.
"""

import random
import time
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from events import demo_data
from events.models import AccessibilityFeature, Audience, Event, FocusArea, Occurrence
from municipalities.models import Municipality, Venue

PASSWORD = "kulturmetropolen-demo"
BASE_EVENTS = 150
SCALED_FROM = 500  # above this many events, dates cover ten years of history


def demo_venues():
    return Venue.objects.filter(website__endswith=f".{demo_data.DEMO_HOST}/")


def _m2m(model, name):
    """The through model of ``model.name`` and its two column names (own side, other side)."""
    field = model._meta.get_field(name)
    return field.remote_field.through, field.m2m_column_name(), field.m2m_reverse_name()


class Command(BaseCommand):
    help = "Create fictional demo venues, events and logins (idempotent; --reset to recreate)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--events", type=int, default=BASE_EVENTS, help="Number of events (default 150)."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed, for reproducible data."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo venues and events first."
        )
        parser.add_argument(
            "--with-logins",
            action="store_true",
            help="Create the demo logins even when DEBUG is off.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Rows per bulk insert (default 2000)."
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        count = options["events"]
        if count < 0 or options["batch_size"] < 1:
            raise CommandError("--events must be zero or more and --batch-size at least 1.")
        self.batch_size = options["batch_size"]
        self.rng = random.Random(options["seed"])
        make_logins = settings.DEBUG or options["with_logins"]
        logins = self.ensure_logins() if make_logins else []

        if options["reset"]:
            self.reset()
        if demo_venues().exists():
            self.stdout.write("Demo data already present; nothing created (use --reset).")
        else:
            with transaction.atomic():
                venues = self.create_venues(count)
                self.create_events(count, venues)
        if logins:
            self.give_venues_to(logins)
            self.print_logins(logins)
        else:
            self.stdout.write("Logins skipped (DEBUG is off; pass --with-logins to create them).")

        venue_ids = demo_venues().values("pk")
        events = Event.objects.filter(venue__in=venue_ids)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {demo_venues().count()} venues, {events.count()} events, "
                f"{Occurrence.objects.filter(event__venue__in=venue_ids).count()} occurrences "
                f"({time.monotonic() - started:.1f} s)."
            )
        )

    # --- Logins --------------------------------------------------------------------------

    def ensure_logins(self):
        """The three demo users; existing users are left as they are."""
        User = get_user_model()
        group = Group.objects.filter(name="Sekretariat").first()
        if group is None:
            self.stderr.write("The group «Sekretariat» is missing; run migrate first.")
        specs = [
            ("admin", "Demo Administrator", {"is_staff": True, "is_superuser": True}),
            ("sekretariat", "Demo Sekretariat", {"is_staff": True}),
            ("sted", "Demo Stedpersonale", {}),
        ]
        logins = []
        for username, name, flags in specs:
            first, last = name.split(" ", 1)
            user = User.objects.filter(username=username).first()
            created = user is None
            if created:
                user = User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@{demo_data.DEMO_HOST}",
                    **flags,
                )
                user.set_password(PASSWORD)
                user.save()
                if username == "sekretariat" and group is not None:
                    user.groups.add(group)
            logins.append((user, created))
        return logins

    def give_venues_to(self, logins):
        """Make ``sted`` staff of the first two demo venues (Stationsbiblioteket, Fjordscenen)."""
        staff = next(user for user, _ in logins if user.username == "sted")
        names = [row[3] for row in demo_data.BASE_VENUES[:2]]
        for venue in demo_venues().filter(name__in=names):
            venue.staff.add(staff)

    def print_logins(self, logins):
        roles = {
            "admin": "superuser",
            "sekretariat": "secretariat (staff, group Sekretariat)",
            "sted": "venue staff: " + ", ".join(row[3] for row in demo_data.BASE_VENUES[:2]),
        }
        self.stdout.write(f"\nDemo logins (password «{PASSWORD}»; /admin/ and /konto/login/):")
        self.stdout.write(f"  {'user':<12} {'role':<50} state")
        for user, created in logins:
            state = "created" if created else "existed, unchanged"
            self.stdout.write(f"  {user.username:<12} {roles[user.username]:<50} {state}")
        self.stdout.write("")

    # --- Reset ---------------------------------------------------------------------------

    def reset(self):
        venue_ids = list(demo_venues().values_list("pk", flat=True))
        if not venue_ids:
            return
        with transaction.atomic():
            events = Event.objects.filter(venue__in=venue_ids)
            # The dependants first, each in one statement, so that the final delete does not
            # have to collect hundreds of thousands of rows.
            Occurrence.objects.filter(event__in=events).delete()
            for name in ["focus_areas", "audiences", "accessibility_features"]:
                through, column, _ = _m2m(Event, name)
                through.objects.filter(**{f"{column}__in": events.values("pk")}).delete()
            deleted, _ = events.only("pk").delete()
            Venue.objects.filter(pk__in=venue_ids).delete()
        self.stdout.write(f"Deleted {len(venue_ids)} demo venues and {deleted} rows of events.")

    # --- Venues --------------------------------------------------------------------------

    def create_venues(self, count):
        municipalities = {m.slug: m for m in Municipality.objects.all()}
        missing = set(demo_data.TOWNS) - set(municipalities)
        if missing:
            raise CommandError(f"Municipalities missing ({', '.join(sorted(missing))}); migrate.")
        slugs = demo_data.SlugRegistry(Venue.objects.values_list("slug", flat=True))
        wanted = max(len(demo_data.BASE_VENUES), count // 200)
        built = demo_data.build_venues(self.rng, municipalities, wanted, slugs)
        venues = Venue.objects.bulk_create([v for v, _, _ in built], batch_size=self.batch_size)
        if any(v.pk is None for v in venues):  # databases that do not return ids
            ids = dict(
                Venue.objects.filter(slug__in=[v.slug for v in venues]).values_list("slug", "pk")
            )
            for venue in venues:
                venue.pk = ids[venue.slug]
        features = dict(AccessibilityFeature.objects.values_list("slug", "pk"))
        through, venue_column, feature_column = _m2m(Venue, "accessibility_features")
        # The field is declared on AccessibilityFeature; from Venue the columns are reversed.
        rows = [
            through(**{venue_column: venue.pk, feature_column: features[slug]})
            for venue, _, slugs_ in built
            for slug in slugs_
            if slug in features
        ]
        through.objects.bulk_create(rows, batch_size=self.batch_size)
        self.stdout.write(f"  {len(venues)} venues in {len(municipalities)} municipalities")
        by_kind = defaultdict(list)
        for venue, kind, _ in built:
            by_kind[kind].append(venue)
        return by_kind

    # --- Events --------------------------------------------------------------------------

    def create_events(self, count, venues_by_kind):
        scaled = count > SCALED_FROM
        now = timezone.now()
        today = timezone.localdate(now)
        slugs = demo_data.SlugRegistry(Event.objects.values_list("slug", flat=True))
        lookups = {
            "focus": dict(FocusArea.objects.values_list("slug", "pk")),
            "audiences": dict(Audience.objects.values_list("slug", "pk")),
            "features": dict(AccessibilityFeature.objects.values_list("slug", "pk")),
        }
        throughs = {
            "focus": _m2m(Event, "focus_areas"),
            "audiences": _m2m(Event, "audiences"),
            "features": _m2m(Event, "accessibility_features"),
        }
        if not lookups["focus"]:
            raise CommandError("No focus areas found; run migrate first.")
        users = self.demo_users()
        sted_venues = {row[3] for row in demo_data.BASE_VENUES[:2]}
        step = max(self.batch_size, count // 10)
        done = occurrences = 0
        while done < count:
            size = min(self.batch_size, count - done)
            plans = [
                demo_data.build_event(self.rng, done + i, venues_by_kind, today, now, slugs, scaled)
                for i in range(size)
            ]
            for plan in plans:
                self.attribute(plan.event, users, sted_venues)
            events = Event.objects.bulk_create([p.event for p in plans], batch_size=size)
            self.ensure_ids(events)
            rows = [
                Occurrence(event_id=p.event.pk, start=start, end=end, status=status)
                for p in plans
                for start, end, status in p.dates
            ]
            Occurrence.objects.bulk_create(rows, batch_size=size)
            occurrences += len(rows)
            for key, (through, own, other) in throughs.items():
                links = [
                    through(**{own: p.event.pk, other: lookups[key][slug]})
                    for p in plans
                    for slug in getattr(p, key)
                    if slug in lookups[key]
                ]
                through.objects.bulk_create(links, batch_size=size)
            done += size
            if done == count or done % step < size:
                self.stdout.write(f"  {done:>{len(str(count))}}/{count} events")
        if count:
            self.stdout.write(f"  {occurrences} occurrences")

    def demo_users(self):
        User = get_user_model()
        found = {u.username: u for u in User.objects.filter(username__in=["sted", "sekretariat"])}
        return found.get("sted"), found.get("sekretariat")

    def attribute(self, event, users, sted_venues):
        """Who submitted and reviewed: the demo venue staff's events come from ``sted``."""
        sted, secretariat = users
        if sted is not None and event.venue.name in sted_venues:
            event.submitted_by = sted
            if event.status in {Event.Status.PUBLISHED, Event.Status.REJECTED}:
                event.reviewed_by = secretariat

    def ensure_ids(self, events):
        if all(e.pk is not None for e in events):
            return
        ids = dict(
            Event.objects.filter(slug__in=[e.slug for e in events]).values_list("slug", "pk")
        )
        for event in events:
            event.pk = ids[event.slug]
