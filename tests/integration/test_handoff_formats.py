"""`compositor export -o timeline.EXT`: every format, read back by the same OpenTimelineIO adapter, matches
`compositor timeline --json` (clip count, places and durations, media paths), and transitions keep their kind
where the format can say it."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import opentimelineio as otio
import pytest

from test_handoff_otio import REPO, doc_project

EXTS = (".otio", ".xml", ".fcpxml", ".edl")
FPS = 30.0

KINDS = """
compositor: 1
title: Four transitions
output: {size: [640, 360], fps: 30, file: renders/kinds.mp4}
shots:
  - {id: a, duration: 2, background: {color: "#0B1020"}}
  - {id: b, duration: 2, background: {video: office.mp4}, transition: {crossfade: 0.5}}
  - {id: c, duration: 2, background: {color: "#203040"}, transition: {slide: 0.5, direction: left}}
  - {id: d, duration: 2, background: {color: "#405060"}, transition: {fade-through: 0.6}}
  - {id: e, duration: 2, background: {color: "#607080"}, transition: {wipe: 0.4, direction: up}}
"""


def read(path: Path) -> otio.schema.Timeline:
    extra = {"rate": FPS} if path.suffix == ".edl" else {}
    return otio.adapters.read_from_file(str(path), **extra)


def export(compositor_cli, project: Path, out: Path) -> str:
    r = compositor_cli("export", project, "-o", out, cwd=project.parent)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout + r.stderr


def frames(rt) -> float:
    return rt.value_rescaled_to(FPS)


@pytest.fixture(scope="module")
def doc(tmp_path_factory, compositor_cli):
    folder = tmp_path_factory.mktemp("formats")
    p = doc_project(folder)
    r = compositor_cli("timeline", p, "--json", cwd=folder)
    assert r.returncode == 0, r.stderr
    return p, json.loads(r.stdout)


@pytest.mark.parametrize("ext", EXTS)
def test_each_format_reads_back_as_the_timeline(doc, compositor_cli, ext):
    p, want = doc
    out = p.parent / f"timeline{ext}"
    said = export(compositor_cli, p, out)
    tl = read(out)
    video = [t for t in tl.tracks if t.kind == otio.schema.TrackKind.Video]
    shots_track = video[0]
    clips = [c for c in shots_track if isinstance(c, otio.schema.Clip)]
    rows = [r for r in want["items"] if r["kind"] == "shot"]
    assert [c.name for c in clips] == [r["id"] for r in rows]
    for k, (clip, row) in enumerate(zip(clips, rows)):
        placed = clip.range_in_parent()
        start = frames(placed.start_time)
        assert start == round(row["start"] * FPS)
        nxt = rows[k + 1]["start"] if k + 1 < len(rows) else want["frames"] / FPS
        assert start + frames(placed.duration) == round(nxt * FPS), clip.name    # ends where the next begins
    assert clips[0].media_reference.target_url == (p.parent / "timeline-background.mov").resolve().as_uri()
    assert clips[1].media_reference.target_url == (p.parent / "assets" / "office.mp4").resolve().as_uri()
    transitions = [t for t in shots_track if isinstance(t, otio.schema.Transition)]
    if ext == ".fcpxml":            # the adapter writes no transitions: the kind rides on a marker
        assert not transitions and [m.name for m in clips[1].markers][-1] == "transition: crossfade 0.5 s"
    else:
        assert len(transitions) == 1 and frames(transitions[0].out_offset) == 15
    if ext == ".edl":               # one video track: the shots alone, and said so
        assert len(video) == 1 and not [t for t in tl.tracks if t.kind == otio.schema.TrackKind.Audio]
        assert "an EDL holds one video track" in said
        return
    assert len(video) == 2
    over = [c for c in video[1] if isinstance(c, otio.schema.Clip)]
    assert len(over) == 1 and frames(over[0].source_range.duration) == want["frames"]
    assert over[0].media_reference.target_url.endswith("timeline-overlays.mov")
    audio = [c for t in tl.tracks if t.kind == otio.schema.TrackKind.Audio for c in t
             if isinstance(c, otio.schema.Clip)]
    voice = [r for r in want["items"] if r["kind"] == "voice"]
    assert sorted(Path(c.media_reference.target_url).name for c in audio) == sorted(r["note"] for r in voice)
    for clip in audio:
        row = next(r for r in voice if r["note"] == Path(clip.media_reference.target_url).name)
        placed = clip.range_in_parent()
        assert frames(placed.start_time) == round(row["start"] * FPS)
        assert frames(placed.start_time) + frames(placed.duration) == min(round(row["end"] * FPS), want["frames"])


@pytest.fixture(scope="module")
def kinds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kinds")
    shutil.copy(REPO / "projects" / "northwind-launch" / "assets" / "office.mp4", folder / "office.mp4")
    p = folder / "project.yaml"
    p.write_text(KINDS)
    return p


def _transitions(tl):
    return [t for t in tl.video_tracks()[0] if isinstance(t, otio.schema.Transition)]


def test_otio_keeps_slide_and_fade_through(kinds, compositor_cli):
    out = kinds.parent / "kinds.otio"
    export(compositor_cli, kinds, out)
    ts = _transitions(read(out))
    assert [t.transition_type for t in ts] == ["SMPTE_Dissolve", "Custom_Transition", "Custom_Transition",
                                               "SMPTE_Wipe"]
    meta = [dict(t.metadata["compositor"]) for t in ts]
    assert [m["kind"] for m in meta] == ["crossfade", "slide", "fade-through", "wipe"]
    assert meta[1]["direction"] == "left" and meta[2]["color"] == "#111827" and meta[3]["direction"] == "up"
    assert [frames(t.out_offset) for t in ts] == [15, 15, 18, 12]


def test_fcp_xml_names_each_effect(kinds, compositor_cli):
    out = kinds.parent / "kinds.xml"
    export(compositor_cli, kinds, out)
    ts = _transitions(read(out))
    assert [t.name for t in ts] == ["Cross Dissolve", "Push Slide", "Dip to Color Dissolve", "Edge Wipe"]
    assert [frames(t.out_offset) for t in ts] == [15, 15, 18, 12] and all(frames(t.in_offset) == 0 for t in ts)
    text = out.read_text()
    assert "<alignment>start</alignment>" in text and "start-black" not in text     # no fade from black
    assert "<parameterid>dipcolor</parameterid>" in text and "<red>17</red>" in text  # the kit's ink


def test_fcpxml_carries_kinds_as_markers(kinds, compositor_cli):
    out = kinds.parent / "kinds.fcpxml"
    export(compositor_cli, kinds, out)
    clips = list(read(out).video_tracks()[0].find_clips())
    assert [[m.name for m in c.markers] for c in clips] == [
        [], ["transition: crossfade 0.5 s"], ["transition: slide 0.5 s left"],
        ["transition: fade-through 0.6 s #111827"], ["transition: wipe 0.4 s up"]]


def test_edl_wipe_code_and_named_dissolves(kinds, compositor_cli):
    out = kinds.parent / "kinds.edl"
    export(compositor_cli, kinds, out)
    tl = read(out)
    ts = _transitions(tl)
    assert [t.metadata["cmx_3600"]["transition"] for t in ts] == ["D", "D", "D", "W002"]
    assert [t.transition_type for t in ts][-1] == "SMPTE_Wipe"
    notes = [c.metadata.get("cmx_3600", {}).get("comments", []) for c in tl.video_tracks()[0].find_clips()]
    assert "COMPOSITOR TRANSITION: slide 0.5 s left" in notes[2]
    assert "COMPOSITOR TRANSITION: fade-through 0.6 s #111827" in notes[3]
    urls = [c.media_reference.target_url for c in tl.video_tracks()[0].find_clips()]
    assert [u.rsplit("/", 1)[-1] for u in urls] == ["kinds-background.mov", "office.mp4", "kinds-background.mov",
                                                   "kinds-background.mov", "kinds-background.mov"]


def test_export_without_a_file_says_how(doc, compositor_cli):
    p, _ = doc
    r = compositor_cli("export", p, cwd=p.parent)
    assert r.returncode == 2 and "Traceback" not in r.stdout + r.stderr
    assert "no timeline file to write — give one with -o" in r.stdout + r.stderr


def test_doc_format_commands_and_reading_back_run_verbatim(doc, compositor_cli, capsys):
    import os
    import sys

    sys.path.insert(0, str(REPO / "tests"))
    from docblocks import commands_of, fenced_all

    text = (REPO / "docs" / "handoff.md").read_text(encoding="utf-8")
    p, want = doc
    block = next(b for b in fenced_all(text, "sh") if "-o timeline.edl" in b)
    for args in commands_of(block):
        r = compositor_cli(*args, cwd=p.parent)
        assert r.returncode == 0, r.stdout + r.stderr
    code = next(b for b in fenced_all(text, "python") if "timeline.edl" in b)
    capsys.readouterr()
    cwd = os.getcwd()
    os.chdir(p.parent)
    try:
        exec(compile(code, "docs/handoff.md", "exec"), {})
    finally:
        os.chdir(cwd)
    shots = [r["id"] for r in want["items"] if r["kind"] == "shot"]
    printed = capsys.readouterr().out.splitlines()
    assert printed == [f"{name} {shots!r}" for name in ("timeline.xml", "timeline.fcpxml", "timeline.edl")]
