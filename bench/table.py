"""The table `make bench` prints: per page and size, what a request costs and how it grows.

``results`` is ``{size: {page: row}}``; a row holds ``cached`` and ``uncached`` (wrk:
``rps``, ``p50_ms``, ``p95_ms``) and ``one`` (bench/profile.py: ``cpu_ms``, ``sql_ms``,
``queries``, ``size``, ``status``), with the path.
"""

from bench.pages import TRIVIAL

# The targets: CPU ms per request of one process, page cache off, 100,000 events.
TARGETS = {
    "front page": 6,
    "listing": 8,
    "listing: Køge + weekend": 8,
    "listing: every filter": 8,
    "listing: last page": 8,
    "event detail": 4,
    "municipality page": 6,
    "venue page": 6,
    "focus-area page": 6,
    "feed ICS: Køge": 40,
    "API occurrences": 10,
    "API occurrences: last page": 10,
    "API events": 10,
    "API events: last page": 10,
    "sitemap index": 50,
    "sitemap: events file": 50,
    "sitemap: events, last file": 50,
    # The search issue's: every search 15 ms, suggestions 5 ms.
    "search: koncert": 15,
    "search: koncert, by date": 15,
    "search: typo (kocert)": 15,
    "search: folded (faellessang)": 15,
    "search: filter words": 15,
    "search: no match (Mente du)": 15,
    "suggestions (cached per query)": 5,
}
GROWTH_TARGET = 1.2


def _share(row, key, baseline):
    rps = row.get(key, {}).get("rps")
    return f"{rps / baseline:6.1%}" if rps and baseline else f"{'-':>6}"


def size_table(size: int, rows: dict, settings: str) -> list[str]:
    """One size: CPU ms (one process), SQL ms and count, bytes, and under load the share of
    the trivial view's throughput and p50/p95, cached and uncached."""
    base_cached = rows.get(TRIVIAL, {}).get("cached", {}).get("rps")
    base_uncached = rows.get(TRIVIAL, {}).get("uncached", {}).get("rps")
    header = (
        f"{'page (' + str(size) + ' events)':30} {'CPU ms':>7} {'target':>6} {'SQL ms':>7} "
        f"{'SQL':>4} {'bytes':>8} {'cached':>6} {'p50':>6} {'p95':>6} {'uncach':>6} "
        f"{'p50':>7} {'p95':>7}"
    )
    lines = [header, "-" * len(header)]
    nan = float("nan")
    for name, row in rows.items():
        one = row.get("one", {})
        cpu = one.get("cpu_ms")
        target = TARGETS.get(name)
        verdict = ""
        if target:
            verdict = f"{target} " + ("✓" if cpu is not None and cpu <= target else "✗")
        mark = "" if one.get("status", 200) == 200 else f" (HTTP {one['status']})"
        cached, uncached = row.get("cached", {}), row.get("uncached", {})
        lines.append(
            f"{name:30} {cpu if cpu is not None else nan:7.1f} {verdict:>6} "
            f"{one.get('sql_ms', nan):7.1f} {one.get('queries', 0):4d} "
            f"{one.get('size') or 0:8d} {_share(row, 'cached', base_cached)} "
            f"{cached.get('p50_ms', nan):6.1f} {cached.get('p95_ms', nan):6.1f} "
            f"{_share(row, 'uncached', base_uncached)} "
            f"{uncached.get('p50_ms', nan):7.1f} {uncached.get('p95_ms', nan):7.1f}{mark}"
        )
    lines.append(
        "'CPU ms', 'SQL ms', 'SQL': one process, page cache off (bench/profile.py; median). "
        "'cached'/'uncach': throughput as a share of the trivial view under wrk, page cache on/"
        f"off, with p50/p95 in ms. {settings}"
    )
    return lines


def growth_table(results: dict) -> list[str]:
    """CPU ms of one process at each size, and the largest size's over the smallest's."""
    sizes = list(results)
    smallest, largest = sizes[0], sizes[-1]
    header = f"{'CPU ms by size':30} " + " ".join(f"{n:>9}" for n in sizes)
    header += f" {'x ' + str(largest // smallest):>8}"
    lines = [header, "-" * len(header)]
    for name in results[largest]:
        if name == TRIVIAL:
            continue
        times = [results[n].get(name, {}).get("one", {}).get("cpu_ms") for n in sizes]
        growth = times[-1] / times[0] if times[0] and times[-1] else float("nan")
        cells = " ".join(f"{t:9.1f}" if t is not None else f"{'-':>9}" for t in times)
        flag = " ✗" if growth > GROWTH_TARGET else ""
        lines.append(f"{name:30} {cells} {growth:8.2f}{flag}")
    lines.append(
        f"'x {largest // smallest}': CPU ms at {largest} events over {smallest} "
        f"(target ≤ {GROWTH_TARGET})."
    )
    return lines


def table(results: dict, settings: str) -> str:
    lines = []
    for size, rows in results.items():
        lines += [*size_table(size, rows, settings), ""]
    if len(results) > 1:
        lines += growth_table(results)
    return "\n".join(lines)
