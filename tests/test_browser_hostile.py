"""Every page of the hostile corpus, opened in a real Chromium under the site's CSP: no corpus
script runs, and our pages log no console errors."""
from __future__ import annotations

from pathlib import Path

import pytest
from browser import serve
from conftest import Build

pytestmark = pytest.mark.browser


def test_no_corpus_script_runs_on_any_page(hostile_site: Build, browser) -> None:
    pages = sorted(p.relative_to(hostile_site.site).as_posix() for p in hostile_site.site.rglob("*.html"))
    assert len(pages) >= 40
    problems: list[str] = []
    with serve(hostile_site.site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.on("console", lambda m: problems.append(f"{page.url}: console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(f"{page.url}: page error: {e}"))
        page.on("dialog", lambda d: (problems.append(f"{page.url}: dialog {d.message}"), d.dismiss()))
        for path in pages:
            url = base + path.replace("index.html", "")
            if path == "404.html":
                url = base + path
            page.goto(url, wait_until="load")
            page.wait_for_timeout(50)
            assert page.evaluate("() => window.__pwned") is None, path
            # The page stayed where it was: no meta refresh or script navigation from the corpus.
            assert page.url.startswith(base), path
        context.close()
    assert problems == []


def test_policy_would_stop_a_script_in_the_content(tmp_path: Path, browser) -> None:
    """The control: were corpus markup ever to reach a page, the policy still blocks it."""
    from mkdocs_corpus.site.security import with_policy

    html = (
        '<!doctype html><html><head><meta charset="utf-8"><script>window.__theme=1</script></head><body>'
        '<article class="md-content__inner md-typeset"><script>window.__pwned=1</script></article></body></html>'
    )
    (tmp_path / "index.html").write_text(with_policy(html), encoding="utf-8")
    refused: list[str] = []
    with serve(tmp_path) as base:
        page = browser.new_page()
        page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(base)
        assert page.evaluate("() => window.__theme") == 1
        assert page.evaluate("() => window.__pwned") is None
        page.close()
    assert refused
