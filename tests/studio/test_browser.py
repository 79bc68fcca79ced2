"""The studio in a real headless Chromium (Debian's, never a downloaded one): scrub with keys and the ruler,
see a save within 2 s, see a broken file's line, fix it, click a layer and read its file:line, pick the variant
and see its frame. The page's
Content-Security-Policy forbids eval, so every wait_for_function predicate is a function, never a bare
expression (Playwright evaluates those with eval)."""
from __future__ import annotations

import os
import time

import pytest

from .live import browser_env, serve
from .project import PROJECT

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason="needs Debian's chromium at /usr/bin/chromium (install.sh: apt-get install "
                                       "chromium)")

PIXELS = """() => { const img = document.getElementById('frame');
  if (!img.complete || !img.naturalWidth) return null; const c = document.createElement('canvas');
  c.width = img.naturalWidth; c.height = img.naturalHeight; const g = c.getContext('2d'); g.drawImage(img, 0, 0);
  const d = g.getImageData(0, 0, c.width, c.height).data; let h = 0;
  for (let i = 0; i < d.length; i += 7) h = (h * 31 + d[i]) % 1000000007; return h; }"""


def _frame_shown(page, n):
    page.wait_for_function(f"() => document.getElementById('frame').dataset.frame === '{n}'", timeout=10000)


def test_studio_in_chromium(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    f = tmp_path / "project.yaml"
    f.write_text(PROJECT)
    with serve(f) as (url, _app), sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-background-networking"], env=browser_env())
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(url + "/")
        _frame_shown(page, 0)
        page.wait_for_function(f"() => ({PIXELS})() !== null")
        first = page.evaluate(PIXELS)
        page.keyboard.press("ArrowRight")
        _frame_shown(page, 1)
        assert page.inner_text("#frameno") == "frame 1"
        page.keyboard.press("Shift+ArrowRight")
        _frame_shown(page, 11)
        page.keyboard.press("End")
        _frame_shown(page, 24)
        page.wait_for_function(f"() => ({PIXELS})() !== null")
        assert page.evaluate(PIXELS) != first          # the blue outro shows
        page.keyboard.press("Home")
        _frame_shown(page, 0)

        box = page.locator("#ruler").bounding_box()     # drag the playhead along the ruler
        page.mouse.move(box["x"] + 2, box["y"] + 5)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + 5, steps=5)
        page.mouse.up()
        page.wait_for_function("() => document.getElementById('frame').dataset.frame !== '0'", timeout=10000)
        page.wait_for_function("() => document.getElementById('frameno').textContent === "     # the drag's last frame
                               "'frame ' + document.getElementById('frame').dataset.frame", timeout=10000)
        shown = page.evaluate("document.getElementById('frame').dataset.frame")
        assert 5 <= int(shown) <= 9
        page.wait_for_function(f"() => ({PIXELS})() !== null")
        assert page.evaluate(PIXELS) == page.evaluate(PIXELS)
        before = page.evaluate(PIXELS)

        t0 = time.time()                                # change the text on disk: the new frame within 2 s
        f.write_text(PROJECT.replace('"HELLO"', '"WORLD WIDE"'))
        page.wait_for_function(f"() => (h => h !== null && h !== {before})(({PIXELS})())", timeout=2000)
        assert time.time() - t0 < 2
        assert page.evaluate("document.getElementById('frame').dataset.frame") == shown   # playhead kept

        f.write_text(PROJECT.replace("duration: 2", "duration: -2"))   # broken: the message with its line
        page.wait_for_selector("#error:not([hidden])", timeout=5000)
        assert f"{f}:9:" in page.inner_text("#error-message")
        assert "duration: -2" in page.text_content("#error-context")
        f.write_text(PROJECT)
        page.wait_for_selector("#error", state="hidden", timeout=5000)

        img = page.locator("#frame").bounding_box()     # click the black rectangle at output (70, 50)
        page.mouse.click(img["x"] + img["width"] * 70 / 320, img["y"] + img["height"] * 50 / 180)
        page.wait_for_selector("#sel:not([hidden])", timeout=5000)
        assert page.inner_text("#sel-link") == f"{f}:12"
        assert page.get_attribute("#sel-link", "href") == f"vscode://file/{f}:12"
        assert page.locator(".row.selected").count() == 1
        assert page.get_attribute(".row.selected", "data-line") == "12"

        size = "() => { const i = document.getElementById('frame'); return [i.naturalWidth, i.naturalHeight]; }"
        assert page.evaluate(size) == [160, 90]          # the main cut, at the page's half scale
        page.select_option("#variant", "vertical")       # the 9:16 variant: the frame shown is its frame
        page.wait_for_function(f"() => ({size})()[0] === 90 && ({size})()[1] === 160", timeout=10000)
        assert page.input_value("#variant") == "vertical"
        browser.close()
