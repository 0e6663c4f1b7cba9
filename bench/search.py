"""Search cost per request: CPU of the Django process, SQL time and queries, wall time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a migrated 100k copy> \
        .venv/bin/python bench/search.py [repeats]

Runs in-process with DEBUG off and the page cache off (every request renders and queries),
each search case ``repeats`` times (default 5) after one warm-up, and prints the median of
each measure. Suggestions are measured uncached: their cached answer is dropped before each
request (the vocabularies and the names' words stay warm, as in a running process).
:data:`CASES` is the list the load benchmark (bench/run.py) may import.
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

#: (label, path): what a citizen types, and the suggestions while typing.
CASES = [
    ("no search (the listing)", "/arrangementer/"),
    ("word", "/arrangementer/?q=koncert"),
    ("word, by date", "/arrangementer/?q=koncert&sort=date"),
    ("rarer word", "/arrangementer/?q=pizza"),
    ("two words", "/arrangementer/?q=jazz+koncert"),
    ("folded letters", "/arrangementer/?q=koge"),
    ("folded word", "/arrangementer/?q=faellessang"),
    ("typo", "/arrangementer/?q=kocert"),
    ("typo 2", "/arrangementer/?q=f%C3%A6llesang"),
    ("filter words", "/arrangementer/?q=roskilde+musik+weekend"),
    ("stop word", "/arrangementer/?q=og"),
    ("word, date order", "/arrangementer/?q=jazz&sort=date"),
    ("no match (Mente du)", "/arrangementer/?q=beatvarkstd+solnedgang"),
    ("suggestions", "/arrangementer/forslag.json?q=kon"),
    ("suggestions, place", "/arrangementer/forslag.json?q=ros"),
    ("suggestions, two words", "/arrangementer/forslag.json?q=jazz+ko"),
    ("suggestions, typo", "/arrangementer/forslag.json?q=kocert"),
]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(repeats: int) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kulturmetropolen.settings")
    os.environ["DEBUG"] = "0"
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["ANONYMOUS_STATEMENT_TIMEOUT_MS"] = "0"  # measure the whole cost
    os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 50)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    # Plain static URLs: no collected manifest is needed for this measurement.
    override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    print(f"{'case':26} {'status':>6} {'cpu ms':>8} {'wall ms':>8} {'sql ms':>8} {'queries':>7}")
    from urllib.parse import parse_qs, urlsplit

    from django.core.cache import cache

    from events.search.suggest import cache_key, typed_words

    for label, path in CASES:
        client.get(path)  # warm: vocabularies, the names' words, connection
        cpu, wall, sql, count, status = [], [], [], 0, 0
        typed = typed_words(parse_qs(urlsplit(path).query).get("q", [""])[0])
        for _ in range(repeats):
            if "forslag.json" in path:
                cache.delete(cache_key(typed))
            with CaptureQueriesContext(connection) as queries:
                started, cpu_started = time.perf_counter(), _cpu()
                response = client.get(path)
                cpu.append((_cpu() - cpu_started) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
            sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            count, status = len(queries.captured_queries), response.status_code
        print(
            f"{label:26} {status:>6} {statistics.median(cpu):8.1f} "
            f"{statistics.median(wall):8.1f} {statistics.median(sql):8.1f} {count:>7}"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
