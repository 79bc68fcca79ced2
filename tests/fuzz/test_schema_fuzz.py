"""Project files drawn from the project's own JSON Schema (`compositor schema`), one layer kind, background kind or
section at a time inside a valid shell project: `compositor validate` exits 0 or 2 (never 1, an internal error),
a refusal names FILE:LINE, and a file that validates previews its first, middle and last frame with exit 0 or 2.

`compositor preview` runs as is, except for `generate:` backgrounds: running the diffusion model for every drawn
prompt would take minutes a case, so those previews go through the same load and frame renderer with the offline
placeholder a studio scrub uses (the model's own inputs are checked at load either way).

Every target (each layer kind, each background kind, enter/exit/animate/transition, tracks, audio, captions,
quality, references, output with its variants) gets the same share of COMPOSITOR_FUZZ_CASES (default 150, at
least 2 a target; a long run: COMPOSITOR_FUZZ_CASES=5000). Derandomized, so CI sees the same cases every run.
Per-target counts and exit codes are printed at the end (run with -s)."""
from __future__ import annotations

import collections
import functools
import os
import re
import signal
import time
from pathlib import Path

import pytest
import yaml

pytest.importorskip("hypothesis_jsonschema")
from hypothesis import HealthCheck, Phase, given, settings, strategies as st  # noqa: E402

import schema_draw  # noqa: E402

CASES = int(os.environ.get("COMPOSITOR_FUZZ_CASES", "150"))
CASE_SECONDS = 60          # a case (validate + three previews) that takes longer is a hang
LINE = re.compile(r"^.+?:\d+: ")
OK = re.compile(r"ok: .*?, ([\d.]+)s, (\d+) frames")

STATS: dict = collections.defaultdict(collections.Counter)


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\nschema fuzz: {sum(STATS['cases'].values())} cases")
    for name, counter in sorted(STATS.items()):
        print(f"  {name}: {dict(sorted(counter.items()))}")


def _alarm(signum, frame):
    raise TimeoutError(f"case ran over {CASE_SECONDS} s")


def _invoke(args: list[str], offline: bool = False):
    from typer.testing import CliRunner

    from compositor.cli import app

    return CliRunner().invoke(_offline_preview() if offline else app, args)


@functools.lru_cache(maxsize=1)
def _offline_preview():
    """`compositor preview` (same error guard, same load, same frame renderer) with generation left offline."""
    import typer

    from compositor.cli.app import guarded, load
    from compositor.render import FrameRenderer
    from compositor.stills import write_png

    offline = typer.Typer(add_completion=False)

    @offline.command()
    @guarded
    def preview(project: Path, at: float = typer.Option(..., "--at"), output: Path = typer.Option(..., "-o")):
        proj = load(project).project
        renderer = FrameRenderer(proj, offline=True)
        try:
            write_png(output, renderer.frame(proj.timeline.frame_of(at)))
        finally:
            renderer.close()

    return offline


def _hold(step: str, result, folder: Path, text: str) -> None:
    """The contract for one command: exit 0 or 2, never a traceback; a refusal says FILE:LINE."""
    err = result.stderr
    where = f"{step}: exit {result.exit_code}\n{err[:1200]}\n--- project.yaml ---\n{text[:3000]}"
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{type(result.exception).__name__}: {result.exception}\n{where}"
    assert "internal error" not in err and "Traceback" not in err, where
    assert result.exit_code in (0, 2), where
    if result.exit_code == 2:
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines, f"exit 2 with nothing said\n{where}"
        for line in lines:
            assert LINE.match(line) and line.startswith(str(folder)), f"no FILE:LINE in {line[:300]!r}\n{where}"


def _clamp_output(value):
    """Keep a drawn output that would validate small and short (the preview is the point, not the pixels)."""
    if not isinstance(value, dict):
        return value
    out = dict(value)
    size = out.get("size")
    if isinstance(size, list) and len(size) == 2 and all(type(v) is int and 16 <= v <= 8192 for v in size):
        out["size"] = [16 + (size[0] % 150) * 2, 16 + (size[1] % 100) * 2]
    fps = out.get("fps")
    if isinstance(fps, (int, float)) and not isinstance(fps, bool) and 0 < fps <= 240:
        out["fps"] = min(fps, 12)
    return out


def run_case(folder: Path, doc: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=10**9)
    project = folder / "project.yaml"
    project.write_text(text, encoding="utf-8")
    old = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(CASE_SECONDS)
    try:
        result = _invoke(["validate", str(project)])
        _hold("validate", result, folder, text)
        STATS["validate"][result.exit_code] += 1
        if result.exit_code != 0:
            return
        found = OK.search(result.stdout)
        assert found, result.stdout
        duration, frames = float(found.group(1)), int(found.group(2))
        last = duration * (frames - 1) / frames if frames else 0.0
        generated = any("generate" in shot.get("background", {}) for shot in doc["shots"]
                        if isinstance(shot.get("background"), dict))
        for at in (0.0, duration / 2, last):
            args = [str(project), "--at", f"{at:.4f}", "-o", str(folder / "frame.png")]
            result = _invoke(args if generated else ["preview", *args], offline=generated)
            _hold(f"preview --at {at:.4f}", result, folder, text)
            STATS["preview"][result.exit_code] += 1
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


TARGETS = sorted(schema_draw.targets())
PER_TARGET = max(2, round(CASES / len(TARGETS)))


@pytest.mark.parametrize("target", TARGETS)
@settings(max_examples=PER_TARGET, derandomize=True, deadline=None, database=None, print_blob=False,
          phases=(Phase.explicit, Phase.generate),     # no shrinking: the failing draw is printed as drawn
          suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_drawn_project_validates_or_is_refused_with_file_line(tmp_path_factory, target, data):
    value = data.draw(schema_draw.strategy(target), label="drawn")
    if data.draw(st.booleans(), label="familiar tokens"):
        value = schema_draw.familiar(value, lambda options: data.draw(st.sampled_from(options)))
    if target == "output":
        value = _clamp_output(value)
    STATS["cases"][target] += 1
    start = time.perf_counter()
    run_case(tmp_path_factory.mktemp("schema"), schema_draw.project(target, value))
    STATS["seconds"][">2s" if time.perf_counter() - start > 2 else "<=2s"] += 1
