"""Editor hand-off formats: which file an editor opens, written by the OpenTimelineIO adapter for its extension.

The timeline of compositor.handoff is one OTIO timeline; each format gets a copy shaped for what it can hold:
- `.otio` / `.otioz`: everything; transitions keep their kind (`SMPTE_Dissolve` for a crossfade, `SMPTE_Wipe`
  for a wipe, `Custom_Transition` for slide and fade-through) with the kind, direction and colour in metadata;
- `.xml` (FCP 7 XML: Premiere Pro, DaVinci Resolve): each transition names the matching FCP effect (Cross
  Dissolve, Edge Wipe, Push Slide, Dip to Color Dissolve with the colour);
- `.fcpxml` (Final Cut Pro, DaVinci Resolve): the adapter writes no transitions, so each one is a marker on its
  incoming clip (`transition: slide 0.5 s left`) and the clips meet at the incoming shot's first frame;
- `.edl` (CMX 3600: Avid, Premiere, Resolve): one video track, so the `Shots` track alone; a wipe is a SMPTE
  wipe code (W001 left/right, W002 up/down), a slide or fade-through a dissolve with a comment naming it.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

import opentimelineio as otio

from .atomic import atomic_file


@dataclass(frozen=True)
class Format:
    adapter: str        # the OTIO adapter's name
    name: str
    editors: str


FORMATS = {
    ".otio": Format("otio_json", "OpenTimelineIO JSON", "DaVinci Resolve (File > Import > Timeline), OTIO tools"),
    ".otioz": Format("otioz", "OpenTimelineIO bundle (zip with the media)", "DaVinci Resolve, OTIO tools"),
    ".xml": Format("fcp_xml", "FCP 7 XML", "Adobe Premiere Pro, DaVinci Resolve, Final Cut Pro 7"),
    ".fcpxml": Format("fcpx_xml", "FCPXML", "Final Cut Pro, DaVinci Resolve"),
    ".edl": Format("cmx_3600", "CMX 3600 EDL", "Avid Media Composer, Premiere Pro, DaVinci Resolve"),
}
SUFFIXES = tuple(FORMATS)

# OTIO transition types by kind (the OTIO schema names a dissolve; the CMX adapter reads wipes as SMPTE_Wipe)
OTIO_TYPES = {"crossfade": otio.schema.TransitionTypes.SMPTE_Dissolve, "wipe": "SMPTE_Wipe",
              "slide": otio.schema.TransitionTypes.Custom, "fade-through": otio.schema.TransitionTypes.Custom}
# FCP 7 transition effects by kind: (effect name and id, category)
FCP_EFFECTS = {"crossfade": ("Cross Dissolve", "Dissolve"), "wipe": ("Edge Wipe", "Wipe"),
               "slide": ("Push Slide", "Slide"), "fade-through": ("Dip to Color Dissolve", "Dissolve")}
WIPE_CODES = {"left": "W001", "right": "W001", "up": "W002", "down": "W002"}


def kind_of(transition: otio.schema.Transition) -> dict:
    return dict(transition.metadata.get("compositor", {}))


def describe(t: dict, fps: float) -> str:
    """`slide 0.5 s left`, `fade-through 0.6 s #111827`, `crossfade 0.5 s`."""
    extra = {"wipe": t.get("direction"), "slide": t.get("direction"), "fade-through": t.get("color")}
    more = extra.get(t["kind"])
    return f"{t['kind']} {t['frames'] / fps:g} s" + (f" {more}" if more else "")


def _fcp_xml(tl: otio.schema.Timeline) -> otio.schema.Timeline:
    for tr in tl.find_children(descended_from_type=otio.schema.Transition):
        t = kind_of(tr)
        name, category = FCP_EFFECTS.get(t.get("kind"), FCP_EFFECTS["crossfade"])
        effect = {"name": name, "effectid": name, "effectcategory": category, "effecttype": "transition",
                  "mediatype": "video"}
        if t.get("kind") == "fade-through":
            r, g, b = (int(t["color"][i:i + 2], 16) for i in (1, 3, 5))
            effect["parameter"] = {"parameterid": "dipcolor", "name": "Color",
                                   "value": {"alpha": 255, "red": r, "green": g, "blue": b}}
        # the transition starts at the incoming shot's first frame: "start" (the adapter would say "start-black",
        # a fade from black)
        tr.metadata["fcp_xml"] = {"alignment": "start", "effect": effect}
    return tl


def _fcpx_xml(tl: otio.schema.Timeline, fps: float) -> otio.schema.Timeline:
    for track in tl.video_tracks():
        for tr in [c for c in track if isinstance(c, otio.schema.Transition)]:
            t = kind_of(tr)
            incoming = track.neighbors_of(tr)[1]
            if isinstance(incoming, otio.schema.Clip):
                start = incoming.source_range.start_time
                incoming.markers.append(otio.schema.Marker(
                    name=f"transition: {describe(t, fps)}",
                    marked_range=otio.opentime.TimeRange(start, tr.out_offset),
                    color=otio.schema.MarkerColor.ORANGE, metadata={"compositor": t}))
            track.remove(tr)
    return tl


def _edl(tl: otio.schema.Timeline) -> otio.schema.Timeline:
    shots = tl.tracks[0]
    out = otio.schema.Timeline(name=tl.name, global_start_time=tl.global_start_time, metadata=tl.metadata)
    for track in list(tl.tracks):
        if track is not shots:
            tl.tracks.remove(track)
    tl.tracks.remove(shots)
    out.tracks.append(shots)
    return out


def _edl_text(tl: otio.schema.Timeline, fps: float) -> str:
    """The adapter's EDL with each transition's kind: a wipe code for a wipe, a comment for the rest."""
    text = otio.adapters.write_to_string(tl, "cmx_3600", rate=fps)
    kinds = [kind_of(tr) for tr in tl.tracks[0] if isinstance(tr, otio.schema.Transition)]
    out, k = [], 0
    for line in text.splitlines():
        if line.startswith("* TO CLIP: "):
            # the adapter's reader links a dissolve's incoming clip through this form only
            out += [line, "* OTIO REFERENCE TO: " + line[len("* TO CLIP: "):]]
            continue
        m = re.match(r"^(\d{3}\s+\S+\s+V\s+)D (\d{3})(\s+.*)$", line)
        if m and k < len(kinds):
            t = kinds[k]
            k += 1
            if t.get("kind") == "wipe":
                line = f"{m.group(1)}{WIPE_CODES[t.get('direction', 'left')]} {m.group(2)}{m.group(3)}"
            out.append(line)
            if t.get("kind") in ("slide", "fade-through"):
                out.append(f"* COMPOSITOR TRANSITION: {describe(t, fps)}")
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def shaped(tl: otio.schema.Timeline, suffix: str, fps: float) -> otio.schema.Timeline:
    """A copy of the timeline shaped for the format of `suffix` (see the module's docstring)."""
    tl = copy.deepcopy(tl)
    if suffix == ".xml":
        return _fcp_xml(tl)
    if suffix == ".fcpxml":
        return _fcpx_xml(tl, fps)
    if suffix == ".edl":
        return _edl(tl)
    return tl


def write(tl: otio.schema.Timeline, path: Path, fps: float) -> Path:
    """Atomically: written in a temporary folder beside `path` under its name (the adapter goes by the suffix),
    then renamed into place."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(path.suffix)
    tl = shaped(tl, suffix, fps)
    with atomic_file(path, keep_name=True) as tmp:     # not created: the .otioz adapter refuses to overwrite
        if suffix == ".edl":
            tmp.write_text(_edl_text(tl, fps), encoding="utf-8")
        else:
            otio.adapters.write_to_file(tl, str(tmp), adapter_name=FORMATS[suffix].adapter)
    return path
