"""Screenshots of what a reader sees, for the README: the home page, a story page and an entity page, on a
desktop (1280 px wide) and a phone (390 px), as PNG in docs/assets/; and the home page's chart in the dark scheme.

Builds tests/corpora/glance (a three-language story, dated articles, an entity registry) unless SITE names a
built site, serves it on loopback and drives Debian's Chromium (tests/browser.py):

    python bench/screenshots.py            # or SITE=/tmp/site STORY=stories/x/ ENTITY=entities/y/ python ...
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from conftest import build  # noqa: E402

OUT = ROOT / "docs" / "assets"
SIZES = {"desktop": (1280, 900), "mobile": (390, 844)}


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        site = Path(os.environ["SITE"]) if os.environ.get("SITE") else _build(Path(scratch))
        stories = json.loads((site / "api" / "translations.json").read_text(encoding="utf-8"))
        story = os.environ.get("STORY") or max(stories, key=lambda s: len(s["articles"]))["url"]
        entities = json.loads((site / "api" / "entities.json").read_text(encoding="utf-8"))
        entity = os.environ.get("ENTITY") or max((e for e in entities if e["url"]), key=lambda e: len(e["articles"]))["url"]
        pages = {"home": "", "story": story + "?v=en,de,fr", "entity": entity}
        with serve(site) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
                for name, url in pages.items():
                    page.goto(base + url)
                    path = OUT / f"screenshot-{name}-{size}.png"
                    page.screenshot(path=str(path), full_page=name == "home" and size == "desktop")
                    print(path.relative_to(ROOT))
                if size == "desktop":  # the charts in Material's dark scheme, which the site's palette could add
                    page.goto(base)
                    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
                    page.locator(".corpus-chart").first.scroll_into_view_if_needed()
                    path = OUT / "screenshot-home-desktop-dark.png"
                    page.screenshot(path=str(path))
                    print(path.relative_to(ROOT))
                page.close()
            browser.close()


def _build(scratch: Path) -> Path:
    result = build(ROOT / "tests" / "corpora" / "glance", scratch / "site")
    if result.returncode:
        sys.exit(result.log)
    return result.site


if __name__ == "__main__":
    main()
