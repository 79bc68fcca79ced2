"""The procedural training data: six distinct, deterministic motion families with vocabulary captions."""
import numpy as np
import pytest

from compositor.diffusion.builtin.training.metrics import clip_distance, mean_motion
from compositor.diffusion.builtin.procedural import (FAMILIES, MotionParams, caption, render, sample_params)
from compositor.diffusion.builtin.vocab import UNK, build_tokenizer, caption_words, split_words


def _clip(family, seed=7, **kw):
    return render(MotionParams(family=family, **kw), seed, (96, 64), 9, 8.0)


def test_at_least_six_families_and_each_renders_moving_luminance():
    assert len(FAMILIES) >= 6
    for family in FAMILIES:
        clip = _clip(family)
        assert clip.shape == (9, 64, 96) and clip.dtype == np.float32
        assert 0.0 <= clip.min() and clip.max() <= 1.0
        assert clip.std() > 0.05, f"{family} is flat"
        assert mean_motion(clip) > 1e-4, f"{family} does not move"


def test_same_seed_same_pixels_other_seed_other_layout():
    for family in FAMILIES:
        assert np.array_equal(_clip(family, 3), _clip(family, 3))
        assert clip_distance(_clip(family, 3), _clip(family, 4)) > 0.01, family


def test_families_are_distinct_from_each_other():
    clips = {f: _clip(f) for f in FAMILIES}
    for i, a in enumerate(FAMILIES):
        for b in FAMILIES[i + 1:]:
            assert clip_distance(clips[a], clips[b]) > 0.03, (a, b)


def test_speed_parameter_changes_measured_motion():
    slow = mean_motion(_clip("waves", speed="very slow"))
    fast = mean_motion(_clip("waves", speed="fast"))
    assert fast > 2.5 * slow


def test_direction_parameter_moves_content_that_way():
    """A bright bokeh field drifting right: DIS flow's mean x component is positive, and negative for left."""
    import cv2
    def mean_dx(direction):
        clip = (render(MotionParams("bokeh", speed="fast", direction=direction), 5, (96, 64), 5, 8.0) * 255)
        clip = clip.astype(np.uint8)
        dis = cv2.DISOpticalFlow_create(cv2.DISOPTICAL_FLOW_PRESET_MEDIUM)
        return float(np.mean([dis.calc(a, b, None)[..., 0].mean() for a, b in zip(clip[:-1], clip[1:])]))
    assert mean_dx("right") > 0.05 and mean_dx("left") < -0.05


def test_captions_use_only_vocabulary_words_and_tokenize_without_unknowns():
    words = set(caption_words())
    tok = build_tokenizer()
    rng = np.random.default_rng(0)
    for _ in range(50):
        text = caption(sample_params(rng), rng)
        assert set(split_words(text)) - {","} <= words, text
        assert tok.convert_tokens_to_ids(UNK) not in tok(text).input_ids


def test_unknown_words_map_to_unk_instead_of_failing():
    tok = build_tokenizer()
    ids = tok("slow flowing waves, Überschall cinematic 🚀", padding="max_length", max_length=512).input_ids
    assert len(ids) == 512
    assert tok.convert_tokens_to_ids(UNK) in ids
    assert ids[0] == tok.convert_tokens_to_ids("slow")


def test_unknown_family_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="gradient"):
        render(MotionParams(family="fireworks"), 0, (32, 32), 5)
