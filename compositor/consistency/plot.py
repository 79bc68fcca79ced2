"""The "coherence monitor" PNG: per-pair coherence over time for every shot, thresholds drawn, seams and
worst moments marked. Rendered with matplotlib's Agg backend (no display needed), written atomically."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

from compositor.consistency.score import OK_THRESHOLD, WARN_THRESHOLD, ShotCoherence, instant_scores


def plot_monitor(shots: Sequence[tuple[str, ShotCoherence]], path: str | Path) -> Path:
    import matplotlib
    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    from compositor.encode import atomic_write_bytes

    n = max(1, len(shots))
    fig = Figure(figsize=(10, 1.9 * n + 0.6), dpi=100)
    axes = fig.subplots(n, 1, squeeze=False)[:, 0]
    for ax, (shot_id, c) in zip(axes, shots):
        y = instant_scores(c.series)
        t = [(k + 1) / c.fps for k in range(len(y))]
        ax.axhspan(OK_THRESHOLD, 100, color="#e8f5e9", zorder=0)
        ax.axhspan(WARN_THRESHOLD, OK_THRESHOLD, color="#fff8e1", zorder=0)
        ax.axhspan(0, WARN_THRESHOLD, color="#ffebee", zorder=0)
        ax.axhline(OK_THRESHOLD, color="#2e7d32", lw=0.8, ls="--", label=f"OK {OK_THRESHOLD:.0f}")
        ax.axhline(WARN_THRESHOLD, color="#c62828", lw=0.8, ls="--", label=f"WARN {WARN_THRESHOLD:.0f}")
        ax.plot(t, y, color="#1a237e", lw=1.4, label="coherence per frame pair")
        for s in c.seams:
            ax.axvline(s["t"], color="#6a1b9a", lw=0.8, ls=":")
        for w in c.worst:
            k = w["frame"] - 1
            if 0 <= k < len(y):
                ax.plot([t[k]], [y[k]], "o", color="#c62828", ms=4)
        ax.set_ylim(0, 102)
        ax.set_xlim(0, max(t[-1] if t else 1.0, 1.0 / c.fps))
        ax.set_ylabel("coherence")
        ax.set_title(f"{shot_id}: {c.score:.0f} {c.verdict}", loc="left", fontsize=10)
    axes[-1].set_xlabel("time in shot (s)")
    axes[0].legend(loc="lower right", fontsize=7, ncol=3)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    atomic_write_bytes(Path(path), buf.getvalue())
    return Path(path)
