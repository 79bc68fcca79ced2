"""`end_on:` — a shot that lands on a given last frame, through each family's own last-frame input."""
import numpy as np
import pytest
from PIL import Image

from compositor.errors import FieldError
from compositor.sources.generate import GenerateSource
from diffusion_helpers import make_ctx, spy_calls


@pytest.fixture
def received(monkeypatch):
    """Records the keyword arguments each diffusers pipeline class is called with (then runs it for real)."""
    return spy_calls(monkeypatch, ("WanImageToVideoPipeline", "LTXConditionPipeline"))


def run(project, spec, n_frames=8):
    src = GenerateSource(spec, project)
    src.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=n_frames, use_cache=False))
    return src


def test_wan_i2v_gets_first_and_last_image(project, end_image, received):
    first = np.asarray(Image.open(project / "first.png"))
    src = run(project, {"prompt": "ocean waves", "model": "models/wan_i2v", "image": "first.png",
                        "end_on": "last.png", "seed": 3})
    (cls, kwargs), = received
    assert cls == "WanImageToVideoPipeline"
    assert np.array_equal(np.asarray(kwargs["last_image"]), end_image)
    assert np.array_equal(np.asarray(kwargs["image"]), first)
    native = src._resampler.native.astype(int)
    assert np.abs(native[0] - first).max() <= 1
    assert np.abs(src.frame(7)[..., :3].astype(int) - end_image).max() <= 1     # the shot's last frame shown
    assert src.report["end_offsets"][3] >= 0


def test_ltx_condition_gets_a_condition_on_the_last_frame(project, end_image, received):
    src = run(project, {"prompt": "ocean waves", "model": "models/ltx_condition", "end_on": "last.png"})
    (cls, kwargs), = received
    assert cls == "LTXConditionPipeline" and "image" not in kwargs
    cond, = kwargs["conditions"]
    assert cond.frame_index == kwargs["num_frames"] - 1
    assert np.array_equal(np.asarray(cond.image), end_image)
    assert np.abs(src.frame(7)[..., :3].astype(int) - end_image).max() <= 1


def test_ltx_condition_with_start_and_end(project, end_image, received):
    run(project, {"prompt": "ocean", "model": "models/ltx_condition", "image": "first.png", "end_on": "last.png"})
    (_, kwargs), = received
    assert [c.frame_index for c in kwargs["conditions"]] == [0, kwargs["num_frames"] - 1]


def test_long_shot_lands_on_the_end_in_its_last_chunk(project, end_image, received):
    src = run(project, {"prompt": "ocean", "model": "models/wan_i2v", "image": "first.png", "end_on": "last.png"},
              n_frames=20)
    assert len(received) == 3
    assert ["last_image" in kw for _, kw in received] == [False, False, True]
    assert np.abs(src.frame(19)[..., :3].astype(int) - end_image).max() <= 1
    before = src.frame(18)[..., :3].astype(int)
    assert 0 < np.abs(before - end_image).mean()        # it arrives, it is not held as a still


@pytest.mark.parametrize("model", ["models/wan_t2v", "models/ltx", "models/wan_ti2v", "models/wan_plain"])
def test_family_without_a_last_frame_input_names_those_with_one(project, end_image, model):
    with pytest.raises(FieldError) as exc:
        GenerateSource({"prompt": "ocean", "model": model, "end_on": "last.png"}, project)
    text = str(exc.value) + exc.value.fix
    assert "end_on" in text and "WanImageToVideoPipeline" in text and "LTXConditionPipeline" in text


def test_missing_end_image(project):
    with pytest.raises(FieldError, match="not found"):
        GenerateSource({"prompt": "ocean", "model": "models/wan_i2v", "image": "first.png", "end_on": "nope.png"},
                       project)


