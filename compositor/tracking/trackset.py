"""A shot's tracked results, and what a layer asks of them per frame.

Everything is in output pixels. "Reference positions" are where things are at a track's `at` time: a layer
placed at reference positions and transformed by `follow_matrix(name, i)` rides along with the track.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import cv2
import numpy as np

LOW_CONFIDENCE = 0.5


@dataclass
class TrackData:
    """One track's per-frame arrays. `kind` is planar | point | camera."""

    kind: str
    confidence: np.ndarray                    # (n,)
    ref_index: int
    corners: Optional[np.ndarray] = None      # planar: (n, 4, 2)
    matrices: Optional[np.ndarray] = None     # point / camera: (n, 3, 3) reference -> frame i
    points: Optional[np.ndarray] = None       # point: (n, 2)
    anchor: Optional[np.ndarray] = None       # point: the point; camera: the frame centre; planar: quad centre

    def arrays(self) -> dict:
        out = {"kind": np.array(self.kind), "confidence": self.confidence, "ref_index": np.array(self.ref_index)}
        for k in ("corners", "matrices", "points", "anchor"):
            v = getattr(self, k)
            if v is not None:
                out[k] = v
        return out

    @classmethod
    def from_arrays(cls, a: dict) -> "TrackData":
        return cls(kind=str(a["kind"]), confidence=a["confidence"], ref_index=int(a["ref_index"]),
                   corners=a.get("corners"), matrices=a.get("matrices"), points=a.get("points"),
                   anchor=a.get("anchor"))


def homography_rect_to_quad(w: float, h: float, quad) -> np.ndarray:
    """The 3x3 that maps a w x h image (corners (0,0) (w,0) (w,h) (0,h)) onto quad TL, TR, BR, BL: what
    corner-pinning a layer onto a tracked surface uses with cv2.warpPerspective."""
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    M = cv2.getPerspectiveTransform(src, np.asarray(quad, np.float32), solveMethod=cv2.DECOMP_LU)
    return M.astype(np.float64)


def pin_matrix(w: int, h: int, quad) -> np.ndarray:
    """The 3x3 for cv2.warpPerspective(image, M, size) that puts a w x h pixel image's outer edges exactly on
    the quad. Pixel centres sit at integers, so the image spans -0.5 .. w-0.5; without this half-pixel shift
    the warped image falls short of the right and bottom edges by about one source pixel."""
    shift = np.array([[1.0, 0.0, 0.5], [0.0, 1.0, 0.5], [0.0, 0.0, 1.0]])
    return homography_rect_to_quad(w, h, quad) @ shift


def similarity_parts(A: np.ndarray) -> tuple[float, float]:
    """(scale, angle in radians) of the closest similarity to a 2x2 linear part."""
    a = (A[0, 0] + A[1, 1]) / 2
    b = (A[1, 0] - A[0, 1]) / 2
    return float(np.hypot(a, b)), float(np.arctan2(b, a))


def _fit_similarity(src: np.ndarray, dst: np.ndarray) -> np.ndarray:
    """Least-squares 2x2 similarity part mapping centred src onto centred dst."""
    s0 = src - src.mean(0)
    d0 = dst - dst.mean(0)
    var = (s0 ** 2).sum()
    a = (s0[:, 0] * d0[:, 0] + s0[:, 1] * d0[:, 1]).sum() / var
    b = (s0[:, 0] * d0[:, 1] - s0[:, 1] * d0[:, 0]).sum() / var
    return np.array([[a, -b], [b, a]])


