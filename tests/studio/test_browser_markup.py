"""A project full of markup in its title, texts, file names and error messages, opened in a real headless
Chromium: no script of the project runs and no element of it appears — after load, on the uncached-footage note,
after a failed generation, on a broken save and on a refused render — because project strings reach the page
only as text, and the page's Content-Security-Policy would block inline script even if one slipped in."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from .live import browser_env, serve
from .test_browser import CHROMIUM

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason="needs Debian's chromium at /usr/bin/chromium (install.sh: apt-get install "
                                       "chromium)")


def payload(n: int) -> str:
    """Markup that, parsed as HTML anywhere on the page, sets window.__pwned and adds an element."""
    return f"<img class=pwn src=x onerror=window.__pwned={n}><b class=pwn>{n}"


BG = payload(1) + ".mp4"                     # file names: the folder, the project file, a background video
PROJECT = f"""\
compositor: 1
title: "{payload(2)}</b><script>window.__pwned=3</script>"
output:
  size: [320, 180]
  fps: 10
  file: "{BG}"
shots:
  - id: intro
    duration: 1
    background: {{video: "{BG}"}}
    layers:
      - rect: {{size: [200, 100], fill: black}}
        at: [160, 90]
      - text: "{payload(4)}"
        color: "#ff0000"
        at: [160, 90]
  - id: waves
    duration: 1
    background:
      generate: {{model: builtin, prompt: "{payload(5)}", seed: 3, steps: 2}}
"""
CLEAN = "() => window.__pwned === undefined && document.querySelectorAll('.pwn, script:not([src])').length === 0"


def _video(path: Path) -> None:
    import av
    import numpy as np

    with av.open(str(path), "w", format="mp4") as out:
        s = out.add_stream("libx264", rate=10)
        s.width, s.height, s.pix_fmt = 320, 180, "yuv420p"
        for _ in range(10):
            out.mux(s.encode(av.VideoFrame.from_ndarray(np.full((180, 320, 3), 200, np.uint8), format="rgb24")))
        out.mux(s.encode())


def _clean(page) -> None:
    page.wait_for_timeout(300)            # an onerror would have fired by now (src=x fails at once)
    assert page.evaluate(CLEAN), page.evaluate("() => [window.__pwned, document.body.innerHTML.slice(0, 400)]")


def test_markup_in_a_project_never_runs_in_the_page(tmp_path, compositor_cli):
    sync_api = pytest.importorskip("playwright.sync_api")
    folder = tmp_path / payload(6)
    folder.mkdir()
    f = folder / (payload(7) + ".yaml")
    f.write_text(PROJECT)
    _video(folder / BG)
    assert compositor_cli("validate", f).returncode == 0       # markup in texts and names is fine as text
    with serve(f) as (url, app), sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-background-networking"], env=browser_env())
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(url + "/")
        page.wait_for_function("() => document.getElementById('frame').dataset.frame === '0'", timeout=10000)
        assert page.text_content("#title") == f"{payload(2)}</b><script>window.__pwned=3</script>"
        _clean(page)

        img = page.locator("#frame").bounding_box()            # select a layer: the file's path as text
        page.mouse.click(img["x"] + img["width"] * 70 / 320, img["y"] + img["height"] * 45 / 180)
        page.wait_for_selector("#sel:not([hidden])", timeout=5000)
        assert page.text_content("#sel-link") in (f"{f}:12", f"{f}:14")
        _clean(page)

        page.keyboard.press("End")                             # the generated shot: not cached, a note
        page.wait_for_selector("#placeholder:not([hidden]) #gen", timeout=10000)
        assert page.text_content("#placeholder").startswith("shot waves: generated footage not cached")
        _clean(page)

        sent = []                                              # a failed generation, its message full of markup

        def fail(route):
            sent.append(route.request.headers.get("x-compositor-token"))
            route.fulfill(status=409, content_type="application/json", body='{"error": "%s"}' % payload(8))
        page.route("**/api/generate*", fail)
        page.click("#gen")
        page.wait_for_function("() => document.getElementById('placeholder').textContent.includes('failed')")
        assert sent == [app.token]                             # the page sends this launch's token
        assert page.text_content("#placeholder") == f"shot waves: generation failed — {payload(8)}"
        _clean(page)

        page.click("#render")                                  # refused: the output is the background video
        page.wait_for_function("() => document.getElementById('render-status').textContent.includes('overwrite')")
        status = page.text_content("#render-status")
        assert status.startswith(f"{f}:6: output.file: the output ") and f"input file '{BG}'" in status
        _clean(page)

        f.write_text(PROJECT.replace('color: "#ff0000"', f'color: "{payload(9)}"'))    # a broken save
        page.wait_for_selector("#error:not([hidden])", timeout=5000)
        assert page.text_content("#error-message").startswith(f"{f}:15: ")
        assert payload(9) in page.text_content("#error-context")
        _clean(page)

        # the policy itself: an inline handler that reached the DOM anyway is blocked, and says so
        page.evaluate("() => { window.__blocked = 0; document.addEventListener('securitypolicyviolation', "
                      "() => window.__blocked++); document.body.insertAdjacentHTML('beforeend', "
                      "'<img id=probe src=x onerror=\"window.__probe=1\">'); }")
        page.wait_for_function("() => window.__blocked > 0", timeout=5000)
        assert page.evaluate("() => window.__probe") is None
        browser.close()
    assert (folder / BG).stat().st_size > 0 and sorted(p.name for p in folder.iterdir()
                                                       if not p.name.startswith(".")) == sorted([BG, f.name])
