"""`make bench`: serve the site as in production and measure it under load.

For each data size (BENCH_SIZES, default 1000,10000,100000 events) it takes a PostgreSQL
database (BENCH_DATABASE_NAMES names existing ones, ``1000=km_1k,100000=km_100k``; others
are seeded as ``km_bench_<size>``), and for every page of bench/pages.py:

- one process, page cache off (bench/profile.py): CPU ms per request, SQL ms, SQL
  statements, bytes — the numbers the speed targets are stated in;
- gunicorn (DEBUG off, whitenoise, pooled connections) under wrk from a separate process,
  with the page cache on (as visitors get it) and off (what a miss costs): throughput as a
  share of the trivial view (/livez) in the same pass, p50 and p95.

It prints one table per size and the growth from the smallest size to the largest, and
writes bench-results/bench.json and bench.txt. The page cache's hit ratio in a mixed run
(visitors and venue staff at once) is `make loadtest`'s.

Environment: BENCH_DATABASE (server URL without database name, default
postgres://postgres@127.0.0.1:5432), BENCH_DATABASE_NAMES, BENCH_SIZES, BENCH_SECONDS (per
page, default 5), BENCH_CONNECTIONS (default 8), BENCH_WORKERS (gunicorn workers, default
4), BENCH_PORT, BENCH_REDIS_URL (default redis://127.0.0.1:6379/14, flushed per run; ""
for the local-memory cache), BENCH_LOAD=0 (one process only, no wrk).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import serve
from bench.table import table

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",") if s]
UNDER_LOAD = os.environ.get("BENCH_LOAD", "1") != "0"
OUT = serve.ROOT / "bench-results"


def pages(env) -> dict:
    """The URLs to measure, with real slugs from this database (bench/pages.py)."""
    script = "import json; from bench.pages import page_paths; print(json.dumps(page_paths()))"
    out = subprocess.run(
        [serve.PY, "manage.py", "shell", "-c", script],
        cwd=serve.ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_size(size: int, static_root: Path) -> dict:
    print(f"\n== {size} events")
    env = serve.prepare(size, static_root)
    paths = pages(env)
    one = serve.one_process(env)
    results = {name: {"path": path, "one": one.get(name, {})} for name, path in paths.items()}
    if UNDER_LOAD:
        cached = serve.measure_all(env, paths, "cached")
        uncached = serve.measure_all({**env, "PAGE_CACHE_SECONDS": "0"}, paths, "uncached")
        for name in paths:
            results[name].update(cached=cached[name], uncached=uncached[name])
    return results


def main():
    if UNDER_LOAD and not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    OUT.mkdir(exist_ok=True)
    static_root = Path(tempfile.mkdtemp(prefix="km-static-"))
    serve.manage(serve.env_for("postgres", static_root), "collectstatic", "--noinput")
    all_results = {}
    try:
        for size in SIZES:
            all_results[size] = run_size(size, static_root)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    settings = (
        f"{serve.CONNECTIONS} connections, {serve.WORKERS} gunicorn workers, "
        f"{serve.SECONDS} s per page."
    )
    report = table(all_results, settings)
    print("\n" + report)
    (OUT / "bench.json").write_text(json.dumps(all_results, indent=2))
    (OUT / "bench.txt").write_text(report + "\n")
    print(f"\nWritten: {OUT / 'bench.json'}, {OUT / 'bench.txt'}")


if __name__ == "__main__":
    main()
