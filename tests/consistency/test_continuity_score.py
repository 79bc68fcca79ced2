"""The continuity score on real footage: two cuts of one scene score high, shots of unrelated scenes low, and a
grade change is seen by the colour term even when the structure is the same."""
from pathlib import Path

import av
import numpy as np
import pytest

from compositor.consistency.continuity import measure

DATA = Path(__file__).resolve().parents[1] / "data" / "coherence"


def clip(name: str) -> np.ndarray:
    with av.open(str(DATA / name)) as c:
        return np.stack([f.to_ndarray(format="rgb24") for f in c.decode(video=0)])


@pytest.fixture(scope="module")
def clips():
    return {n: clip(f"{n}.mp4") for n in ("bedroom-30f", "cogvideox-1-24f", "cogvideox-3-24f", "cogvideox-4-24f")}


def test_same_scene_pairs_separate_from_unrelated_pairs(clips):
    bed, c1, c3, c4 = (clips[k] for k in ("bedroom-30f", "cogvideox-1-24f", "cogvideox-3-24f", "cogvideox-4-24f"))
    same = [measure(bed[:15], bed[15:]), measure(c1[:12], c1[12:]), measure(c3[:12], c3[12:])]
    unrelated = [measure(bed, c1), measure(c1, c3), measure(c3, c4), measure(bed, c4)]
    assert min(m.score for m in same) > 0.6 > 0.2 > max(m.score for m in unrelated)
    assert max(m.colour for m in same) < 2 < 20 < min(m.colour for m in unrelated)


def test_a_regrade_is_measured_by_colour(clips):
    c1 = clips["cogvideox-1-24f"]
    warm = np.clip(c1[12:].astype(np.int16) + np.array([30, 0, -30]), 0, 255).astype(np.uint8)
    plain, graded = measure(c1[:12], c1[12:]), measure(c1[:12], warm)
    assert graded.colour > 10 * plain.colour and graded.score < plain.score
    assert abs(graded.structure - plain.structure) < 0.1       # same layout: the structure term agrees
