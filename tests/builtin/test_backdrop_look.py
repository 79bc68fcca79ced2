"""A built-in backdrop as a project renders it: decoded H.264 frames are a smooth grade with grain (no hard
palette edges, no banding, no block grid, brand colours), coherent on the `check` score, the same for the same
seed; and the model's prompt rule (bokeh) reaches the call. Small sizes and few frames; full figures come from
scripts/builtin_look.py."""
from pathlib import Path

import numpy as np
import pytest

from compositor.diffusion.builtin.grain import Grain
from compositor.diffusion.builtin.look import banding, blockiness, distinct_colours, hard_edge_share
from compositor.diffusion.builtin.sampling import MODEL_DIR

ROOT = Path(__file__).resolve().parents[2]
needs_model = pytest.mark.skipif(not (MODEL_DIR / "model_index.json").exists(), reason="model folder not built")
SIZE = (1920, 1080)  # the bars are about 1080p; the model codec's 4x4 block is 48 px here (90 rows -> 1080)
FRAMES = 12


def _decode(path: Path) -> list:
    import av

    with av.open(str(path)) as box:
        return [f.to_ndarray(format="rgb24") for f in box.decode(video=0)]


def _h264_round_trip(frames, folder: Path) -> list:
    from compositor.encode import open_writer

    w = open_writer(folder / "t.mp4", (frames[0].shape[1], frames[0].shape[0]), 30)
    for f in frames:
        w.write(f)
    w.close()
    return _decode(folder / "t.mp4")


def test_grain_dithers_an_8bit_ramp_and_is_static_and_seeded(tmp_path):
    ramp = np.repeat(np.repeat(np.linspace(40, 70, 960, dtype=np.float32)[None, :, None], 540, 0), 3, 2)
    plain = np.round(ramp).astype(np.uint8)
    grained = Grain(3)(ramp)
    assert np.array_equal(grained, Grain(3)(ramp)) and not np.array_equal(grained, Grain(4)(ramp))
    decoded_plain, decoded_grain = _h264_round_trip([plain, plain], tmp_path)[0], \
        _h264_round_trip([grained, grained], tmp_path)[0]
    assert banding(decoded_plain) > 15          # 30 levels over 960 px: 32-px bands survive the encoder
    assert banding(decoded_grain) < 4           # dithered: short runs whatever the slope
    assert abs(float(decoded_grain.mean()) - float(plain.mean())) < 0.5   # grain adds no brightness


def test_prompt_rule_applies_only_when_the_project_sets_neither_value():
    from compositor.diffusion.builtin.prompting import settings

    neg, g, notes = settings("slow soft bokeh, moving up right", None, None, 4.0, MODEL_DIR)
    assert (neg, g) == ("light leak", 2.5) and notes
    assert settings("out of focus lights", None, None, 4.0, MODEL_DIR)[:2] == ("light leak", 2.5)
    assert settings("slow soft bokeh", None, 5.0, 4.0, MODEL_DIR)[:2] == ("", 5.0)
    assert settings("slow soft bokeh", "dust", None, 4.0, MODEL_DIR)[:2] == ("dust", 4.0)
    assert settings("flowing waves", None, None, 4.0, MODEL_DIR)[:2] == ("", 4.0)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """A 0.4 s 1080p 30 fps project with one built-in bokeh shot, rendered by the CLI, decoded."""
    from typer.testing import CliRunner

    from compositor.cli import app

    folder = tmp_path_factory.mktemp("look")
    (folder / "project.yaml").write_text(
        f"compositor: 1\nbrand: {ROOT / 'brand' / 'kits' / 'northwind'}\n"
        f"output: {{size: [{SIZE[0]}, {SIZE[1]}], fps: 30, file: out.mp4}}\n"
        "shots:\n  - id: b\n    duration: 0.4\n"
        "    background: {generate: {model: builtin, prompt: \"slow soft bokeh, moving right\", seed: 2, steps: 6}}\n")
    res = CliRunner().invoke(app, ["render", str(folder / "project.yaml")])
    assert res.exit_code == 0, res.output
    return folder, _decode(folder / "out.mp4")


