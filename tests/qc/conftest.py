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
    kit = folder / "kit"
    if not kit.exists():
        shutil.copytree(ROOT / "brand/kits/northwind", kit)
        p = kit / "brand.yaml"
        p.write_text(p.read_text().replace("lock: strict", "lock: \"off\""))
        (folder / "vo.wav").write_bytes((ROOT / "tests/data/audio/vo_01.wav").read_bytes())
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


def rendered(path: Path) -> Path:
    proj = load_project(path)
    return run(proj, options=RenderOptions(workers=1)).path


@pytest.fixture(scope="session")
def qc_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("qc")
