"""A shared kit in a sibling folder and a small parameterised project that uses it (tests of campaigns)."""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
KIT = REPO / "projects" / "acme-kit"

PROJECT = """compositor: 1
title: "Hello {{company}}"
brand: BRAND
params:
  company: {type: text, default: "Acme"}
  logo: {type: file, default: assets/mark.svg}
  accent: {type: color, default: ink}
  seats: {type: number, default: 10}
output: {size: [640, 360], fps: 5, file: "renders/{{company}}.mp4"}
shots:
  - id: a
    duration: 0.6
    background: {color: paper}
    layers:
      - svg: "{{logo}}"
        at: [320, 70]
        width: 80
      - text: "Hello {{company}}"
        style: headline
        size: 48
        color: "{{accent}}"
        width: "{{seats}}"
        at: [320, 220]
"""

MARK = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10">'
        '<rect width="10" height="10" fill="#0F766E"/></svg>')


def make_campaign(root: Path, brand: str = "../kits/acme", seats: int = 600) -> Path:
    """root/kits/acme (a copy of the example kit) and root/promo/project.yaml using it; the project file."""
    shutil.copytree(KIT, root / "kits" / "acme")
    (root / "promo" / "assets").mkdir(parents=True)
    (root / "promo" / "assets" / "mark.svg").write_text(MARK)
    (root / "promo" / "assets" / "other.svg").write_text(MARK.replace("#0F766E", "#B45309"))
    project = root / "promo" / "project.yaml"
    project.write_text(PROJECT.replace("BRAND", brand).replace("default: 10", f"default: {seats}"))
    return project


def folded(text: str) -> str:
    """Letters and digits only, accents dropped, lower case: what OCR is compared on."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def ocr_last_frame(video: Path) -> str:
    import av
    import pytesseract

    with av.open(str(video)) as container:
        frame = None
        for frame in container.decode(video=0):
            pass
        image = frame.to_image().convert("L")
    return pytesseract.image_to_string(image, config="--psm 6")
