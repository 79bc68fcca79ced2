"""Tracking confidence per pinned or followed layer: the lowest confidence of its track over the frames the layer
is on screen (the tracker's own per-frame figure), against `quality.min_track_confidence`."""
from __future__ import annotations

from .result import FAIL, PASS, Finding


def findings(project, session, bars) -> list[Finding]:
    out = []
    fps = project.fps
    for shot in project.shots:
        riders = [(k, l, l.spec.pin or l.spec.follow_spec.track) for k, l in enumerate(shot.layers)
                  if l.spec.pin or l.spec.follow_spec]
        if not riders:
            continue
        tracks = session.prepare(shot).tracks
        if tracks is None:
            continue
        for k, layer, name in riders:
            first = max(0, int(layer.start * fps + 1e-6))
            last = min(shot.span.n_frames, int(layer.end * fps + 1e-6))
            conf = [(tracks.ts.confidence(name, i), i) for i in range(first, max(first + 1, last))]
            low, at = min(conf)
            ok = low >= bars.min_track_confidence
            how = "pinned to" if layer.spec.pin else "following"
            out.append(Finding("tracking.confidence", PASS if ok else FAIL,
                               f"{how} track `{name}`: confidence {low:.2f} at its lowest" +
                               ("" if ok else f", under {bars.min_track_confidence:g} (the layer may slide off "
                                              "its surface there)"), shot.id, f"layers[{k}]", at / fps,
                               {"track": name, "min_confidence": round(low, 3),
                                "mean_confidence": round(sum(c for c, _ in conf) / len(conf), 3),
                                "min": bars.min_track_confidence}))
    return out
