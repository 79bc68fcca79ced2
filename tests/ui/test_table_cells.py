"""Table cells that are components — `{pill: …}`, `{avatar: …}`, `{icon: …}` — found in the frame `compositor
preview` writes (the docs' example, verbatim), by the kit colours they are drawn in; bad cells exit 2 at their
line; a kit's own icon is drawn in the cell's colour."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from brand.kit import KITS_DIR, load_kit
from overlays.ui.theme import theme_of

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "ui-kit.md"


def doc_example() -> str:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("### Table cells"):text.index("### The cursor")]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def project(folder: Path, layer_yaml: str, brand: str = "northwind") -> Path:
    layer = "\n".join(("      - " if i == 0 else "        ") + row for i, row in enumerate(layer_yaml.splitlines()))
    path = folder / "project.yaml"
    path.write_text(f"compositor: 1\nbrand: {brand}\noutput: {{size: [960, 540], fps: 10, file: out.mp4}}\nshots:\n"
                    f"  - id: a\n    duration: 0.1\n    background: {{color: paper}}\n    layers:\n{layer}\n"
                    "        at: center\n", encoding="utf-8")
    return path


def preview(compositor_cli, folder: Path, layer_yaml: str, brand: str = "northwind") -> np.ndarray:
    p = project(folder, layer_yaml, brand)
    r = compositor_cli("preview", p, "--at", "0", "-o", folder / "frame.png")
    assert r.returncode == 0, r.stderr
    return cv2.cvtColor(cv2.imread(str(folder / "frame.png")), cv2.COLOR_BGR2RGB)


def blobs(frame: np.ndarray, colour, tol: int = 3) -> list[dict]:
    """Connected regions drawn exactly in `colour`: bounding box, centre and how much of the box they fill."""
    mask = (np.abs(frame.astype(int) - np.array(colour[:3])).max(axis=2) <= tol).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out = []
    for x, y, w, h, area in stats[1:]:
        if area >= 20:
            out.append({"x": x, "y": y, "w": w, "h": h, "cx": x + w / 2, "cy": y + h / 2, "fill": area / (w * h)})
    return out


@pytest.fixture(scope="module")
def theme():
    return theme_of(load_kit(KITS_DIR / "northwind"))


def test_docs_example_draws_pills_avatars_and_icons_in_kit_colours(tmp_path, compositor_cli, theme):
    frame = preview(compositor_cli, tmp_path, doc_example())
    th = theme
    # pills: a rounded plate in a tint of the tone, wider than tall, one per row
    matched = [b for b in blobs(frame, th.subtle(th.success, 0.84)) if b["w"] > 2 * b["h"] > 30]
    rejected = [b for b in blobs(frame, th.subtle(th.danger, 0.84)) if b["w"] > 2 * b["h"] > 30]
    assert len(matched) == 1 and len(rejected) == 1
    m, r = matched[0], rejected[0]
    assert r["cy"] - m["cy"] > 80                                   # two rows apart
    assert m["fill"] < 0.97                                          # rounded ends (and the text inside)
    # avatars: filled discs — Jane Doe's in the kit colour her name picks, Leo Park's in the `color:` token
    jd = [b for b in blobs(frame, th.success) if abs(b["cy"] - m["cy"]) <= 2 and abs(b["w"] - b["h"]) <= 1]
    lp = [b for b in blobs(frame, th.accent) if abs(b["cy"] - r["cy"]) <= 2 and abs(b["w"] - b["h"]) <= 1]
    assert jd and lp and jd[0]["w"] >= 20 and lp[0]["w"] == jd[0]["w"]
    assert jd[0]["cx"] < m["x"] and lp[0]["cx"] < r["x"]            # the Owner column is left of Status
    assert 0.55 < jd[0]["fill"] < 0.8                                # a disc (π/4) less its white initials
    # icons: a thin check in success right of the pill, a thin cross in danger right of the other pill
    check = [b for b in blobs(frame, th.success) if b["x"] > m["x"] + m["w"] and abs(b["cy"] - m["cy"]) <= 4]
    cross = [b for b in blobs(frame, th.danger) if b["x"] > r["x"] + r["w"] and abs(b["cy"] - r["cy"]) <= 4]
    assert len(check) == 1 and len(cross) == 1
    assert check[0]["fill"] < 0.45 and cross[0]["fill"] < 0.45      # strokes, not filled squares
    assert 12 <= check[0]["w"] <= 30 and 12 <= cross[0]["h"] <= 30  # about one text line tall
    # the pills say their words
    assert ocr(frame, m) == "Matched" and ocr(frame, r) == "Rejected"


def ocr(frame: np.ndarray, box: dict) -> str:
    pytesseract = pytest.importorskip("pytesseract")
    if shutil.which("tesseract") is None:  # pragma: no cover
        pytest.skip("tesseract is not installed")
    crop = frame[box["y"]:box["y"] + box["h"], box["x"]:box["x"] + box["w"]]
    gray = cv2.cvtColor(np.ascontiguousarray(crop), cv2.COLOR_RGB2GRAY)
    big = cv2.resize(gray, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    big = cv2.copyMakeBorder(big, 20, 20, 20, 20, cv2.BORDER_REPLICATE)
    return pytesseract.image_to_string(big, config="--psm 7").strip()


def test_highlight_names_a_row_by_its_avatar(tmp_path, compositor_cli, theme):
    frame = preview(compositor_cli, tmp_path, "ui.table:\n  columns: [Owner, Open]\n  rows: [[{avatar: Jane Doe}, 3], "
                    "[{avatar: Leo Park}, 5]]\n  highlight: Leo Park\n  width: 400")
    band = blobs(frame, theme.subtle(theme.primary, 0.88), tol=2)
    band = max(band, key=lambda b: b["w"] * b["h"])
    discs = sorted((b for c in (theme.primary, theme.accent, theme.success, theme.muted) for b in blobs(frame, c)
                    if abs(b["w"] - b["h"]) <= 1 and b["w"] >= 20), key=lambda b: b["cy"])
    assert len(discs) == 2
    assert band["y"] < discs[1]["cy"] < band["y"] + band["h"]        # the second row is lit, not the first
    assert not band["y"] < discs[0]["cy"] < band["y"] + band["h"]


BAD = [
    ("{persona: Jane Doe}", "rows[0][0]: a table cell is text, a number, or a mapping with one of pill:, avatar:, "
                            "icon: — e.g. {pill: Matched, tone: success}"),
    ("{pill: Matched, tone: loud}", "rows[0][0].tone: 'loud' is not allowed — use 'primary', 'accent', 'success', "
                                    "'danger' or 'muted'"),
    ("{avatar: Jane Doe, colour: accent}", "rows[0][0].colour: unknown key 'colour' — did you mean 'color'?"),
    ("{icon: hourglass}", "rows[0][0].icon: unknown icon 'hourglass' — use one of: alert, arrow-down, arrow-up, "
                          "check, clock, cross, dot, info, minus, plus, star"),
    ('{pill: Matched, color: "#00ff00"}', "rows[0][0].color: literal colour '#00ff00' is off-brand (the kit "
                                          "'Northwind' is locked)"),
    ("{avatar: JD, image: nobody.png}", "rows[0][0].image: file not found: nobody.png"),
    ("[Matched]", "rows[0][0]: a table cell is text, a number, or a mapping"),
]


@pytest.mark.parametrize("cell,message", BAD, ids=[b[0] for b in BAD])
def test_bad_cells_exit_2_at_their_line(tmp_path, compositor_cli, cell, message):
    p = project(tmp_path, f"ui.table:\n  columns: [Status, Count]\n  rows:\n    - [{cell}, 1]")
    r = compositor_cli("validate", p)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.startswith(f"{p}:12: shots[0].layers[0].ui.table.{message}"), r.stderr


SQUARE_RING = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path fill="#123456" '
               'fill-rule="evenodd" d="M0 0H10V10H0Z M3 3V7H7V3Z"/></svg>')


def test_a_kits_own_icon_is_drawn_in_the_cells_colour(tmp_path, compositor_cli, theme):
    kit = tmp_path / "acme"
    shutil.copytree(KITS_DIR / "northwind", kit)
    (kit / "icons").mkdir()
    (kit / "icons" / "frame.svg").write_text(SQUARE_RING)
    (kit / "brand.yaml").write_text((kit / "brand.yaml").read_text() + "icons: {frame: icons/frame.svg}\n")
    frame = preview(compositor_cli, tmp_path, "ui.table:\n  columns: [Kind, Count]\n  rows: [[{icon: frame, tone: "
                    "danger}, 4]]\n  width: 400", brand="acme")
    ring = [b for b in blobs(frame, theme.danger, tol=2) if abs(b["w"] - b["h"]) <= 1 and b["w"] >= 12]
    assert len(ring) == 1
    b = ring[0]
    assert 0.7 < b["fill"] < 0.9                                  # a square less its hole (84 % of it)
    centre = frame[int(b["cy"]), int(b["cx"])].astype(int)
    assert np.abs(centre - np.array(theme.danger[:3])).max() > 60   # the hole shows the table through it
    # an icon that is not an .svg file is refused at its line in brand.yaml; an SVG that does not parse, at the
    # cell that draws it
    n = (kit / "brand.yaml").read_text().splitlines().index("icons: {frame: icons/frame.svg}") + 1
    (kit / "icons" / "frame.png").write_bytes(b"")
    (kit / "brand.yaml").write_text((kit / "brand.yaml").read_text().replace("frame.svg}", "frame.png}"))
    r = compositor_cli("validate", tmp_path / "project.yaml")
    assert r.returncode == 2
    assert r.stderr.startswith(f"{kit / 'brand.yaml'}:{n}: icons.frame: icons/frame.png: an icon must be an .svg "
                               "file"), r.stderr
    (kit / "brand.yaml").write_text((kit / "brand.yaml").read_text().replace("frame.png}", "frame.svg}"))
    (kit / "icons" / "frame.svg").write_text("not svg")
    r = compositor_cli("validate", tmp_path / "project.yaml")
    assert r.returncode == 2
    assert r.stderr.startswith(f"{tmp_path / 'project.yaml'}:11: shots[0].layers[0].ui.table.rows[0][0].icon: the "
                               "kit's icon 'frame' (frame.svg) cannot be drawn"), r.stderr


def test_an_avatar_photo_from_the_kit_is_cropped_round(tmp_path, compositor_cli):
    kit = tmp_path / "acme"
    shutil.copytree(KITS_DIR / "northwind", kit)
    (kit / "people").mkdir()
    photo = np.zeros((64, 64, 3), np.uint8)
    photo[:] = (255, 0, 255)                                     # magenta, in no kit colour
    cv2.imwrite(str(kit / "people" / "jd.png"), photo)
    frame = preview(compositor_cli, tmp_path, "ui.table:\n  columns: [Owner, Count]\n  rows: [[{avatar: JD, image: "
                    "people/jd.png}, 3]]\n  width: 400", brand="acme")
    [disc] = blobs(frame, (255, 0, 255), tol=4)
    assert abs(disc["w"] - disc["h"]) <= 1 and disc["w"] >= 20
    assert 0.72 < disc["fill"] < 0.85                           # a circle fills π/4 of its box
