"""The studio screenshot in docs/studio.md: the shipped walkthrough project in headless Chromium (Debian's),
with the thirds and safe-area overlays on and a layer selected. Run: python3 scripts/studio_docs.py"""
from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.studio.live import browser_env, serve  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    out = REPO / "docs" / "images" / "studio.png"
    with serve(REPO / "projects" / "product-walkthrough" / "project.yaml") as (url, _), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-background-networking"], env=browser_env())
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(url + "/")
        page.wait_for_function("document.getElementById('frame').dataset.frame === '0'", timeout=60000)
        for _ in range(3):
            page.keyboard.press("Shift+ArrowRight")
        page.wait_for_function("document.getElementById('frame').dataset.frame === '90'", timeout=60000)
        page.check("[data-overlay=thirds]")
        page.check("[data-overlay=safe]")
        img = page.locator("#frame").bounding_box()
        page.mouse.click(img["x"] + img["width"] * 0.5, img["y"] + img["height"] * 0.4)
        page.wait_for_selector("#sel:not([hidden])", timeout=20000)
        page.wait_for_timeout(300)
        page.screenshot(path=str(out))
        browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