@dataclass
class TrackSet:
    """All tracks of one shot. Frame indices are local to the shot and clamped into it."""

    tracks: dict[str, TrackData]
    fps: float
    size: tuple[int, int]
    n_frames: int
    cache_keys: dict[str, str] = field(default_factory=dict)

    # --- lookup -------------------------------------------------------------------------------------------
    def names(self) -> list[str]:
        return list(self.tracks)

    def kind(self, name: str) -> str:
        return self._get(name).kind

    def _get(self, name: str, kinds: tuple[str, ...] = ()) -> TrackData:
        if name not in self.tracks:
            known = ", ".join(self.tracks) or "none"
            raise KeyError(f"no track named {name!r} in this shot (tracks: {known})")
        t = self.tracks[name]
        if kinds and t.kind not in kinds:
            raise KeyError(f"track {name!r} is a {t.kind} track; this needs a {' or '.join(kinds)} track")
        return t

    def _i(self, i: float) -> int:
        return int(np.clip(round(i), 0, self.n_frames - 1))

    # --- per frame ----------------------------------------------------------------------------------------
    def _lerp(self, arr: np.ndarray, i: float) -> np.ndarray:
        """arr at frame i; a fractional i (sub-frame samples for motion blur) interpolates linearly."""
        x = float(np.clip(i, 0, self.n_frames - 1))
        a = int(np.floor(x))
        f = x - a
        if f == 0 or a + 1 >= self.n_frames:
            return arr[a].copy()
        return arr[a] * (1 - f) + arr[a + 1] * f

    def corners(self, name: str, i: float) -> np.ndarray:
        """Planar: the (4, 2) corners TL, TR, BR, BL at frame i (fractional i interpolates)."""
        return self._lerp(self._get(name, ("planar",)).corners, i)

    def point(self, name: str, i: float) -> np.ndarray:
        """Point: the point at frame i (fractional i interpolates). Planar: the quad's reference centre as
        seen at frame i."""
        t = self._get(name, ("point", "planar"))
        if t.kind == "point":
            return self._lerp(t.points, i)
        return self._anchor_motion(t, self._i(i))[1]

    def _anchor_motion(self, t: TrackData, i: int):
        """(anchor at the reference, anchor at frame i, 2x2 linear part reference -> frame i)."""
        if t.kind == "planar":
            ref = t.corners[t.ref_index]
            cur = t.corners[i]
            G = cv2.getPerspectiveTransform(ref.astype(np.float32), cur.astype(np.float32),
                                            solveMethod=cv2.DECOMP_LU)
            anchor = ref.mean(0)
            A = _fit_similarity(ref, cur)
        else:
            G = t.matrices[i]
            anchor = np.asarray(t.anchor, np.float64)
            A = G[:2, :2] / G[2, 2]
        v = G @ np.array([anchor[0], anchor[1], 1.0])
        return anchor, v[:2] / v[2], A

    def follow_matrix(self, name: str, i: int, rotate: bool = False, scale: bool = False) -> np.ndarray:
        """A 3x3 mapping reference-time positions to frame i: the anchor (point, quad centre, frame centre)
        moves exactly with the track; rotation and scale are carried only when asked for."""
        anchor, moved, A = self._anchor_motion(self._get(name), self._i(i))
        k, ang = similarity_parts(A)
        k = k if scale else 1.0
        ang = ang if rotate else 0.0
        L = k * np.array([[np.cos(ang), -np.sin(ang)], [np.sin(ang), np.cos(ang)]])
        out = np.eye(3)
        out[:2, :2] = L
        out[:2, 2] = moved - L @ anchor
        return out

    def camera_name(self) -> Optional[str]:
        return next((n for n, t in self.tracks.items() if t.kind == "camera"), None)

    def stabilize_matrix(self, i: int) -> np.ndarray:
        """A 3x3 warping frame i onto the camera track's reference frame (cv2.warpPerspective(frame, M))."""
        name = self.camera_name()
        if name is None:
            raise KeyError("this shot has no camera track — add tracks: {camera: {stabilize: true}}")
        return np.linalg.inv(self.tracks[name].matrices[self._i(i)])

    def camera_matrix(self, i: int) -> np.ndarray:
        """Reference frame -> frame i for the camera track (the inverse of stabilize_matrix)."""
        return self.tracks[self.camera_name()].matrices[self._i(i)].copy()

    # --- quality ------------------------------------------------------------------------------------------
    def confidence(self, name: str, i: int) -> float:
        return float(self._get(name).confidence[self._i(i)])

    def low_confidence_spans(self, name: str, threshold: float = LOW_CONFIDENCE) -> list[tuple[float, float]]:
        """[(t0, t1)] in seconds of the shot where confidence is below `threshold` (t1 exclusive)."""
        low = self._get(name).confidence < threshold
        spans = []
        i = 0
        while i < len(low):
            if low[i]:
                j = i
                while j + 1 < len(low) and low[j + 1]:
                    j += 1
                spans.append((round(i / self.fps, 4), round((j + 1) / self.fps, 4)))
                i = j + 1
            else:
                i += 1
        return spans

    def summary(self, threshold: float = LOW_CONFIDENCE) -> dict:
        """Per track: kind, mean and minimum confidence, low-confidence spans (for the CLI and reports)."""
        return {name: {"kind": t.kind, "mean_confidence": round(float(t.confidence.mean()), 3),
                       "min_confidence": round(float(t.confidence.min()), 3),
                       "low_confidence": self.low_confidence_spans(name, threshold)}
                for name, t in self.tracks.items()}

    def summary_text(self, threshold: float = LOW_CONFIDENCE) -> str:
        """Human-readable lines for `compositor track`: one per track, then its low-confidence spans."""
        lines = []
        for name, info in self.summary(threshold).items():
            lines.append(f"{name} ({info['kind']}): confidence mean {info['mean_confidence']:.2f}, "
                         f"min {info['min_confidence']:.2f}")
            for t0, t1 in info["low_confidence"]:
                lines.append(f"  low confidence {t0:.2f}s - {t1:.2f}s (occluded, out of frame or changed look)")
        return "\n".join(lines)

