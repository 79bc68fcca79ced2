"""The other commands, on real output: `preview --at` is exactly the frame a full render has at that index,
`sheet` lays out one tile per second or per shot, `init` scaffolds a project that validates and renders,
`schema` is a JSON Schema the example project satisfies, `--help` works; and renders are deterministic.

The CLI subprocesses start together (each pays seconds of imports) and the tests read their results.
"""
from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import cv2
import numpy as np
import pytest
import yaml

from foundation_media import (REPO, frame_hashes, read_png, read_png_sequence, render_png_frames, render_to,
                              write_project)

EXAMPLE = REPO / "projects" / "northwind-launch"
FPS = 10

# animated text, a logo, footage resampled from 8 fps, a Ken Burns still, a drifting gradient and a crossfade:
# every frame differs, so a preview of the wrong index cannot pass
PROJECT = f"""
compositor: 1
brand: northwind
output: {{size: [320, 180], fps: {FPS}, file: frames}}
shots:
  - id: intro
    duration: 1
    background: {{gradient: {{colors: [paper, primary], angle: 30, drift: 20}}}}
    layers:
      - logo: default
        width: 120
        at: [160, 60]
        enter: {{pop: 0.6}}
      - text: "Frames that match"
        style: title
        size: 24
        at: [160, 130]
        enter: {{typewriter: 0.8}}
  - id: footage
    duration: 1
    background: {{video: {EXAMPLE / "assets" / "office.mp4"}, fit: cover}}
    transition: {{crossfade: 0.4}}
  - id: still
    duration: 0.8
    background: {{image: {EXAMPLE / "assets" / "dashboard.png"}, motion: {{zoom: [1.0, 1.2], pan: [[0, 0], [0.5, 0.2]]}}}}
    transition: {{wipe: 0.3, direction: left}}
    layers:
      - svg: {EXAMPLE / "assets" / "diagram.svg"}
        width: 200
        at: center
        animate: {{rotate: [[0, 0], [0.8, 20]], opacity: [[0, 0.3], [0.8, 1]], ease: spring}}
"""
N_FRAMES = 10 + 10 + 8 - 4 - 3
PREVIEW_AT = 0.7          # frame 7: inside the crossfade, while the typewriter is still typing


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cli")
    write_project(folder, PROJECT)
    return folder


@pytest.fixture(scope="module")
def runs(folder, compositor_cli):
    """Start the independent CLI calls at once; {name: CompletedProcess}."""
    project = folder / "project.yaml"
    calls = {
        "render": ("render", project, "-o", folder / "cli_frames"),
        "preview": ("preview", project, "--at", PREVIEW_AT, "-o", folder / "preview.png"),
        "schema": ("schema",),
        "help": ("--help",),
        "init": ("init", folder / "new-video"),
    }
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = {name: pool.submit(compositor_cli, *args, cwd=folder) for name, args in calls.items()}
        return {name: f.result() for name, f in futures.items()}


def ok(result):
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return result


def test_render_to_a_folder_writes_a_png_sequence(runs, folder):
    ok(runs["render"])
    frames = read_png_sequence(folder / "cli_frames")
    assert len(frames) == N_FRAMES
    assert frames[0].shape == (180, 320, 3)


def test_preview_is_exactly_the_rendered_frame(runs, folder):
    ok(runs["render"]), ok(runs["preview"])
    preview = read_png(folder / "preview.png")
    frames = read_png_sequence(folder / "cli_frames")
    index = round(PREVIEW_AT * FPS)
    assert np.array_equal(preview, frames[index])
    assert not np.array_equal(preview, frames[index - 1]) and not np.array_equal(preview, frames[index + 1])


def test_preview_outside_the_video_is_a_user_error(folder):
    code, _, err = run_in_process(["preview", str(folder / "project.yaml"), "--at", "99"])
    assert code == 2 and "outside the video" in err and "Traceback" not in err


def test_renders_are_deterministic_within_and_across_processes(runs, folder):
    ok(runs["render"])
    first = frame_hashes(render_png_frames(folder / "project.yaml", folder / "api_a"))
    second = frame_hashes(render_png_frames(folder / "project.yaml", folder / "api_b"))
    other_process = frame_hashes(read_png_sequence(folder / "cli_frames"))
    assert len(first) == N_FRAMES
    assert first == second == other_process
    assert len(set(first)) >= len(first) - 2, "the frames change (8 fps footage at 10 fps repeats one frame)"


