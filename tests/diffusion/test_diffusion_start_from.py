"""`start_from:` (first-frame control) and `continuity: {with, strength}` (shot memory) on tiny pipelines: what each
family's pipeline receives, and the decoded first/last frames where the family guarantees them."""
import numpy as np
import pytest
from PIL import Image

from compositor.errors import FieldError
from compositor.sources.generate import GenerateSource
from diffusion_helpers import make_ctx, spy_calls

CLASSES = ("WanPipeline", "WanImageToVideoPipeline", "LTXImageToVideoPipeline", "LTXConditionPipeline",
           "WanVACEPipeline", "LTX2ConditionPipeline")


@pytest.fixture
def still(project):
    img = np.zeros((32, 32, 3), np.uint8)
    img[:, :, 0] = np.linspace(20, 230, 32, dtype=np.uint8)[None]
    img[:, :, 1] = 90
    img[:, :, 2] = np.linspace(200, 40, 32, dtype=np.uint8)[:, None]
    Image.fromarray(img).save(project / "still.png")
    return img


@pytest.fixture
def last(end_image):
    return end_image


@pytest.fixture
def received(monkeypatch):
    """The keyword arguments each diffusers pipeline class is called with (the pipeline then runs for real)."""
    return spy_calls(monkeypatch, CLASSES)


def run(project, spec, n_frames=8, shot_id="s1", previous=None):
    src = GenerateSource(spec, project)
    src.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=n_frames, shot_id=shot_id, use_cache=False,
                         previous=previous))
    return src


def close(a, b, tol=1):
    return np.abs(np.asarray(a)[..., :3].astype(int) - np.asarray(b)[..., :3].astype(int)).max() <= tol


@pytest.mark.parametrize("model, cls", [("models/wan_i2v", "WanImageToVideoPipeline"),
                                        ("models/wan_ti2v", "WanImageToVideoPipeline"),
                                        ("models/ltx", "LTXImageToVideoPipeline"),
                                        ("models/ltx_condition", "LTXConditionPipeline")])
def test_start_from_a_still_is_the_first_frame(project, still, received, model, cls):
    src = run(project, {"prompt": "ocean waves", "model": model, "start_from": "still.png", "seed": 2})
    (name, kwargs), = received
    assert name == cls and np.array_equal(np.asarray(kwargs["image"]), still)
    assert close(src._resampler.native[0], still) and close(src.frame(0), still)
    entry, = src.report["conditioned_by"]
    assert entry["as"] == "start_from" and entry["image"] == "still.png"


def test_start_from_on_wan_vace_keeps_frame_0(project, still, last, received):
    src = run(project, {"prompt": "ocean waves", "model": "models/wan_vace", "start_from": "still.png",
                        "end_on": "last.png"})
    (name, kwargs), = received
    assert name == "WanVACEPipeline" and "image" not in kwargs
    assert np.array_equal(np.asarray(kwargs["video"][0]), still) and np.asarray(kwargs["mask"][0]).max() == 0
    assert np.asarray(kwargs["mask"][1]).min() == 255                # the frames between are generated
    assert close(src.frame(0), still) and close(src.frame(7), last)


def test_start_from_on_wan_text_to_video_pins_the_first_latent(project, still, received):
    src = run(project, {"prompt": "ocean waves", "model": "models/wan_t2v", "start_from": "still.png"})
    (name, kwargs), = received
    assert name == "WanPipeline" and "image" not in kwargs and kwargs["latents"] is not None
    assert close(src.frame(0), still)


def test_start_and_end_land_on_exact_frames(project, still, last, received):
    """Together with end_on a shot starts and lands on exactly the frames given."""
    for model in ("models/wan_i2v", "models/ltx_condition"):
        src = run(project, {"prompt": "city street", "model": model, "start_from": "still.png",
                            "end_on": "last.png"})
        assert close(src.frame(0), still) and close(src.frame(7), last)
    wan, ltx = received[-2][1], received[-1][1]
    assert np.array_equal(np.asarray(wan["image"]), still) and np.array_equal(np.asarray(wan["last_image"]), last)
    assert [c.frame_index for c in ltx["conditions"]] == [0, ltx["num_frames"] - 1]


def test_start_from_another_shots_frame(project, still, received):
    a = run(project, {"prompt": "city street night", "model": "models/wan_i2v", "image": "first.png"}, shot_id="a")
    want = a.frame(0)[..., :3]
    b = run(project, {"prompt": "city street rain", "model": "models/ltx", "start_from": {"shot": "a", "at": "start"}},
            shot_id="b", previous={"a": a}.get)
    assert np.array_equal(np.asarray(received[-1][1]["image"]), want)
    assert close(b.frame(0), want)
    assert b.report["conditioned_by"][0]["shot"] == "a" and b.report["conditioned_by"][0]["frame"] == "start"


@pytest.mark.parametrize("field, value", [("start_from", "still.png"), ("continuity", {"with": "a"})])
def test_family_without_a_first_frame_input_names_those_with_one(project, still, field, value):
    with pytest.raises(FieldError) as exc:
        GenerateSource({"prompt": "ocean", "model": "models/wan_plain", field: value}, project)
    text = str(exc.value) + exc.value.fix
    assert exc.value.path == ("generate", field)
    for name in ("WanImageToVideoPipeline", "LTXImageToVideoPipeline", "LTXConditionPipeline"):
        assert name in text


@pytest.mark.parametrize("other", [{"image": "first.png"}, {"continue_from": "a"}, {"loop": True}])
def test_two_first_frames_are_refused(project, still, other):
    with pytest.raises(FieldError, match="both set the first frame"):
        GenerateSource({"prompt": "ocean", "model": "models/wan_i2v", "start_from": "still.png", **other}, project)


