"""Build a `ui.*` layer from YAML exactly as a project file would, and render it alone (imported by the tests)."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import yaml

from compositor.composite import rasterize
from overlays.base import BuildContext
from overlays.registry import KINDS

DATA = Path(__file__).resolve().parents[1] / "data" / "ui"


def build(layer_yaml: str | dict, kit, size=(1920, 1080), base_dir: Path = DATA, extras=None):
    """(layer model, overlay) for one layer written as in a project file."""
    data = yaml.safe_load(layer_yaml) if isinstance(layer_yaml, str) else layer_yaml
    key = next(k for k in data if k in KINDS)
    model = KINDS[key].model.model_validate(data)
    ctx = BuildContext(kit=kit, base_dir=base_dir, size=size, fps=30, shot_duration=10.0, extras=extras or {})
    return model, KINDS[key].build(model, ctx, ("layers", 0))


def render(overlay, t: float = 0.0) -> np.ndarray:
    """The overlay alone at time t, as straight RGB over nothing (premultiplied RGBA from the render loop)."""
    return rasterize(overlay, t, 1.0, 1.0)


def px(arr: np.ndarray, x: float, y: float) -> tuple:
    """The RGBA pixel at overlay coordinates (x, y) (rasters carry a 1 px margin)."""
    return tuple(int(v) for v in arr[int(y) + 1, int(x) + 1])