def run_in_process(args) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from compositor.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def sheet_tiles(sheet: np.ndarray, width: int, height: int, columns: int, tile_width: int = 400):
    """The tiles of a contact sheet (the layout of compositor.stills.contact_sheet) that hold a picture."""
    th, label_h, pad = int(round(tile_width * height / width)), 34, 12
    tiles = []
    rows = (sheet.shape[0] - pad) // (th + label_h + pad)
    for r in range(rows):
        for c in range(columns):
            x, y = pad + c * (tile_width + pad), pad + r * (th + label_h + pad)
            tile = sheet[y:y + th, x:x + tile_width]
            if np.abs(tile.astype(int) - 24).max() > 0:
                tiles.append(tile)
    return tiles


@pytest.mark.parametrize("per,seconds", [("second", [0, 1, 2]), ("shot", None)])
def test_sheet_has_one_tile_per_second_or_per_shot(folder, per, seconds):
    out = folder / f"sheet-{per}.png"
    code, _, err = run_in_process(["sheet", str(folder / "project.yaml"), "-o", str(out), "--per", per,
                                   "--columns", "2"])
    assert code == 0, err
    sheet = read_png(out)
    tiles = sheet_tiles(sheet, 320, 180, columns=2)
    frames = render_png_frames(folder / "project.yaml", folder / f"frames-{per}")
    if per == "second":
        assert len(tiles) == len(seconds)   # 2.1 s of video: tiles at 0, 1 and 2 s
        picks = [frames[s * FPS] for s in seconds]
    else:
        assert len(tiles) == 3
        picks = [frames[i] for i in (5, 6 + 5, 6 + 10 - 3 + 4)]   # the middle frame of each shot
    for tile, frame in zip(tiles, picks):
        small = cv2.resize(frame, (tile.shape[1], tile.shape[0]), interpolation=cv2.INTER_AREA)
        assert np.abs(small.astype(int) - tile.astype(int)).mean() < 3


def test_init_scaffolds_a_project_that_validates_and_renders(runs, folder):
    from foundation_media import load

    ok(runs["init"])
    project = folder / "new-video" / "project.yaml"
    assert project.exists()
    code, out, err = run_in_process(["validate", str(project)])
    assert code == 0, err
    loaded = load(project)
    picks = [0, loaded.timeline.n_frames // 2, loaded.timeline.n_frames - 1]
    out = render_to(project, folder / "new-video" / "picks.mp4", frames=picks)
    import av
    with av.open(str(out)) as c:
        assert sum(1 for _ in c.decode(c.streams.video[0])) == len(picks)


def test_init_refuses_to_overwrite(runs, folder):
    ok(runs["init"])
    code, _, err = run_in_process(["init", str(folder / "new-video")])
    assert code == 2 and "--force" in err


@pytest.mark.slow
def test_init_project_renders_from_the_cli_as_is(runs, folder, compositor_cli):
    ok(runs["init"])
    ok(compositor_cli("render", folder / "new-video" / "project.yaml", cwd=folder, timeout=600))


def validator_from(runs):
    import jsonschema

    schema = json.loads(ok(runs["schema"]).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_json_schema_and_refuses_unknown_keys(runs):
    validator = validator_from(runs)
    plain = yaml.safe_load("""
        compositor: 1
        brand: northwind
        output: {size: [640, 360], fps: 25, file: out.webm}
        shots:
          - id: a
            duration: 2
            background: {image: still.png, motion: {zoom: [1, 1.1]}}
            layers:
              - text: "Hello"
                style: headline
                at: bottom-left
                animate: {opacity: [[0, 0], [1, 1]], ease: cubic-out}
              - rect: {size: [100, 50], radius: 8, fill: primary}
                at: [320, 180]
        """)
    assert [e.message for e in validator.iter_errors(plain)] == []
    plain["shots"][0]["durration"] = 3
    assert list(validator.iter_errors(plain)), "the schema refuses unknown keys like the loader does"


def test_schema_accepts_the_example_project(runs, folder):
    validator = validator_from(runs)
    for project in (EXAMPLE / "project.yaml", folder / "project.yaml"):
        data = yaml.safe_load(project.read_text())
        assert [e.message for e in validator.iter_errors(data)] == [], project


def test_schema_accepts_the_scaffolded_project(runs, folder):
    ok(runs["init"])
    data = yaml.safe_load((folder / "new-video" / "project.yaml").read_text())
    assert [e.message for e in validator_from(runs).iter_errors(data)] == []


def test_help_lists_every_command(runs):
    out = ok(runs["help"]).stdout
    for command in ("render", "preview", "sheet", "validate", "init", "schema"):
        assert command in out
    assert "Exit codes" in out


@pytest.mark.parametrize("args", [["sheet", "--per", "minute"], ["render", "--executor", "cloud"]])
def test_a_bad_option_value_is_a_usage_error_not_an_internal_one(folder, args):
    code, _, err = run_in_process([args[0], str(folder / "project.yaml"), *args[1:]])
    assert code == 2, err
    assert "internal error" not in err
