"""Tracking confidence per pinned or followed layer: over the frames the layer is on screen, the lowest share of
its track's region that stays put in the footage (qc/steady.py: forward-backward Lucas-Kanade, and agreement with
the track's own motion), against `quality.min_track_confidence`. Each layer reports its own worst time."""
from __future__ import annotations

from .result import FAIL, PASS, Finding


def _footage(prepared):
    """The footage the tracks were made on: the prepared source, under the plate stabilizer if any."""
    from ..bind import StabilizedSource

    src = prepared.source
    return src.inner if isinstance(src, StabilizedSource) else src


def findings(project, session, bars) -> list[Finding]:
    from .steady import steadiness

    out = []
    fps = project.fps
    for shot in project.shots:
        riders = [(k, l, l.spec.pin or l.spec.follow_spec.track) for k, l in enumerate(shot.layers)
                  if l.spec.pin or l.spec.follow_spec]
        if not riders:
            continue
        prepared = session.prepare(shot)
        tracks = prepared.tracks
        if tracks is None:
            continue
        ts, n = tracks.ts, shot.span.n_frames
        held: dict[str, object] = {}
        for k, layer, name in riders:
            if name not in held:
                patch = float(getattr(shot.spec.tracks[name], "size", 64.0))
                held[name] = steadiness(_footage(prepared), ts, name, range(n), ts.size, patch)
            steady = held[name]
            first = max(0, int(layer.start * fps + 1e-6))
            last = min(n, int(layer.end * fps + 1e-6))
            span = range(first, max(first + 1, last))
            conf = [(float(steady[min(i, n - 1)]), i) for i in span]
            low, at = min(conf)
            ok = low >= bars.min_track_confidence
            how = "pinned to" if layer.spec.pin else "following"
            tracker = min(ts.confidence(name, i) for i in span)
            out.append(Finding("tracking.confidence", PASS if ok else FAIL,
                               f"{how} track `{name}`: {low:.0%} of its region stays with it at worst" +
                               ("" if ok else f" ({at / fps:.2f}s), under {bars.min_track_confidence:g} (the layer "
                                              "slides off its surface there: something crosses it, or it leaves "
                                              "the frame)"), shot.id, f"layers[{k}]", at / fps,
                               {"track": name, "min_confidence": round(low, 3),
                                "mean_confidence": round(sum(c for c, _ in conf) / len(conf), 3),
                                "tracker_confidence": round(tracker, 3), "min": bars.min_track_confidence}))
    return out