@needs_model
def test_rendered_backdrop_is_smooth_grainy_unbanded_and_on_brand(rendered):
    from brand.kit import find_kit, load_kit
    from compositor.diffusion.builtin.colour import palette_match

    import cv2

    from compositor.diffusion import cache
    from compositor.diffusion.builtin.palette import map_to_palette
    from compositor.project.load import load_project
    from compositor.session import RenderSession

    folder, frames = rendered
    assert len(frames) == FRAMES and frames[0].shape == (SIZE[1], SIZE[0], 3)
    palette = [tuple(int(v) for v in c)
               for c in load_kit(find_kit(str(ROOT / "brand" / "kits" / "northwind"), ROOT)).palette()]
    project = load_project(folder / "project.yaml")
    session = RenderSession(project)
    try:   # the generated grey clip, from the cache the render filled: the reference is the old hard snap of it
        grey = cache.load(project.cache_dir, session.prepare(project.shots[0]).source.unwrap().report["key"])
    finally:
        session.close()
    hard = cv2.resize(map_to_palette(np.asarray(grey), palette)[-1], SIZE, interpolation=cv2.INTER_LANCZOS4)
    for f in (frames[0], frames[FRAMES - 1]):
        # fewer hard palette edges than the snap (Northwind's navy -> saturated blue -> white steps are large:
        # full figures in docs/builtin-model.md)
        assert hard_edge_share(f, denoise=1.5) < 0.85 * hard_edge_share(hard, denoise=1.5)
        assert distinct_colours(f) > 3000                   # a gradient field, not three flat colours
        assert banding(f) < 4                               # no 8-bit bands
        assert blockiness(f, 8) < 1.2 and blockiness(f, 48) < 1.2   # no codec or model-codec block grid
    dists, _ = palette_match(np.stack(frames), [tuple(int(v) for v in c) for c in palette])
    assert dists.max() <= 10.0


@needs_model
def test_rendered_backdrop_reads_ok_on_check_and_is_deterministic(rendered):
    from typer.testing import CliRunner

    from compositor.cli import app

    folder, frames = rendered
    res = CliRunner().invoke(app, ["check", str(folder / "project.yaml"), "--json"])
    assert res.exit_code == 0, res.output
    import json
    report = json.loads(res.output[res.output.index("{"):])
    shot = report["shots"][0]
    assert shot["verdict"] == "OK", shot
    again = CliRunner().invoke(app, ["render", str(folder / "project.yaml"), "-o", str(folder / "again.mp4"),
                                     "--no-cache"])
    assert again.exit_code == 0, again.output
    assert all(np.array_equal(a, b) for a, b in zip(frames, _decode(folder / "again.mp4")))


@needs_model
def test_bokeh_prompt_rule_reaches_the_generation_and_is_reported(rendered):
    from compositor.project.load import load_project
    from compositor.session import RenderSession

    folder, _ = rendered
    project = load_project(folder / "project.yaml")
    session = RenderSession(project)
    try:
        src = session.prepare(project.shots[0]).source.unwrap()
    finally:
        session.close()
    notes = " ".join(src.report["adjusted"])
    assert "negative prompt 'light leak' and guidance 2.5" in notes and "film grain" in notes, src.report["adjusted"]


@needs_model
def test_the_python_example_in_the_docs_runs_verbatim():
    from tests.docblocks import fenced

    scope: dict = {}
    exec(fenced((ROOT / "docs" / "builtin-model.md").read_text(), "python"), scope)
    assert scope["frame"].shape == (1080, 1920, 3) and scope["frame"].dtype == np.uint8
    assert (scope["negative"], scope["guidance"]) == ("light leak", 2.5)
