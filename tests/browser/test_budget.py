"""Performance budget of the listing on a simulated slow phone (1.6 Mbit/s, 150 ms round
trip, CPU slowed four times): bytes, requests and largest contentful paint, written to
test-artifacts/budget.json. Bytes and request counts are asserted; times are only reported,
because they depend on the machine."""

import json

import pytest

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

KB = 1024
BUDGET_BYTES_BEFORE_IMAGES = 100 * KB
BUDGET_REQUESTS = 6
SLOW_PHONE = {
    "offline": False,
    "latency": 150,  # ms round trip
    "downloadThroughput": 1_600_000 / 8,  # bytes per second
    "uploadThroughput": 750_000 / 8,
}

LCP = """() => new Promise(resolve => {
  new PerformanceObserver(list => {
    const entries = list.getEntries();
    resolve(entries[entries.length - 1].startTime);
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve(null), 5000);
})"""


def test_listing_stays_within_the_slow_phone_budget(browser, live_server, site):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_PHONE)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))

    url = f"{live_server.url}/arrangementer/?period=month"
    page.goto(url, wait_until="load")
    lcp = page.evaluate(LCP)
    timing = page.evaluate(
        "() => { const t = performance.getEntriesByType('navigation')[0];"
        " return {domContentLoaded: t.domContentLoadedEventEnd, load: t.loadEventEnd}; }"
    )

    rows = []
    for request in responses:
        sizes = request.sizes()
        rows.append(
            {
                "url": request.url.removeprefix(live_server.url),
                "type": request.resource_type,
                "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
            }
        )
    context.close()
    before_images = sum(r["bytes"] for r in rows if r["type"] != "image")
    report = {
        "page": "/arrangementer/?period=month",
        "conditions": "1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT, CPU 4x slower, 375 px",
        # The test server sends files uncompressed; production compresses text (whitenoise).
        "compression": "none",
        "requests": len(rows),
        "bytes_total": sum(r["bytes"] for r in rows),
        "bytes_before_images": before_images,
        "largest_contentful_paint_ms": round(lcp) if lcp is not None else None,
        "dom_content_loaded_ms": round(timing["domContentLoaded"]),
        "load_ms": round(timing["load"]),
        "resources": rows,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "budget.json").write_text(json.dumps(report, indent=2))
    print(
        "\nListing on a slow phone: {requests} requests, {bytes_total} bytes "
        "({bytes_before_images} before images), LCP {largest_contentful_paint_ms} ms".format(
            **report
        )
    )

    assert report["largest_contentful_paint_ms"] is not None, "no LCP entry was recorded"
    assert before_images < BUDGET_BYTES_BEFORE_IMAGES, report
    assert len(rows) <= BUDGET_REQUESTS, report
