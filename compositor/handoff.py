"""Editor hand-off: the project's timeline as an OpenTimelineIO timeline, written as .otio/.otioz, FCP 7 XML,
FCPXML or a CMX 3600 EDL by OTIO's adapters (compositor.handoff_formats shapes it for each).

Frame-accurate: every time is a RationalTime at the project's fps, taken from the planned frame spans (the
same numbers `compositor timeline --json` prints). Tracks, bottom to top:
- `Shots` (video): one clip per shot, its background media (the source video/image file; for colour, gradient
  and generated backgrounds, the background pass render) and a marker per layer; shot transitions become OTIO
  transitions starting at the incoming shot's first frame (the outgoing shot supplies the overlap as a handle),
  each of its own kind (metadata: kind, frames, direction, colour, ease);
- `Overlays` (video): one clip of the overlay pass (alpha, ProRes 4444) over the whole timeline;
- audio tracks per kind (`voice`, `music`, `sfx`; overlapping clips on `voice 2` …) with each clip at its place,
  cut where the picture ends, gaps between;
- caption cues as markers on the `Shots` track, each naming the `.srt`/`.vtt` sidecars.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import opentimelineio as otio

from .handoff_formats import OTIO_TYPES, SUFFIXES, write
from .project.schema import bg_kind

ADAPTER_SUFFIXES = SUFFIXES


def _rt(frames: float, fps: float) -> otio.opentime.RationalTime:
    return otio.opentime.RationalTime(frames, fps)


def _range(first: float, n: float, fps: float) -> otio.opentime.TimeRange:
    return otio.opentime.TimeRange(_rt(first, fps), _rt(n, fps))


def _ref(path: Path, first: float, n: float, fps: float) -> otio.schema.ExternalReference:
    return otio.schema.ExternalReference(target_url=Path(path).resolve().as_uri(),
                                         available_range=_range(first, n, fps))


def _background(shot, base_dir: Path, background_pass: Path, fps: float):
    """(media reference, source start frame, kind): the shot's own footage/still, else the background pass."""
    bg = shot.spec.background
    kind = bg_kind(bg) or "none"
    n = shot.span.n_frames
    if kind == "video":
        trim = getattr(bg, "trim", None)
        start = round(trim[0] * fps) if trim else 0
        return _ref(base_dir / bg.video, start, n, fps), start, kind
    if kind == "image":
        return otio.schema.ExternalReference(target_url=(base_dir / bg.image).resolve().as_uri()), 0, kind
    return _ref(background_pass, shot.span.first, n, fps), shot.span.first, kind


