"""Small real projects for `compositor qc`: rendered once per session, then checked as they are or against a
project that asks for something else (a misspelt string, another frame rate, a louder target)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from compositor.project.load import load_project
from compositor.render import RenderOptions, run

ROOT = Path(__file__).resolve().parents[2]


def make_project(folder: Path, name: str, *, size=(640, 360), fps=24, headline="Audit trails",
                 headline_color=None, headline_at=(320, 150), black=False, loudness=-16, true_peak=-1.0,
                 quality=True) -> Path:
    """A two-shot project on a copy of the Northwind kit with its lock off (so literal colours can be faults)."""
    unlocked_kit(folder)
    head = {"text": headline, "style": "title", "at": list(headline_at)}
    if headline_color:
        head["color"] = headline_color
    spec = {
        "compositor": 1, "title": name, "brand": "kit",
        "output": {"size": list(size), "fps": fps, "file": f"renders/{name}.mp4"},
        "shots": [
            {"id": "open", "duration": 1.5, "background": {"color": "paper"}, "layers": [head]},
            {"id": "close", "duration": 1.5, "background": {"color": "#000000" if black else "primary"},
             "layers": [] if black else [{"text": "Start today", "style": "title", "color": "paper",
                                            "at": [320, 180]}]},
        ],
        "audio": {"voice": [{"file": "vo.wav", "at": "open"}], "loudness": loudness, "true_peak": true_peak},
    }
    if quality:
        spec["quality"] = {"min_coherence": 50}
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path


def unlocked_kit(folder: Path) -> None:
    """folder/kit: the Northwind kit with its lock off, and folder/vo.wav."""
    kit = folder / "kit"
    if not kit.exists():
        shutil.copytree(ROOT / "brand/kits/northwind", kit)
        p = kit / "brand.yaml"
        p.write_text(p.read_text().replace("lock: strict", "lock: \"off\""))
        (folder / "vo.wav").write_bytes((ROOT / "tests/data/audio/vo_01.wav").read_bytes())


def rendered(path: Path) -> Path:
    proj = load_project(path)
    return run(proj, options=RenderOptions(workers=1)).path


@pytest.fixture(scope="session")
def qc_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("qc")


def make_faults(folder: Path, name: str, *, caption=("Meet our new team", 0.3, 1.6),
                second=("Order before noon", 2.4, 3.6), card_fill="primary", quality=None) -> Path:
    """A project with deliberate faults, on the unlocked kit copy: paper text over the bright wall of real
    footage (low contrast), a card pinned across the painter's arm (the track loses confidence), a colour
    literal, text outside the safe area, a logo covered by a plate drawn after it, a Lottie whose text is set in
    a font that is not the kit's. The keyword arguments make the "delivered" variants: another caption, other
    cue times, another fill."""
    unlocked_kit(folder)
    shutil.copy(ROOT / "tests/data/tracking/mural_wall.mp4", folder / "wall.mp4")
    shutil.copy(ROOT / "tests/data/lottie/Text_Glyph.json", folder / "glyph.json")
    spec = {
        "compositor": 1, "title": name, "brand": "kit",
        "output": {"size": [640, 360], "fps": 24, "file": f"renders/{name}.mp4"},
        "captions": {"lines": [{"text": t, "start": a, "end": b} for t, a, b in (caption, second)]},
        "shots": [
            {"id": "wall", "duration": 2, "background": {"video": "wall.mp4", "fit": "cover"},
             "tracks": {"wall": {"corners": [[250, 100], [420, 100], [420, 250], [250, 250]], "at": 0}},
             "layers": [
                 {"text": "Come see", "style": "label", "color": "paper", "at": [520, 250]},
                 {"rect": {"size": [120, 60], "radius": 8, "fill": card_fill}, "pin": "wall"},
             ]},
            {"id": "offer", "duration": 2, "background": {"color": "paper"},
             "layers": [
                 {"text": "Order now", "style": "body", "color": "#0B1020", "at": [20, 60], "anchor": "left"},
                 {"logo": "default", "at": [320, 170], "width": 160},
                 {"rect": {"size": [220, 120], "fill": "paper"}, "at": [320, 170]},
                 {"ui.card": {"title": "Weekly report", "subtitle": "Revenue up", "width": 220}, "at": [500, 200]},
                 {"lottie": "glyph.json", "at": [120, 230], "width": 160, "end": 1.5},
             ]},
        ],
    }
    if quality is not None:
        spec["quality"] = quality
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return path
