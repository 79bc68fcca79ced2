"""Burned-in captions against their cues: each cue's plate is on screen on its first, middle and last frames
and gone just before and just after (within `quality.caption_slack` frames), and its words read back by OCR.

Presence is measured, not assumed: the cue's plate as the renderer draws it, put over the frame beneath it, is
matched with the decoded frame (see brand.match), so a late, early or lingering caption shows at its time."""
from __future__ import annotations

import math

from .brand import presence
from .result import FAIL, PASS, WARN, Finding
from .scripts import matches, visible

PRESENT = 0.5            # match above which the cue counts as on screen


def caption_layer(shot):
    from overlays.caption import CaptionOverlay

    for k, layer in enumerate(shot.layers):
        if isinstance(layer.overlay, CaptionOverlay):
            return k
    return None


def _where(project, g: int):
    """(shot, caption layer index, local frame) at global frame g, or None (a transition, or no captions)."""
    at = project.timeline.at(g)
    if len(at) != 1:
        return None
    span, local = at[0]
    shot = project.shots[span.index]
    k = caption_layer(shot)
    return None if k is None else (shot, k, local)


def plan(project, bars) -> list[dict]:
    cues = project.captions or []
    if not cues or not any(caption_layer(s) is not None for s in project.shots):
        return []
    fps, n = project.fps, project.timeline.n_frames
    slack = bars.caption_slack

    def active(g):
        return any(c.start <= g / fps < c.end for c in cues)

    out = []
    for ci, cue in enumerate(cues):
        first = math.ceil(cue.start * fps - 1e-9)
        last = min(n - 1, math.ceil(cue.end * fps - 1e-9) - 1)
        if last < first:
            continue
        inside = sorted({min(last, first + slack), (first + last) // 2, max(first, last - slack)})
        before, after = first - 1 - slack, last + 1 + slack
        probes = [(g, True) for g in inside]
        probes += [(g, False) for g in (before, after) if 0 <= g < n and not active(g)]
        for g, want in probes:
            out.append(dict(cue=ci, frame=g, want=want, mid=g == (first + last) // 2 and want))
    return out


def findings(project, probe, samples, frames, bars) -> list[Finding]:
    from .text import language_problem, read_text

    fps = project.fps
    cues = project.captions or []
    by_cue: dict[int, list] = {}
    for s in samples:
        by_cue.setdefault(s["cue"], []).append(s)
    out = []
    for ci, ss in by_cue.items():
        cue = cues[ci]
        mid = next((s for s in ss if s["mid"]), None)
        ref = _where(project, mid["frame"]) if mid else None
        if ref is None:
            continue          # the middle of the cue is inside a transition: nothing steady to compare
        wrong, figures = [], {}
        crop = None
        for s in ss:
            here = _where(project, s["frame"])
            if here is None:
                continue
            m, box = presence(probe, *here, frames[s["frame"]], ref=ref)
            figures[f"{s['frame'] / fps:.3f}"] = round(m, 3)
            if (m >= PRESENT) != s["want"]:
                wrong.append((s, m))
            if s is mid:      # the words inside the plate: its rounded edge over footage is not read
                inset = int(ref[0].layers[ref[1]].overlay.pad * 0.5)
                crop = frames[s["frame"]][box[1] + inset:box[3] - inset, box[0] + inset:box[2] - inset]
        shot, _, local = ref
        span = f"{cue.start:.2f}–{cue.end:.2f}s"
        if wrong:
            s, m = wrong[0]
            what = (f"not on screen at {s['frame'] / fps:.2f}s, inside its cue {span}" if s["want"] else
                    f"on screen at {s['frame'] / fps:.2f}s, outside its cue {span}")
            out.append(Finding("captions.timing", FAIL, f"caption {cue.text!r} {what} (match {m:.2f})", shot.id,
                               "captions", s["frame"] / fps - shot.span.first / fps,
                               {"cue": [cue.start, cue.end], "match": figures, "slack_frames": bars.caption_slack},
                               image=frames[s["frame"]][::4, ::4].copy()))
        else:
            out.append(Finding("captions.timing", PASS, f"caption {cue.text!r} on screen within its cue {span}",
                               shot.id, "captions", local / fps,
                               {"cue": [cue.start, cue.end], "match": figures, "slack_frames": bars.caption_slack}))
        if crop is not None and crop.size:
            want = " ".join(cue.shown_lines)
            try:
                lang, problem = language_problem(want)
                read = read_text(crop, want, False, lang) if problem is None else None
            except OSError:
                continue          # text.exact already warned that tesseract is missing
            if read is None:
                out.append(Finding("text.exact", WARN, f"caption {want!r}: {problem}", shot.id, "captions",
                                   local / fps, {"expected": want, "ocr_language": lang}))
                continue
            ok = matches(want, read)
            shown = " ".join(visible(read).split())
            out.append(Finding("text.exact", PASS if ok else FAIL, f"caption reads {shown!r}" +
                               ("" if ok else f", the cue says {want!r}"), shot.id, "captions", local / fps,
                               {"expected": want, "read": shown, "cue": [cue.start, cue.end],
                                "ocr_language": lang}, image=None if ok else crop.copy()))
    return out