def build_timeline(project, overlays: Path, background: Path, captions: tuple[Path, ...] = ()) -> otio.schema.Timeline:
    fps = project.fps
    total = project.timeline.n_frames
    tl = otio.schema.Timeline(name=project.spec.title or project.file.stem,
                              global_start_time=_rt(0, fps))
    tl.metadata["compositor"] = {"project": str(project.file), "fps": fps, "size": list(project.size),
                                 "frames": total}
    shots = otio.schema.Track(name="Shots", kind=otio.schema.TrackKind.Video)
    shot_list = list(project.shots)
    for i, shot in enumerate(shot_list):
        span = shot.span
        nxt = shot_list[i + 1] if i + 1 < len(shot_list) else None
        # the clip ends where the next shot starts; the overlap is played from this clip's handle
        visible = (nxt.span.first - span.first) if nxt is not None else span.n_frames
        ref, src_first, kind = _background(shot, project.base_dir, background, fps)
        clip = otio.schema.Clip(name=shot.id, media_reference=ref, source_range=_range(src_first, visible, fps))
        clip.metadata["compositor"] = {"shot": shot.id, "background": kind, "first_frame": span.first,
                                       "frames": span.n_frames}
        for layer in shot.layers:
            a, b = round(layer.start * fps), round(layer.end * fps)
            kind_key = getattr(type(layer.spec), "kind", "layer")
            name = f"{kind_key}: {layer.spec.id}" if layer.spec.id else kind_key
            clip.markers.append(otio.schema.Marker(name=name, marked_range=_range(src_first + a, max(1, b - a), fps),
                                                   color=otio.schema.MarkerColor.PURPLE,
                                                   metadata={"compositor": {"layer": kind_key}}))
        if i > 0 and shot.transition and shot.transition.kind != "cut":
            prev = shot_list[i - 1]
            overlap = prev.span.first + prev.span.n_frames - span.first
            if overlap > 0:
                tr = shot.transition
                kind = {"kind": tr.kind, "frames": overlap, "ease": tr.ease}
                if tr.kind in ("wipe", "slide"):
                    kind["direction"] = tr.direction
                if tr.kind == "fade-through":
                    kind["color"] = "#{:02X}{:02X}{:02X}".format(*shot.transition_color[:3])
                shots.append(otio.schema.Transition(
                    name=f"{tr.kind} {prev.id}->{shot.id}", transition_type=OTIO_TYPES[tr.kind],
                    in_offset=_rt(0, fps), out_offset=_rt(overlap, fps), metadata={"compositor": kind}))
        shots.append(clip)
    for cue in project.captions or []:
        a, b = round(cue.start * fps), round(cue.end * fps)
        shots.markers.append(otio.schema.Marker(
            name=cue.text, marked_range=_range(a, max(1, b - a), fps), color=otio.schema.MarkerColor.YELLOW,
            metadata={"compositor": {"caption": cue.text, "sidecars": [p.resolve().as_uri() for p in captions]}}))
    tl.tracks.append(shots)

    over = otio.schema.Track(name="Overlays", kind=otio.schema.TrackKind.Video)
    over.append(otio.schema.Clip(name="overlays", media_reference=_ref(overlays, 0, total, fps),
                                 source_range=_range(0, total, fps),
                                 metadata={"compositor": {"pass": "overlays", "alpha": "premultiplied"}}))
    tl.tracks.append(over)

    for kind in ("voice", "music", "sfx"):
        clips = sorted((c for c in project.placed_clips if c.kind == kind), key=lambda c: c.start)
        lanes: list[tuple[otio.schema.Track, list[int]]] = []     # overlapping clips go on further tracks
        for c in clips:
            first = round(c.start * fps)
            n = min(round((c.start + c.duration) * fps), total) - first   # the render ends with the picture
            if n <= 0:
                continue
            lane = next((ln for ln in lanes if ln[1][0] <= first), None)
            if lane is None:
                name = kind if not lanes else f"{kind} {len(lanes) + 1}"
                lane = (otio.schema.Track(name=name, kind=otio.schema.TrackKind.Audio), [0])
                lanes.append(lane)
            track, end = lane
            if first > end[0]:
                track.append(otio.schema.Gap(source_range=_range(0, first - end[0], fps)))
            track.append(otio.schema.Clip(name=c.id, media_reference=_ref(c.file, 0, round(c.duration * fps), fps),
                                          source_range=_range(0, n, fps),
                                          metadata={"compositor": {"gain_db": c.gain_db}}))
            end[0] = first + n
        for track, _ in lanes:
            tl.tracks.append(track)
    return tl


def write_timeline(tl: otio.schema.Timeline, path: Path) -> Path:
    """Written atomically by the OTIO adapter of its extension, shaped for that format (handoff_formats)."""
    return write(tl, path, tl.metadata["compositor"]["fps"])


def pass_paths(otio_path: Path, overlays: Optional[Path], background: Optional[Path]) -> tuple[Path, Path]:
    """The overlay and background pass files the timeline points at (default: beside the .otio)."""
    stem = Path(otio_path).with_suffix("")
    return (overlays or stem.with_name(stem.name + "-overlays.mov"),
            background or stem.with_name(stem.name + "-background.mov"))
