"""Track data for other tools: JSON, After Effects keyframe text (paste onto a Corner Pin effect or a layer's
Position), and a Nuke CornerPin2D node (paste into the node graph), so an editor can finish elsewhere."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Union

import numpy as np

from .trackset import TrackSet


def to_json(ts: TrackSet) -> dict:
    """Everything per frame, in output pixels (y down), with confidence and low-confidence spans."""
    tracks = {}
    for name, t in ts.tracks.items():
        entry = {"kind": t.kind, "reference_frame": t.ref_index,
                 "confidence": [round(float(c), 4) for c in t.confidence],
                 "low_confidence": [list(s) for s in ts.low_confidence_spans(name)]}
        if t.kind == "planar":
            entry["corners"] = np.round(t.corners, 3).tolist()
        if t.kind == "point":
            entry["point"] = np.round(t.points, 3).tolist()
        if t.matrices is not None:
            entry["matrix"] = np.round(t.matrices, 8).tolist()
        tracks[name] = entry
    return {"fps": ts.fps, "size": list(ts.size), "frames": ts.n_frames,
            "corner_order": ["top-left", "top-right", "bottom-right", "bottom-left"], "tracks": tracks}


def _ae_header(ts: TrackSet) -> list[str]:
    w, h = ts.size
    return ["Adobe After Effects 8.0 Keyframe Data", "", f"\tUnits Per Second\t{ts.fps:g}",
            f"\tSource Width\t{w}", f"\tSource Height\t{h}", "\tSource Pixel Aspect Ratio\t1",
            "\tComp Pixel Aspect Ratio\t1", ""]


def to_ae_corner_pin(ts: TrackSet, name: str, first_frame: int = 0) -> str:
    """Keyframes for AE's Corner Pin effect (its parameter order: UL, UR, LL, LR)."""
    corners = ts.tracks[name].corners
    if corners is None:
        raise KeyError(f"track {name!r} is not a planar track; corner pins need corners")
    lines = _ae_header(ts)
    for label, idx in (("Upper Left #2", 0), ("Upper Right #3", 1), ("Lower Left #4", 3), ("Lower Right #5", 2)):
        lines += [f"Effects\tCorner Pin #1\t{label}", "\tFrame\tX pixels\tY pixels\t"]
        lines += [f"\t{first_frame + i}\t{x:.3f}\t{y:.3f}\t" for i, (x, y) in enumerate(corners[:, idx])]
        lines.append("")
    lines += ["", "End of Keyframe Data", ""]
    return "\n".join(lines)


def to_ae_position(ts: TrackSet, name: str, first_frame: int = 0) -> str:
    """Position keyframes for a layer that follows a point (or a quad's centre)."""
    n = ts.n_frames
    pts = np.array([ts.point(name, i) for i in range(n)])
    lines = _ae_header(ts) + ["Transform\tPosition", "\tFrame\tX pixels\tY pixels\tZ pixels\t"]
    lines += [f"\t{first_frame + i}\t{x:.3f}\t{y:.3f}\t0\t" for i, (x, y) in enumerate(pts)]
    lines += ["", "", "End of Keyframe Data", ""]
    return "\n".join(lines)


def to_nuke_corner_pin(ts: TrackSet, name: str, first_frame: int = 1) -> str:
    """A CornerPin2D node. Nuke's y points up and its corners run BL, BR, TR, TL; `from` is the reference
    frame's quad, so a plate-sized layout placed at the reference time stays put on the surface."""
    t = ts.tracks[name]
    if t.corners is None:
        raise KeyError(f"track {name!r} is not a planar track; corner pins need corners")
    h = ts.size[1]
    order = (3, 2, 1, 0)  # BL, BR, TR, TL

    def curve(values) -> str:
        return "{curve x%d %s}" % (first_frame, " ".join(f"{v:.3f}" for v in values))

    lines = ["CornerPin2D {", " inputs 0"]
    for k, idx in enumerate(order, start=1):
        xs = t.corners[:, idx, 0]
        ys = h - t.corners[:, idx, 1]
        lines.append(f" to{k} {{{curve(xs)} {curve(ys)}}}")
    ref = t.corners[t.ref_index]
    for k, idx in enumerate(order, start=1):
        lines.append(f" from{k} {{{ref[idx, 0]:.3f} {h - ref[idx, 1]:.3f}}}")
    lines += [f" name CornerPin2D_{name}", "}", ""]
    return "\n".join(lines)


def write_exports(ts: TrackSet, out_dir: Union[str, Path], stem: str = "tracks") -> list[Path]:
    """Write <stem>.json plus, per planar track, <stem>.<name>.ae.txt and .nk, per point track .ae.txt."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [out_dir / f"{stem}.json"]
    written[0].write_text(json.dumps(to_json(ts)))
    for name, t in ts.tracks.items():
        if t.kind == "planar":
            written.append(out_dir / f"{stem}.{name}.ae.txt")
            written[-1].write_text(to_ae_corner_pin(ts, name))
            written.append(out_dir / f"{stem}.{name}.nk")
            written[-1].write_text(to_nuke_corner_pin(ts, name))
        elif t.kind == "point":
            written.append(out_dir / f"{stem}.{name}.ae.txt")
            written[-1].write_text(to_ae_position(ts, name))
    return written