def _doc_example() -> str:
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "generation.md").read_text(encoding="utf-8")
    section = text.split("## Continuity", 1)[1].split("\n## ", 1)[0]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_doc_example_renders_and_lands(tmp_path, models, end_image):
    """The Continuity example of docs/generation.md, verbatim, on a tiny LTX condition folder; a Wan text-to-video
    folder in its place is refused with the file and line of `end_on`."""
    from compositor.errors import UserError
    from compositor.project.load import load_project
    from compositor.render import FrameRenderer

    tmp_path = tmp_path / "doc"
    tmp_path.mkdir()
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "ltx-video-condition").symlink_to(models / "ltx_condition", target_is_directory=True)
    (tmp_path / "assets").mkdir()
    Image.fromarray(np.full((192, 320, 3), (200, 60, 40), np.uint8)).save(tmp_path / "assets" / "desk.png")
    Image.fromarray(np.kron(end_image, np.ones((6, 10, 1), np.uint8))).save(tmp_path / "assets" / "dashboard.png")
    text = _doc_example()
    (tmp_path / "project.yaml").write_text(text, encoding="utf-8")
    project = load_project(tmp_path / "project.yaml")
    last = FrameRenderer(project, use_cache=False).frame(15)[..., :3].astype(int)
    want = np.asarray(Image.open(tmp_path / "assets" / "dashboard.png")).astype(int)
    diff = np.abs(last - want)
    # generated at the model's small size and upscaled: exact away from the colour edge, softened on it
    assert np.median(diff) <= 1 and diff.mean() < 8, (np.median(diff), diff.mean())

    (tmp_path / "models" / "wan").symlink_to(models / "wan_t2v", target_is_directory=True)
    (tmp_path / "bad.yaml").write_text(text.replace("models/ltx-video-condition", "models/wan")
                                       .replace("        image: assets/desk.png\n", ""), encoding="utf-8")
    with pytest.raises(UserError) as exc:
        load_project(tmp_path / "bad.yaml")
    line = text.splitlines().index("        end_on: assets/dashboard.png")   # one line less above it in bad.yaml
    assert f"bad.yaml:{line}" in str(exc.value) and "LTXConditionPipeline" in str(exc.value)


def test_end_on_another_shots_frame(project, received):
    a = run(project, {"prompt": "city street night", "model": "models/wan_i2v", "image": "first.png"}, n_frames=8)
    want = a.frame(4)[..., :3].astype(int)          # 0.5 s into shot a at 8 fps
    b = GenerateSource({"prompt": "city street rain", "model": "models/ltx_condition",
                        "end_on": {"shot": "a", "at": 0.5}}, project)
    b.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=8, shot_id="b", use_cache=False,
                       previous=lambda sid: {"a": a}.get(sid)))
    cond = received[-1][1]["conditions"][-1]
    assert np.array_equal(np.asarray(cond.image).astype(int), want)
    assert np.abs(b.frame(7)[..., :3].astype(int) - want).max() <= 1
    late = GenerateSource({"prompt": "rain", "model": "models/ltx_condition", "end_on": {"shot": "a", "at": 9}},
                          project)
    with pytest.raises(FieldError, match="outside shot 'a'"):
        late.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=8, shot_id="c", use_cache=False,
                              previous=lambda sid: {"a": a}.get(sid)))


def test_changing_one_shot_regenerates_it_and_its_dependants_only(project, end_image, received, tmp_path):
    cache_dir = tmp_path / "dep-cache"

    def render(prompt_a):
        shots = {}
        specs = [("a", {"prompt": prompt_a, "model": "models/wan_i2v", "image": "first.png"}),
                 ("b", {"prompt": "rain", "model": "models/ltx_condition", "end_on": {"shot": "a", "at": "end"}}),
                 ("c", {"prompt": "ocean", "model": "models/ltx_condition", "end_on": "last.png"})]
        for sid, spec in specs:
            src = GenerateSource(spec, project)
            src.prepare(make_ctx(project, size=(32, 32), fps=8.0, n_frames=4, shot_id=sid, cache_dir=cache_dir,
                                 previous=lambda s: shots.get(s)))
            shots[sid] = src
        calls = len(received)
        received.clear()
        return calls

    assert render("city street night") == 3
    assert render("city street night") == 0          # all cached
    assert render("city street rain") == 2           # a, and b that lands on a's last frame; not c
