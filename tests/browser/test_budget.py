"""Performance budget of the listing on a simulated slow phone (1.6 Mbit/s, 150 ms round
trip, CPU slowed four times): bytes, requests and largest contentful paint, written to
test-artifacts/budget.json. Bytes and request counts are asserted; times are only reported,
because they depend on the machine. Most events have a photo, as on the real site: the first
screen's thumbnails count (lazy ones further down load only when scrolled to)."""

import json
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import EventFactory, OccurrenceFactory

from .conftest import ARTIFACTS

pytestmark = pytest.mark.browser

KB = 1024
BUDGET_HTML = 60 * KB
BUDGET_BYTES_BEFORE_IMAGES = 100 * KB
BUDGET_BYTES_FIRST_SCREEN = 300 * KB  # with the thumbnails
BUDGET_REQUESTS_BEFORE_IMAGES = 6
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


def photo(seed):
    """A photo-like 1600×1067 JPEG: detail at every scale and some grain, so that its
    renditions weigh what a real photo's do (about 15 KB at 400 px, 40 KB at 800 px in WebP);
    flat test colours would make the budget look better than it is."""
    import random

    from PIL import Image, ImageDraw

    rng, size = random.Random(seed), (1600, 1067)
    image = Image.new("RGB", size, (90, 80, 70))
    pen = ImageDraw.Draw(image)
    for _ in range(1500):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randint(3, 120)
        pen.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in "rgb"))
    grain = Image.merge("RGB", [Image.effect_noise(size, 40)] * 3)
    image = Image.blend(image, grain, 0.15)
    out = BytesIO()
    image.save(out, "JPEG", quality=85)
    return ContentFile(out.getvalue(), name="foto.jpg")


@pytest.fixture
def photos(site):
    now = timezone.now()
    for n in range(12):
        event = EventFactory(
            title=f"Fotokoncert {n}",
            venue=site.venue,
            image=photo(n),
            image_alt=f"Publikum foran scenen, billede {n}",
        )
        OccurrenceFactory(event=event, start=now + timedelta(days=1, hours=n))
    return site


def test_listing_stays_within_the_slow_phone_budget(browser, live_server, photos):
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

    # The photos' day, not a period: "this month" has no tomorrow on a month's last day.
    day = timezone.localdate() + timedelta(days=1)
    url = f"{live_server.url}/arrangementer/?date_from={day}&date_to={day + timedelta(days=1)}"
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
    html = sum(r["bytes"] for r in rows if r["type"] == "document")
    images = [r for r in rows if r["type"] == "image"]
    report = {
        "page": url.removeprefix(live_server.url),
        "conditions": "1.6 Mbit/s down, 750 kbit/s up, 150 ms RTT, CPU 4x slower, 375 px",
        # The test server sends files uncompressed; production compresses text (whitenoise).
        "compression": "none",
        "requests": len(rows),
        "bytes_total": sum(r["bytes"] for r in rows),
        "bytes_before_images": before_images,
        "bytes_html": html,
        "images": len(images),
        "bytes_images": sum(r["bytes"] for r in images),
        "largest_contentful_paint_ms": round(lcp) if lcp is not None else None,
        "dom_content_loaded_ms": round(timing["domContentLoaded"]),
        "load_ms": round(timing["load"]),
        "resources": rows,
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "budget.json").write_text(json.dumps(report, indent=2))
    print(
        "\nListing on a slow phone: {requests} requests, {bytes_total} bytes "
        "({bytes_before_images} before images, HTML {bytes_html}, {images} images "
        "{bytes_images}), LCP {largest_contentful_paint_ms} ms".format(**report)
    )

    assert report["largest_contentful_paint_ms"] is not None, "no LCP entry was recorded"
    assert before_images < BUDGET_BYTES_BEFORE_IMAGES, report
    assert html < BUDGET_HTML, report
    assert report["bytes_total"] < BUDGET_BYTES_FIRST_SCREEN, report
    assert len(rows) - len(images) <= BUDGET_REQUESTS_BEFORE_IMAGES, report
    assert images, "no thumbnail was loaded: the budget would measure nothing"
    assert all(".webp" in r["url"] and "-400." in r["url"] for r in images), images
