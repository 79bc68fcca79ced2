"""One bounded coherence score per shot (0-100), a verdict, and the worst moments.

Each shot-level metric becomes a penalty `max(0, value - free) / inconsistent_at`: zero while the metric stays
inside what clean footage shows (`free`), and 1.0 when the metric alone is bad enough to call the shot
INCONSISTENT. Penalties add up, and

    score = 100 * 0.4 ** (sum of penalties)

so a sum of 0 scores 100, a sum of 1 scores exactly the INCONSISTENT threshold (40), and the score never
leaves (0, 100]. Frames stream through `CoherenceAnalyzer.push`; only the previous frame and per-pair numbers
are kept, so shots of any length fit in memory.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

import numpy as np

from compositor.consistency import metrics as M
from compositor.consistency.deformation import DeformationTracker

OK_THRESHOLD = 70.0            # score >= 70: OK
WARN_THRESHOLD = 40.0          # 40 <= score < 70: WARN; below: INCONSISTENT
VERDICTS = ("OK", "WARN", "INCONSISTENT")
WORST_MOMENTS = 5


@dataclass(frozen=True)
class Penalty:
    """How one shot metric turns into score: nothing up to `free`, INCONSISTENT on its own at free+scale."""

    metric: str
    free: float
    scale: float
    unit: str
    about: str

    def of(self, value: Optional[float]) -> float:
        if value is None or not math.isfinite(value):
            return 0.0
        return max(0.0, value - self.free) / self.scale


# Calibrated on real generated clips (clean: no penalty) against injected flicker and shuffled frames.
PENALTIES: tuple[Penalty, ...] = (
    Penalty("judder", 4.0, 3.0, "px/frame^2", "acceleration of the motion along its path (540p pixels)"),
    Penalty("warp_rmse", 8.0, 16.0, "levels", "flow-warped frame-to-frame error (sqrt of Lai et al. E_warp)"),
    Penalty("unmatched", 0.25, 0.4, "fraction", "pixels with no consistent match in the next frame"),
    Penalty("flicker", 0.8, 4.0, "levels", "mean colour jump between matched pixels, detrended"),
    Penalty("drift_colour", 0.35, 0.4, "Hellinger", "colour histogram distance from the first second (p90)"),
    Penalty("drift_structure", 0.25, 0.5, "|log ratio|", "detail energy change from the first second (p90)"),
    Penalty("seam", 2.0, 4.0, "ratio", "worst join error / error of the pairs around it"),
    # A cut is rare and isolated; a clip where many pairs jump like cuts is chaos, whatever the means say
    # (a shuffled clip of calm footage keeps low mean errors). One cut in a short clip stays free.
    # What share of what moves does so incoherently (metrics.local_incoherence): a small object that jumps,
    # morphs or warps in front of a still background, which the frame means above average away. Scored on the
    # shot's mean only: one pair of fast real motion that the flow cannot follow looks like a local jump.
    Penalty("local", 0.35, 0.5, "fraction", "share of the moving area that jumps, morphs or goes back and forth"),
    Penalty("jump_rate", 0.1, 0.15, "fraction", "frame pairs that jump like a cut (per-pair score below 40)"),
    # A region that bends out of shape and comes back, or a patch that cross-dissolves into something else
    # (deformation.py): the flow follows both as motion. Free above what the legitimate footage of
    # docs/coherence.md reaches (bend at most 0.098; morph at most 0.01, the example project's shots 0.01).
    Penalty("bend", 0.12, 0.12, "shear", "largest non-rigid deformation that comes back within 0.3 s"),
    Penalty("morph", 0.10, 0.12, "blend", "largest patch that cross-dissolves into other content"),
)
PER_PAIR = ("warp_rmse", "unmatched", "flicker", "judder")
WORST_OF = PER_PAIR + ("local", "bend", "morph")   # per-pair series the worst moments may be picked from


def verdict_of(score: float) -> str:
    if score >= OK_THRESHOLD:
        return "OK"
    if score >= WARN_THRESHOLD:
        return "WARN"
    return "INCONSISTENT"


def score_of(values: dict) -> float:
    total = sum(p.of(values.get(p.metric)) for p in PENALTIES)
    return 100.0 * (WARN_THRESHOLD / 100.0) ** total


def instant_scores(series: dict) -> list[float]:
    """Per-pair coherence (0-100) from the per-pair metrics alone: the "coherence monitor" curve."""
    by_name = {p.metric: p for p in PENALTIES}
    n = len(series.get("warp_rmse", []))
    out = []
    for k in range(n):
        total = sum(by_name[m].of(series[m][k]) for m in PER_PAIR if k < len(series.get(m, [])))
        out.append(100.0 * (WARN_THRESHOLD / 100.0) ** total)
    return out


@dataclass
class ShotCoherence:
    """The coherence of one shot. `series` holds one value per frame pair (t, t+1) for each key;
    `worst` lists {t (seconds, the frame that jumps), frame, metric, value}, most severe first."""

    score: float
    verdict: str
    metrics: dict
    series: dict
    worst: list
    fps: float
    n_frames: int
    seams: list = field(default_factory=list)   # [{frame, t, ratio}]
    cuts: list = field(default_factory=list)    # [{frame, t}]: isolated jumps taken as edits, out of the means

    def to_dict(self, with_series: bool = False) -> dict:
        d = {"score": round(self.score, 1), "verdict": self.verdict,
             "metrics": {k: (None if v is None else round(float(v), 5)) for k, v in self.metrics.items()},
             "worst": self.worst, "seams": self.seams, "cuts": self.cuts, "fps": self.fps, "n_frames": self.n_frames}
        if with_series:
            d["series"] = {k: [round(float(x), 5) for x in v] for k, v in self.series.items()}
        return d


class CoherenceAnalyzer:
    """Streaming: `push(frame)` for every frame in order, then `finish()`."""

    def __init__(self, fps: float, seams: Sequence[int] = ()):
        self.fps = float(fps)
        self.seams = sorted({int(s) for s in seams})
        self._flow = M.Flow()
        self._size: Optional[tuple[int, int]] = None
        self._prev: Optional[tuple[np.ndarray, np.ndarray]] = None
        self._n = 0
        self._n_ref = max(1, int(round(self.fps)))          # the first second is the reference look
        self._looks: list[tuple[np.ndarray, float]] = []     # (colour histogram, detail energy) per frame
        self._warp: list[float] = []
        self._unmatched: list[float] = []
        self._deltas: list[np.ndarray] = []
        self._judder: list[float] = []
        self._local: list[float] = []
        self._prev_flow: Optional[np.ndarray] = None
        self._deform = DeformationTracker(self.fps)

    def push(self, frame: np.ndarray) -> None:
        if self._size is None:
            self._size = M.analysis_size(frame.shape[1], frame.shape[0])
        rgb = M.to_analysis(frame, self._size)
        g = M.gray(rgb)
        flows = None
        if self._prev is not None:
            pm = M.measure_pair(self._prev[0], self._prev[1], rgb, g, self._flow)
            flows = (pm.flow, pm.back, pm.valid)
            self._warp.append(pm.warp_error)
            self._unmatched.append(pm.unmatched)
            self._deltas.append(pm.flicker_delta)
            self._judder.append(M.motion_judder(self._prev_flow, pm.flow) if self._prev_flow is not None else 0.0)
            self._local.append(M.local_incoherence(self._prev_flow, pm.flow, pm.valid, self._prev[1]))
            self._prev_flow = pm.flow
        self._deform.push(rgb, flows)
        self._look(rgb, g)
        self._prev = (rgb, g)
        self._n += 1

    def _look(self, rgb: np.ndarray, g: np.ndarray) -> None:
        self._looks.append((M.colour_histogram(rgb), M.detail_energy(g)))

    def _drift(self, cuts: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """Per frame: how far its look is from the first second of its stretch (the shot, or what follows a
        cut: a cut changes the look on purpose)."""
        starts = [0] + [k + 1 for k in cuts] + [len(self._looks)]
        dc, ds = [], []
        for a, b in zip(starts, starts[1:]):
            ref = self._looks[a:min(b, a + self._n_ref)]
            if not ref:
                continue
            ref_h = np.mean([h for h, _ in ref], axis=0).astype(np.float32)
            ref_e = float(np.mean([e for _, e in ref]))
            for h, e in self._looks[a:b]:
                c, st = M.drift(h, ref_h, e, ref_e)
                dc.append(c)
                ds.append(st)
        return np.asarray(dc, np.float64), np.asarray(ds, np.float64)

    def _cuts(self, instant: list[float]) -> list[int]:
        """Pairs that jump like a cut (per-pair score under WARN; with the pair after it, whose judder sees the
        same jump) with no other jump within a second and away from the given seams: an edit, kept out of the
        shot's means and drift (it still counts in `jump_rate`). A jump at a seam is the fault a seam is
        checked for, so it is never excused."""
        jumps = [k for k, x in enumerate(instant) if x < WARN_THRESHOLD]
        runs: list[list[int]] = []
        for k in jumps:
            if runs and k == runs[-1][-1] + 1:
                runs[-1].append(k)
            else:
                runs.append([k])
        near = max(1, int(round(self.fps)))
        seams = {s - 1 for s in self.seams}
        out = []
        for i, r in enumerate(runs):
            alone = all(min(abs(j - k) for j in o for k in r) > near for o in runs if o is not r)
            if len(r) <= 2 and alone and r[0] not in seams:
                out.append(r[0])
        return out

    def _deformation(self, cuts: Sequence[int], n_pairs: int) -> tuple[np.ndarray, np.ndarray]:
        """Per pair (t-1, t): the morph and bend measured around frame t; windows that span a cut are
        left out (a cut is a change of everything, on purpose)."""
        morph, bend = np.zeros(n_pairs), np.zeros(n_pairs)
        for t, (m, w, first, last) in self._deform.finish().items():
            if t < 1 or t > n_pairs or any(first <= k and k + 1 <= last for k in cuts):
                continue
            morph[t - 1], bend[t - 1] = m, w
        return morph, bend

    def finish(self) -> ShotCoherence:
        warp = np.asarray(self._warp, np.float64)
        warp_rmse = 255.0 * np.sqrt(warp)
        flicker = M.flicker_series(np.asarray(self._deltas).reshape(-1, 3)) if self._deltas else np.zeros(0)
        unmatched = np.asarray(self._unmatched, np.float64)
        judder = np.asarray(self._judder, np.float64)
        local = np.asarray(self._local, np.float64)
        series_pp = {"warp_rmse": warp_rmse.tolist(), "unmatched": unmatched.tolist(), "flicker": flicker.tolist(),
                     "judder": judder.tolist()}
        instant = instant_scores(series_pp)
        cuts = self._cuts(instant)
        drift_c, drift_s = self._drift(cuts)
        drift_c, drift_s = drift_c[1:], drift_s[1:]              # per pair: the look of frame t+1
        keep = np.ones(len(warp), bool)                           # pairs the shot means are taken over:
        keep[cuts] = False                                        # not a cut, nor (judder, local, flicker
        after = keep.copy()                                       # detrending) the pair after it
        after[[k + 1 for k in cuts if k + 1 < len(after)]] = False
        seams = M.seam_discontinuity(warp_rmse, self.seams)

        def mean(a, m):
            a = a[m[:len(a)]]
            return float(a.mean()) if len(a) else 0.0

        values = {
            "warp_error": mean(warp, keep),
            "warp_rmse": 255.0 * math.sqrt(mean(warp, keep)),
            "unmatched": mean(unmatched, keep),
            "flicker": mean(flicker, after),
            "judder": mean(judder[1:], after[1:]),
            "local": mean(local, after),
            "drift_colour": float(np.percentile(drift_c, 90)) if len(drift_c) else 0.0,
            "drift_structure": float(np.percentile(drift_s, 90)) if len(drift_s) else 0.0,
            "seam": max((r for _, r in seams), default=None),
        }
        values["jump_rate"] = (sum(1 for x in instant if x < WARN_THRESHOLD) / len(instant)) if instant else 0.0
        morph, bend = self._deformation(cuts, len(warp))
        values["morph"], values["bend"] = float(morph.max(initial=0.0)), float(bend.max(initial=0.0))
        score = score_of(values)
        series = {"warp_rmse": warp_rmse.tolist(), "unmatched": unmatched.tolist(), "flicker": flicker.tolist(),
                  "judder": judder.tolist(), "local": local.tolist(), "morph": morph.tolist(), "bend": bend.tolist(),
                  "drift_colour": drift_c.tolist(), "drift_structure": drift_s.tolist()}
        return ShotCoherence(
            score=score, verdict=verdict_of(score), metrics=values, series=series,
            worst=_worst(series, seams, self.fps, PER_PAIR + tuple(m for m in ("local", "bend", "morph")
                                                                 if _penalty(m, values) > 0)),
            fps=self.fps, n_frames=self._n,
            seams=[{"frame": s, "t": round(s / self.fps, 3), "ratio": round(r, 3)} for s, r in seams],
            cuts=[{"frame": k + 1, "t": round((k + 1) / self.fps, 3)} for k in cuts],
        )


def _penalty(metric: str, values: dict) -> float:
    return next(p for p in PENALTIES if p.metric == metric).of(values.get(metric))


def _worst(series: dict, seams: list[tuple[int, float]], fps: float, names=PER_PAIR) -> list[dict]:
    """The most severe pairs (by their share of an INCONSISTENT-level penalty), one entry per pair, from the
    per-pair series `names` (`local` only when the shot's own mean is penalised: one pair of it is noisy)."""
    by_name = {p.metric: p for p in PENALTIES}
    cands: list[tuple[float, int, str, float]] = []
    for name in names:
        p = by_name[name]
        for k, v in enumerate(series[name]):
            sev = p.of(v)
            if sev > 0:
                cands.append((sev, k + 1, name, float(v)))
    p = by_name["seam"]
    for s, r in seams:
        if p.of(r) > 0:
            cands.append((p.of(r), s, "seam", r))
    cands.sort(key=lambda c: (-c[0], c[1]))
    out, seen = [], set()
    for sev, frame, name, v in cands:
        if frame in seen:
            continue
        seen.add(frame)
        out.append({"t": round(frame / fps, 3), "frame": frame, "metric": name, "value": round(v, 4)})
        if len(out) == WORST_MOMENTS:
            break
    return out


def analyze(frames: Iterable[np.ndarray], fps: float, seams: Sequence[int] = ()) -> ShotCoherence:
    """Coherence of one shot from RGB uint8 frames (any iterable; frames are consumed one at a time).
    `seams` are frame indices that start a new chunk or continue another shot."""
    a = CoherenceAnalyzer(fps, seams)
    for f in frames:
        a.push(f)
    return a.finish()


def pick_best(candidates: Sequence[Sequence[np.ndarray]], fps: float) -> tuple[int, list[float]]:
    """Best of N generations: the index of the most coherent candidate (ties: the earliest) and all scores."""
    if not candidates:
        raise ValueError("pick_best needs at least one candidate")
    scores = [analyze(c, fps).score for c in candidates]
    best = max(range(len(scores)), key=lambda i: (scores[i], -i))
    return best, scores
