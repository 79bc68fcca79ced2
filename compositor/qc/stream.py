"""Format and black frames: is the file the size, rate and length the project asks for, and does picture
never drop out (a run of black frames longer than half a second is a fault, not a fade)."""
from __future__ import annotations

from .result import FAIL, PASS, Finding

BLACK_MEAN = 10.0        # mean RGB level below which a frame counts as black
BLACK_RUN_S = 0.5        # longer runs are reported


def format_findings(project, facts: dict, decoded: int) -> list[Finding]:
    w, h = project.size
    out = []
    ok = (facts["width"], facts["height"]) == (w, h)
    out.append(Finding("format.size", PASS if ok else FAIL,
                       f"{facts['width']}x{facts['height']}" + ("" if ok else f", the project asks for {w}x{h}"),
                       figures={"width": facts["width"], "height": facts["height"], "expected": [w, h]}))
    fps = facts["fps"] or 0.0
    ok = abs(fps - project.fps) < 0.01
    out.append(Finding("format.fps", PASS if ok else FAIL,
                       f"{fps:g} fps" + ("" if ok else f", the project asks for {project.fps:g}"),
                       figures={"fps": round(fps, 3), "expected": project.fps}))
    n = project.timeline.n_frames
    ok = abs(decoded - n) <= 1
    out.append(Finding("format.frames", PASS if ok else FAIL,
                       f"{decoded} frames" + ("" if ok else f", the timeline has {n}"),
                       figures={"frames": decoded, "expected": n}))
    return out


class BlackRuns:
    """Streaming: `push(i, frame)`, then `findings(project)`."""

    def __init__(self):
        self.runs: list[list[int]] = []
        self._open = None

    def push(self, i: int, frame) -> None:
        black = float(frame[::8, ::8].mean()) < BLACK_MEAN
        if black and self._open is None:
            self._open = [i, i]
            self.runs.append(self._open)
        elif black:
            self._open[1] = i
        else:
            self._open = None

    def findings(self, project) -> list[Finding]:
        fps = project.fps
        long = [(a, b) for a, b in self.runs if (b - a + 1) / fps > BLACK_RUN_S]
        if not long:
            return [Finding("black", PASS, "no black run longer than "
                            f"{BLACK_RUN_S:g}s", figures={"runs": len(self.runs), "longest_s": self._longest(fps)})]
        out = []
        for a, b in long:
            shot = shot_at(project, a)
            out.append(Finding("black", FAIL, f"black from {a / fps:.2f}s to {(b + 1) / fps:.2f}s "
                               f"({b - a + 1} frames)", shot=shot, t=a / fps,
                               figures={"first": a, "last": b, "seconds": round((b - a + 1) / fps, 3)}))
        return out

    def _longest(self, fps) -> float:
        return round(max(((b - a + 1) / fps for a, b in self.runs), default=0.0), 3)


def shot_at(project, frame: int):
    for s in reversed(project.shots):
        if s.span.first <= frame:
            return s.id
    return None
