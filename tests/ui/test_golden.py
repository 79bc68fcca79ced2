"""Golden images: every component of the gallery (the same definitions the docs pictures come from) renders
as it did when the golden was approved. Tolerant to anti-aliasing noise, not to a moved or recoloured part.

Regenerate after an intended change: UPDATE_GOLDENS=1 pytest tests/ui/test_golden.py (then look at them)."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from overlays.ui.gallery import EXAMPLES, render_example

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "ui"


def compare(got: np.ndarray, want: np.ndarray) -> tuple[float, float]:
    """(mean absolute difference, fraction of pixels off by more than 48 in any channel)."""
    diff = np.abs(got.astype(np.int16) - want.astype(np.int16))
    return float(diff.mean()), float((diff.max(axis=2) > 48).mean())


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_component_matches_golden(name, northwind):
    got = render_example(name, northwind)
    path = GOLDEN / f"{name}.png"
    if os.environ.get("UPDATE_GOLDENS") or not path.exists():
        if not os.environ.get("UPDATE_GOLDENS"):
            pytest.fail(f"no golden for {name}: run with UPDATE_GOLDENS=1 and review {path}")
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray(got, "RGBA").save(path, optimize=True)
    want = np.asarray(Image.open(path).convert("RGBA"))
    assert got.shape == want.shape, f"{name}: size changed {want.shape} -> {got.shape}"
    mean, off = compare(got, want)
    assert mean < 1.0 and off < 0.005, f"{name}: mean diff {mean:.2f}, {off:.2%} of pixels differ"


def test_compare_catches_a_recoloured_component(northwind):
    """The tolerance is not so loose that a real change passes: a hover button is not an idle one."""
    got = render_example("button", northwind)
    shifted = np.roll(got, 6, axis=1)
    mean, off = compare(got, shifted)
    assert off > 0.005 or mean > 1.0
