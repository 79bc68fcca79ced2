"""Every class of user mistake: `compositor validate` exits 2 and prints `FILE:LINE: path.to.field: what — fix`
with the line the mistake is on, and never a traceback.

Each case marks its expected line with `#<`. The table runs the CLI's own command objects in-process (a cold
`python -m compositor` costs seconds of imports, too slow for dozens of cases); a sample of cases also runs as
a real subprocess to hold the contract across the process boundary.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from foundation_media import write_project


@dataclass
class Case:
    name: str
    project: str
    path: str                          # the dotted field path printed
    fix: str = ""                      # a substring of the fix (after the dash)
    files: dict = field(default_factory=dict)   # extra files: relative path -> text (or bytes)
    error_file: str = "project.yaml"   # the file the error names (a kit's brand.yaml for kit mistakes)
    xfail: str = ""


CASES = [
    Case("yaml_syntax", """
        compositor: 1
        shots:
          - id: a
            layers: [
              - text: hi   #<
        """, "(file)", "fix the syntax"),
    Case("unknown_key_did_you_mean", """
        compositor: 1
        shots:
          - id: a
            durration: 2   #<
        """, "shots[0].durration", "did you mean 'duration'?"),
    Case("unknown_layer_key_did_you_mean", """
        compositor: 1
        shots:
          - id: a
            layers:
              - text: hello
                colr: ink   #<
        """, "shots[0].layers[0].colr", "did you mean 'color'?",
         ),
    Case("unknown_shape_key_did_you_mean", """
        compositor: 1
        shots:
          - id: a
            layers:
              - rect:
                  size: [10, 10]
                  radus: 4   #<
        """, "shots[0].layers[0].rect.radus", "did you mean 'radius'?"),
    Case("wrong_type", """
        compositor: 1
        output:
          size: [320, 180]
          fps: thirty   #<
        shots:
          - id: a
        """, "output.fps", ""),
    Case("missing_required_key", """
        compositor: 1
        shots:
          - duration: 2   #<
            background: {color: paper}
        """, "shots[0].id", "add 'id'"),
    Case("missing_asset", """
        compositor: 1
        shots:
          - id: a
            background:
              image: assets/nope.png   #<
        """, "shots[0].background.image", "fix the path"),
    Case("corrupt_video_asset", """
        compositor: 1
        shots:
          - id: a
            background: {video: clip.mp4}   #<
        """, "shots[0].background.video", "", files={"clip.mp4": b"\x00\x01not a video at all" * 64}),
    Case("unreadable_svg", """
        compositor: 1
        shots:
          - id: a
            layers:
              - svg: art.svg   #<
        """, "shots[0].layers[0].svg", "", files={"art.svg": "<svg><rect"}),
    Case("bad_colour_token", """
        compositor: 1
        shots:
          - id: a
            layers:
              - rect:
                  size: [10, 10]
                  fill: primry   #<
        """, "shots[0].layers[0].rect.fill", "primary"),
    Case("literal_colour_under_strict_lock", """
        compositor: 1
        brand: northwind
        shots:
          - id: a
            layers:
              - text: hi
                color: "#FF0000"   #<
        """, "shots[0].layers[0].color", "use a colour token: accent"),
    Case("literal_background_under_strict_lock", """
        compositor: 1
        brand: northwind
        shots:
          - id: a
            background: {color: "#123456"}   #<
        """, "shots[0].background.color", "primary"),
    Case("literal_gradient_stop_under_strict_lock", """
        compositor: 1
        brand: northwind
        shots:
          - id: a
            background:
              gradient:
                - paper
                - "#123456"   #<
        """, "shots[0].background.gradient[1]", "primary"),
    Case("literal_text_box_fill_under_strict_lock", """
        compositor: 1
        brand: northwind
        shots:
          - id: a
            layers:
              - text: hi
                box: {fill: "#FFFFFF"}   #<
        """, "shots[0].layers[0].box.fill", "paper"),
    Case("font_file_under_strict_lock", """
        compositor: 1
        brand: northwind
        shots:
          - id: a
            layers:
              - text: hi
                font: fonts/Other.otf   #<
        """, "shots[0].layers[0].font", "use a font token: body, display"),
    Case("logo_path_under_strict_lock", """
        compositor: 1
        brand: northwind
        shots:
          - id: a
            layers:
              - logo: mylogo.svg   #<
        """, "shots[0].layers[0].logo", "use a logo variant: default, mono"),
    Case("unknown_style", """
        compositor: 1
        shots:
          - id: a
            layers:
              - text: hi
                style: headlin   #<
        """, "shots[0].layers[0].style", "headline"),
    Case("unknown_track", """
        compositor: 1
        shots:
          - id: a
            layers:
              - text: hi
                pin: screen   #<
        """, "shots[0].layers[0].pin", "tracks"),
    Case("duplicate_shot_id", """
        compositor: 1
        shots:
          - id: a
          - id: a   #<
        """, "shots[1].id", "its own id"),
    Case("bad_transition", """
        compositor: 1
        shots:
          - id: a
          - id: b
            transition: {dissolve: 0.5}   #<
        """, "shots[1].transition", "crossfade"),
    Case("transition_longer_than_a_shot", """
        compositor: 1
        shots:
          - id: a
            duration: 1
          - id: b
            duration: 1
            transition: {crossfade: 2}   #<
        """, "shots[1].transition", "at most 1"),
    Case("unknown_brand_kit", """
        compositor: 1
        brand: nowhere-kit   #<
        shots:
          - id: a
        """, "brand", "northwind"),
    Case("bad_enter_preset", """
        compositor: 1
        shots:
          - id: a
            layers:
              - text: hi
                enter: {bounce: 0.5}   #<
        """, "shots[0].layers[0].enter", "fade"),
    Case("unknown_preset_long_form", """
        compositor: 1
        shots:
          - id: a
            layers:
              - text: hi
                enter:
                  preset: spin   #<
        """, "shots[0].layers[0].enter.preset", "fade"),
    Case("line_coordinate_out_of_bounds", """
        compositor: 1
        shots:
          - id: a
            layers:
              - line:
                  from: [-5.5e16, 0]   #<
                  to: [100, 10]
        """, "shots[0].layers[0].line.from[0]", "≥ -100000"),
    Case("arrow_too_large_to_draw", """
        compositor: 1
        shots:
          - id: a
            layers:
              - arrow: {from: [-60000, -60000], to: [60000, 60000]}   #<
        """, "shots[0].layers[0]", "make it smaller"),
    Case("empty_gradient", """
        compositor: 1
        shots:
          - id: a
            background: {gradient: []}   #<
        """, "shots[0].background.gradient", "at least 2"),
    Case("font_size_out_of_bounds", """
        compositor: 1
        shots:
          - id: a
            layers:
              - text: hi
                size: 1e9   #<
        """, "shots[0].layers[0].size", "≤ 2000"),
    Case("bad_easing", """
        compositor: 1
        shots:
          - id: a
            layers:
              - text: hi
                animate: {opacity: [[0, 0], [1, 1]], ease: cubic-inout}   #<
        """, "shots[0].layers[0].animate.ease", "cubic-in-out"),
    Case("layer_without_a_kind", """
        compositor: 1
        shots:
          - id: a
            layers:
              - txt: hi   #<
        """, "shots[0].layers[0]", "text"),
    Case("background_without_a_kind", """
        compositor: 1
        shots:
          - id: a
            background: {colour: paper}   #<
        """, "shots[0].background", "color"),
    Case("unknown_output_extension", """
        compositor: 1
        output:
          file: out.avi   #<
        shots:
          - id: a
        """, "output.file", ".mp4"),
    Case("bad_colour_in_brand_kit", """
        compositor: 1
        brand: kit
        shots:
          - id: a
        """, "colors.ink", "#RRGGBB", error_file="kit/brand.yaml",
         files={"kit/brand.yaml": "name: Broken\ncolors:\n  primary: \"#1F4FFF\"\n  ink: blue   #<\n"}),
]

ISSUE = re.compile(r"^(?P<file>.+?):(?P<line>\d+): (?P<path>\S+): (?P<what>.+?) — (?P<fix>.+)$")


def marked_line(text: str) -> int:
    lines = [i + 1 for i, line in enumerate(text.splitlines()) if "#<" in line]
    assert len(lines) == 1, "a case marks exactly one line"
    return lines[0]


def prepare_case(case: Case, root):
    folder = root / case.name
    project = write_project(folder, case.project)
    for rel, content in case.files.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        (target.write_bytes if isinstance(content, bytes) else target.write_text)(content)
    return folder, project


def run_in_process(project, folder) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `compositor validate PROJECT` through the CLI's own Typer app."""
    from typer.testing import CliRunner

    from compositor.cli import app

    result = CliRunner().invoke(app, ["validate", str(project)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def case_params(cases):
    return [pytest.param(c, id=c.name, marks=[pytest.mark.xfail(reason=c.xfail, strict=False)] if c.xfail else [])
            for c in cases]


@pytest.mark.parametrize("case", case_params(CASES))
def test_user_error_names_file_line_field_and_fix(tmp_path, case):
    folder, project = prepare_case(case, tmp_path)
    code, out, err = run_in_process(project, folder)
    check_report(case, folder, code, out, err)


SUBPROCESS_SAMPLE = ("yaml_syntax", "literal_colour_under_strict_lock", "missing_asset", "bad_colour_in_brand_kit")


@pytest.fixture(scope="module")
def subprocess_runs(tmp_path_factory, compositor_cli):
    """The sample, each as a real `python -m compositor validate` process, started together."""
    from concurrent.futures import ThreadPoolExecutor

    root = tmp_path_factory.mktemp("errors-cli")
    prepared = {c.name: prepare_case(c, root) for c in CASES if c.name in SUBPROCESS_SAMPLE}
    with ThreadPoolExecutor(max_workers=len(prepared)) as pool:
        futures = {name: pool.submit(compositor_cli, "validate", project, cwd=folder)
                   for name, (folder, project) in prepared.items()}
        return {name: (prepared[name][0], f.result()) for name, f in futures.items()}


@pytest.mark.parametrize("case", case_params([c for c in CASES if c.name in SUBPROCESS_SAMPLE]))
def test_user_error_contract_as_a_real_process(subprocess_runs, case):
    folder, result = subprocess_runs[case.name]
    check_report(case, folder, result.returncode, result.stdout, result.stderr)


def check_report(case: Case, folder, code: int, stdout: str, stderr: str) -> None:
    assert code == 2, f"exit {code}\n{stderr}"
    assert "Traceback" not in stderr + stdout
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert lines, "nothing printed on stderr"
    for ln in lines:
        assert ISSUE.match(ln), f"not FILE:LINE: field: what — fix: {ln!r}"
    first = ISSUE.match(lines[0])
    error_file = folder / case.error_file
    text = error_file.read_text()
    assert first["file"] == str(error_file.resolve()) or first["file"] == str(error_file), first["file"]
    assert int(first["line"]) == marked_line(text), f"wrong line: {lines[0]}"
    assert first["path"] == case.path
    assert case.fix in first["fix"], f"fix {first['fix']!r} lacks {case.fix!r}"


def test_several_mistakes_are_reported_together(tmp_path):
    project = write_project(tmp_path, """
        compositor: 1
        shots:
          - id: a
            layers:
              - text: hi
                style: nope
              - rect: {size: [10, 10], fill: nocolour}
        """)
    code, _, err = run_in_process(project, tmp_path)
    assert code == 2
    found = [ISSUE.match(ln) for ln in err.splitlines() if ln.strip()]
    assert [(m["line"], m["path"]) for m in found] == [("6", "shots[0].layers[0].style"),
                                                       ("7", "shots[0].layers[1].rect.fill")]


def test_a_valid_project_validates_with_exit_zero(tmp_path):
    project = write_project(tmp_path, """
        compositor: 1
        brand: northwind
        output: {size: [320, 180], fps: 10}
        shots:
          - id: a
            layers:
              - text: hi
                style: headline
        """)
    code, out, err = run_in_process(project, tmp_path)
    assert code == 0, err
    assert out.startswith("ok:")