def test_a_missing_still_and_an_unknown_reference(project):
    with pytest.raises(FieldError, match="not found"):
        GenerateSource({"prompt": "ocean", "model": "models/wan_i2v", "start_from": "nope.png"}, project)
    src = GenerateSource({"prompt": "ocean", "model": "models/wan_i2v", "start_from": "hero"}, project)
    with pytest.raises(FieldError, match="no reference 'hero'"):
        src.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=8, use_cache=False))


# ---- continuity: shot memory ------------------------------------------------------------------------------------

@pytest.fixture
def shot_a(project):
    return run(project, {"prompt": "city street night", "model": "models/wan_i2v", "image": "first.png", "seed": 11},
               shot_id="a")


def test_continuity_on_ltx_condition_is_a_soft_condition_with_strength(project, shot_a, received):
    b = run(project, {"prompt": "city street rain", "model": "models/ltx_condition",
                      "continuity": {"with": "a", "strength": 0.4}}, shot_id="b", previous={"a": shot_a}.get)
    (name, kwargs), = [c for c in received if c[0] == "LTXConditionPipeline"]
    cond, = kwargs["conditions"]
    assert cond.frame_index == 0 and cond.strength == pytest.approx(0.4) and "image" not in kwargs
    assert np.array_equal(np.asarray(cond.image), shot_a.frame(7)[..., :3])
    assert b.report["seed"] == 11                    # the seed lineage of shot a
    (_, kept), = b.report["chunks"][11]
    assert kept == kwargs["num_frames"]              # nothing dropped: frame 0 is the model's own
    entry, = b.report["conditioned_by"]
    assert entry == {"as": "continuity", "shot": "a", "frame": "end", "strength": 0.4,
                     "sha256": entry["sha256"]} and len(entry["sha256"]) == 64


def test_continuity_strength_on_wan_text_to_video_pins_that_share_of_the_steps(project, shot_a, monkeypatch):
    """Wan text-to-video takes a first frame by pinning the first latent frame after each step; `strength` is the
    share of the steps it is pinned for. Seen in the latents the pipeline's own step callback hands back."""
    import diffusers

    seen = []
    original = diffusers.WanPipeline.__call__

    def spy(self, *args, **kwargs):
        callback, latents = kwargs["callback_on_step_end"], []

        def recording(p, i, t, kw):
            out = callback(p, i, t, kw)
            latents.append(out["latents"][:, :, 0].clone())
            return out
        seen.append(latents)
        return original(self, *args, **{**kwargs, "callback_on_step_end": recording})

    monkeypatch.setattr(diffusers.WanPipeline, "__call__", spy)
    for s in (1.0, 0.5, 0.0):
        run(project, {"prompt": "city street rain", "model": "models/wan_t2v", "seed": 4, "steps": 4,
                      "continuity": {"with": "a", "strength": s}}, shot_id="b", previous={"a": shot_a}.get)
    full, half, none = seen
    same = lambda x, y: [bool((a == b).all()) for a, b in zip(x, y)]  # noqa: E731
    assert same(full, half) == [True, True, False, False]     # pinned for the first 2 of 4 steps
    assert same(half, none) == [False, False, False, False]   # never pinned: it differs from the first step


def test_continuity_without_a_strength_input_takes_the_frame_whole(project, shot_a, received):
    b = run(project, {"prompt": "city street rain", "model": "models/wan_i2v", "seed": 5,
                      "continuity": {"with": "a", "strength": 0.3}}, shot_id="b", previous={"a": shot_a}.get)
    assert np.array_equal(np.asarray(received[-1][1]["image"]), shot_a.frame(7)[..., :3])
    assert any("strength 0.3 acts as 1" in n for n in b.report["adjusted"])
    assert b.report["seed"] == 5                     # a seed of its own wins over the lineage
    # the repeated frame is dropped: the shot's first frame is the one after a's last frame
    (_, kept), = b.report["chunks"][5]
    assert kept == received[-1][1]["num_frames"] - 1


@pytest.fixture(scope="module")
def ltx2_condition(tmp_path_factory):
    import json

    from diffusion_tiny_ltx2 import build_ltx2

    folder = tmp_path_factory.mktemp("ltx2") / "ltx2_condition"
    build_ltx2(folder, "LTX2ConditionPipeline")
    (folder / "compositor.json").write_text(json.dumps({"native_size": [32, 32], "native_fps": 8, "window": 9,
                                                        "steps": 2, "max_sequence_length": 16}))
    return folder


def test_continuity_on_ltx2_condition_has_a_strength(project, shot_a, received, ltx2_condition):
    b = run(project, {"prompt": "city street rain", "model": str(ltx2_condition), "audio": False,
                      "continuity": {"with": "a", "strength": 0.7}}, shot_id="b", previous={"a": shot_a}.get)
    (_, kwargs), = [c for c in received if c[0] == "LTX2ConditionPipeline"]
    cond, = kwargs["conditions"]
    assert cond.index == 0 and cond.strength == pytest.approx(0.7)
    assert b.report["conditioned_by"][0]["strength"] == pytest.approx(0.7)
    start = run(project, {"prompt": "city street", "model": str(ltx2_condition), "audio": False,
                          "start_from": "first.png"})
    cond, = received[-1][1]["conditions"]
    assert cond.index == 0 and cond.strength == 1.0
    assert close(start.frame(0), np.asarray(Image.open(project / "first.png")))
