"""The shot score on real footage: ranks defects in the right order, leaves legitimate motion alone."""
import numpy as np
import pytest

from compositor.consistency import synthetic as S
from compositor.consistency.score import OK_THRESHOLD, analyze, pick_best
from coherence_media import clip, fps

# Whole test clips (24 frames at 8 fps, 30 at 30 fps): over fewer frames a shuffle of the near-static "face"
# shot moves little more than the footage itself, and the score rightly says so.
RANKED_CLIPS = ["ship", "mural", "face", pytest.param("bedroom", marks=pytest.mark.slow)]


@pytest.mark.parametrize("name", RANKED_CLIPS)
def test_ranks_clean_light_heavy_shuffled(name):
    frames = clip(name)
    variants = {
        "clean": frames,
        "light": S.global_flicker(frames, 0.02, seed=1),
        "heavy": S.global_flicker(frames, 0.05, seed=1),
        "shuffled": S.shuffled(frames, seed=3),
    }
    scores = {k: analyze(v, fps(name)).score for k, v in variants.items()}
    assert scores["clean"] > scores["light"] > scores["heavy"] > scores["shuffled"], scores
    assert scores["clean"] >= OK_THRESHOLD
    assert all(0.0 < s <= 100.0 for s in scores.values())


def test_local_flicker_is_flagged():
    frames = clip("ship", 16)
    clean = analyze(frames, 8)
    local = analyze(S.local_flicker(frames, 0.1, seed=2), 8)
    assert clean.verdict == "OK" and local.verdict == "INCONSISTENT", (clean.score, local.score)
    assert local.worst and local.worst[0]["metric"] in ("flicker", "warp_rmse")


@pytest.mark.parametrize("pan,zoom", [(0.5, 1.0), (0.25, 1.3), (0.0, 1.5)])
def test_pan_and_zoom_are_not_flagged(pan, zoom):
    still = clip("bedroom", 1)[0]
    moving = S.pan_zoom(still, 20, (720, 480), pan=pan, zoom=zoom)
    c = analyze(moving, 24)
    assert c.verdict == "OK" and c.score > 95, c.metrics
    assert c.worst == []
    # and the same move with flicker is caught
    assert analyze(S.global_flicker(moving, 0.05, seed=4), 24).verdict == "INCONSISTENT"


def test_streaming_and_deterministic():
    frames = clip("face", 12)
    a = analyze((f for f in frames), 8)
    b = analyze(frames, 8)
    assert a.score == b.score and a.series == b.series
    assert a.n_frames == 12 and len(a.series["warp_rmse"]) == 11


def test_seam_at_a_visible_join_is_reported_with_its_time():
    ship, mural = clip("ship", 12), clip("mural", 12)
    joined = ship[:8] + mural[:8]                 # a continuation that jumps at frame 8
    c = analyze(joined, 8, seams=[8])
    assert c.metrics["seam"] > 4.0
    assert any(w["frame"] == 8 and w["t"] == 1.0 for w in c.worst)
    smooth = analyze(ship, 8, seams=[6])          # a join inside continuous footage
    assert smooth.metrics["seam"] < 1.6


def test_pick_best_prefers_the_coherent_candidate():
    frames = clip("face", 10)
    cands = [S.global_flicker(frames, 0.05, seed=1), frames, S.global_flicker(frames, 0.02, seed=2)]
    best, scores = pick_best(cands, 8)
    assert best == 1 and len(scores) == 3
    assert scores[1] > scores[2] > scores[0]
    assert pick_best([frames, frames], 8)[0] == 0          # ties keep the first seed


def test_report_fields():
    c = analyze(S.global_flicker(clip("ship", 12), 0.05, seed=1), 8)
    assert set(c.metrics) >= {"warp_error", "warp_rmse", "unmatched", "flicker", "judder", "drift_colour",
                              "drift_structure", "seam"}
    assert c.metrics["seam"] is None
    assert c.verdict == "INCONSISTENT"
    ts = [w["t"] for w in c.worst]
    assert ts and all(0 < t <= 11 / 8 for t in ts)
    assert np.all(np.isfinite(c.series["warp_rmse"]))


def _cut_every(frames, other, run):
    """Alternate between two real clips every `run` frames: a cut at every run boundary."""
    import cv2
    h, w = frames[0].shape[:2]
    other = [cv2.resize(o, (w, h), interpolation=cv2.INTER_AREA) for o in other]
    return [(frames if (i // run) % 2 == 0 else other)[i] for i in range(min(len(frames), len(other)))]


@pytest.mark.parametrize("name", ["ship", "face"])
def test_chaos_is_not_excused_as_a_run_of_cuts(name):
    """Cuts are rare and isolated: a shuffled clip, or a cut every 3 frames, is INCONSISTENT; the jump rate
    says most pairs jump."""
    frames = clip(name)
    other = clip("mural" if name != "mural" else "ship")
    for variant in (S.shuffled(frames, seed=3), S.shuffled(clip(name, 16), seed=1), _cut_every(frames, other, 3)):
        c = analyze(variant, fps(name))
        assert c.verdict == "INCONSISTENT", (c.score, c.metrics)
        assert c.metrics["jump_rate"] >= 0.3, c.metrics


def test_one_real_cut_is_not_a_run_of_cuts():
    """A single cut between two real clips counts as one jump, under the free rate; clean footage has none."""
    frames, other = clip("ship"), clip("mural")
    one_cut = frames[:12] + _cut_every(frames, other, 12)[12:]
    c = analyze(one_cut, fps("ship"))
    assert c.metrics["jump_rate"] < 0.1
    assert analyze(frames, fps("ship")).metrics["jump_rate"] == 0.0
