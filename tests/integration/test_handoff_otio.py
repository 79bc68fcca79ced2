"""`compositor export --otio`: the timeline read back with opentimelineio matches `compositor timeline --json`
frame for frame (rational times at the project fps), and survives the .otio and .otioz adapters."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import opentimelineio as otio

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "handoff.md"


def doc_project(folder: Path) -> Path:
    """The example project of docs/handoff.md, verbatim, with the assets it names."""
    text = DOC.read_text()
    yaml_text = re.search(r"```yaml\n(.*?)```", text, re.S).group(1)
    (folder / "assets" / "vo").mkdir(parents=True)
    shutil.copy(REPO / "projects" / "northwind-launch" / "assets" / "office.mp4", folder / "assets" / "office.mp4")
    for i in (1, 2):
        shutil.copy(REPO / "tests" / "data" / "audio" / f"vo_0{i}.wav", folder / "assets" / "vo" / f"0{i}.wav")
    shutil.copy(REPO / "tests" / "data" / "lottie" / "loading_dots_3.json", folder / "assets" / "spinner.json")
    p = folder / "project.yaml"
    p.write_text(yaml_text)
    return p


def doc_commands() -> list[list[str]]:
    text = DOC.read_text()
    block = re.search(r"```sh\n(.*?)```", text, re.S).group(1)
    return [line.split()[1:] for line in block.splitlines() if line.startswith("compositor ")]


def frames(rt: otio.opentime.RationalTime, fps: float) -> float:
    assert rt.rate == fps
    return rt.value


def test_export_matches_timeline_json(tmp_path, compositor_cli, capsys):
    p = doc_project(tmp_path)
    cmds = doc_commands()
    assert cmds
    for args in cmds:
        r = compositor_cli(*args, cwd=tmp_path, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
    r = compositor_cli("timeline", p, "--json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    want = json.loads(r.stdout)
    fps = 30.0
    tl = otio.adapters.read_from_file(str(tmp_path / "timeline.otio"))
    assert tl.global_start_time.rate == fps

    shots_track, over = tl.tracks[0], tl.tracks[1]
    assert shots_track.kind == otio.schema.TrackKind.Video and shots_track.name == "Shots"
    clips = [c for c in shots_track if isinstance(c, otio.schema.Clip)]
    transitions = [c for c in shots_track if isinstance(c, otio.schema.Transition)]
    shot_rows = [row for row in want["items"] if row["kind"] == "shot"]
    assert [c.name for c in clips] == [row["id"] for row in shot_rows]
    for k, (clip, row) in enumerate(zip(clips, shot_rows)):
        placed = clip.range_in_parent()
        start = frames(placed.start_time, fps)
        assert start == round(row["start"] * fps)
        handle = 0
        nxt = shots_track.neighbors_of(clip)[1]
        if isinstance(nxt, otio.schema.Transition):
            handle = frames(nxt.out_offset, fps)
        assert start + frames(placed.duration, fps) + handle == round(row["end"] * fps), clip.name
    assert len(transitions) == 1 and frames(transitions[0].out_offset, fps) == 15     # crossfade 0.5 s
    # the footage shot points at its source file, the colour shot at the background pass
    assert clips[1].media_reference.target_url.endswith("assets/office.mp4")
    assert clips[0].media_reference.target_url.endswith("timeline-background.mov")
    assert [m.name for m in clips[0].markers] == ["text: title", "lottie: spinner"]
    assert frames(clips[0].markers[1].marked_range.start_time, fps) == 15

    assert over.name == "Overlays" and len(over) == 1
    assert frames(over[0].source_range.duration, fps) == want["frames"]
    assert over[0].media_reference.target_url.endswith("timeline-overlays.mov")
    assert frames(tl.duration(), fps) == want["frames"]

    voice_tracks = [t for t in tl.tracks if t.kind == otio.schema.TrackKind.Audio]
    assert [t.name for t in voice_tracks] == ["voice", "voice 2"]      # the two takes overlap
    voice_rows = [row for row in want["items"] if row["kind"] == "voice"]
    vclips = [c for t in voice_tracks for c in t if isinstance(c, otio.schema.Clip)]
    assert len(vclips) == len(voice_rows) == 2
    for clip, row in zip(vclips, voice_rows):
        placed = clip.range_in_parent()
        assert frames(placed.start_time, fps) == round(row["start"] * fps)
        end = min(round(row["end"] * fps), want["frames"])              # cut where the picture ends
        assert frames(placed.start_time, fps) + frames(placed.duration, fps) == end

    cues = [row for row in want["items"] if row["kind"] == "caption"]
    assert [m.name for m in shots_track.markers] == [c["note"] for c in cues]
    for m, c in zip(shots_track.markers, cues):
        assert frames(m.marked_range.start_time, fps) == round(c["start"] * fps)
        sidecars = m.metadata["compositor"]["sidecars"]
        assert [Path(s).suffix for s in sidecars] == [".srt", ".vtt"]
    assert (tmp_path / "timeline.srt").read_text().count("-->") == len(cues)

    # the passes it points at were rendered by the doc's commands, with the timeline's frame count
    import av
    for name in ("timeline-overlays.mov", "timeline-background.mov"):
        with av.open(str(tmp_path / name)) as c:
            assert sum(1 for _ in c.decode(c.streams.video[0])) == want["frames"]

    # round trip through the zipped adapter (it packs the media): the same tracks, ranges and markers
    z = tmp_path / "timeline.otioz"
    r = compositor_cli("export", p, "--otio", z, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    back = otio.adapters.read_from_file(str(z))

    def ranges(t):
        return [(tr.name, [(c.name, str(c.range_in_parent()), [str(m.marked_range) for m in c.markers])
                           for c in tr if isinstance(c, otio.schema.Clip)]) for tr in t.tracks]
    assert ranges(back) == ranges(tl)
    capsys.readouterr()
    printed = run_doc_python(tmp_path, capsys)                        # the doc's reading-back example
    assert printed.splitlines()[0].startswith("open TimeRange(RationalTime(0, 30), RationalTime(45, 30))")


def run_doc_python(folder: Path, capsys) -> str:
    code = re.search(r"```python\n(.*?)```", DOC.read_text(), re.S).group(1)
    import os
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        exec(compile(code, str(DOC), "exec"), {})
    finally:
        os.chdir(cwd)
    return capsys.readouterr().out


def test_export_refuses_unknown_format(tmp_path, compositor_cli):
    p = doc_project(tmp_path)
    r = compositor_cli("export", p, "--otio", tmp_path / "t.aaf", cwd=tmp_path)
    assert r.returncode == 2
    assert "Traceback" not in r.stdout + r.stderr
    assert re.search(r"t\.aaf:1: .*\.aaf is not a timeline format written here — use one of: \.otio, \.otioz, \.xml, \.fcpxml, \.edl",
                     r.stdout + r.stderr)
