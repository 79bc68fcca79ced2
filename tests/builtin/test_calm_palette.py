"""The built-in model's default palette is a calm backdrop: a kit with red/green state colours and no
`look.palette` gets a closing backdrop in its primary, dark and neutral colours — never its error/success
colours or a loud accent — unless `look.palette` names them."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from brand.kit import load_kit
from compositor.diffusion.builtin.colour import delta_e2000, dominant_colours, rgb_to_lab
from compositor.diffusion.builtin.sampling import MODEL_DIR

ROOT = Path(__file__).resolve().parents[2]
COLORS = ('{primary: "#2563EB", ink: "#111827", paper: "#F7F8FA", muted: "#6B7280", accent: "#F59E0B", '
          'error: "#DC2626", success: "#16A34A", text-warning: "#EAB308", white: "#FFFFFF"}')
LOUD = {"error": (220, 38, 38), "success": (22, 163, 74), "text-warning": (234, 179, 8), "accent": (245, 158, 11)}


def _kit(folder: Path, look: str = "") -> Path:
    kit = folder / "kit"
    shutil.copytree(ROOT / "brand" / "kits" / "neutral", kit)
    text = (kit / "brand.yaml").read_text(encoding="utf-8")
    start = text.index("colors:")
    text = text[:start] + f"colors: {COLORS}" + text[text.index("\n", start):] + look
    (kit / "brand.yaml").write_text(text, encoding="utf-8")
    return kit


def test_default_palette_is_primary_dark_and_neutral_colours(tmp_path):
    kit = load_kit(_kit(tmp_path))
    assert kit.palette() == [(37, 99, 235), (17, 24, 39), (247, 248, 250), (107, 114, 128), (255, 255, 255)]
    named = load_kit(_kit(tmp_path / "b", "look: {palette: [ink, success, paper]}\n"))
    assert named.palette() == [(17, 24, 39), (22, 163, 74), (247, 248, 250)]     # named: used as named


def _render(folder: Path, kit: Path, name: str = "project") -> np.ndarray:
    """One built-in shot rendered small; projects in one folder share its generation cache (the grey clip is
    made once, each kit grades it)."""
    from typer.testing import CliRunner

    from compositor.cli import app

    (folder / f"{name}.yaml").write_text(
        f"compositor: 1\nbrand: {kit}\noutput: {{size: [256, 144], fps: 30, file: {name}.mp4}}\n"
        "shots:\n  - id: closing\n    duration: 0.2\n"
        "    background: {generate: {model: builtin, prompt: \"slow flowing waves, moving right, soft\", "
        "seed: 11, steps: 6}}\n")
    res = CliRunner().invoke(app, ["render", str(folder / f"{name}.yaml")])
    assert res.exit_code == 0, res.output
    import av

    with av.open(str(folder / f"{name}.mp4")) as box:
        return np.stack([f.to_ndarray(format="rgb24") for f in box.decode(video=0)])


def _share_near(frames: np.ndarray, rgb, de: float = 15.0) -> float:
    lab = rgb_to_lab(frames[:, ::4, ::4].reshape(-1, 3).astype(np.float32))
    ref = np.repeat(rgb_to_lab(np.array([rgb], np.float32)), len(lab), 0)
    return float((delta_e2000(lab, ref) < de).mean())


@pytest.mark.skipif(not (MODEL_DIR / "model_index.json").exists(), reason="model folder not built")
def test_generated_backdrop_leaves_out_state_colours_unless_named(tmp_path):
    frames = _render(tmp_path, _kit(tmp_path))
    centres, weights = dominant_colours(frames, 6)
    for name, rgb in LOUD.items():
        far = delta_e2000(rgb_to_lab(np.asarray(centres, np.float32)),
                          np.repeat(rgb_to_lab(np.array([rgb], np.float32)), len(centres), 0))
        assert far.min() > 20, (name, centres, weights)
        assert _share_near(frames, rgb) < 0.005, name
    # named in look.palette, a state colour is used (the test can see it when it is there)
    (tmp_path / "named").mkdir()
    named = _render(tmp_path, _kit(tmp_path / "named", "look: {palette: [ink, success, paper]}\n"), "named")
    assert _share_near(named, LOUD["success"]) > 0.05
