"""The coherence report: a JSON document for scripts and CI, a table for people, a plot beside the output.

    {"shots": [{"id", "score", "verdict", "metrics": {...}, "worst": [{t, frame, metric, value}], ...}],
     "thresholds": {"ok": 70, "warn": 40}, "verdict": worst verdict of all shots}
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional, Sequence

from compositor.consistency.score import (OK_THRESHOLD, PENALTIES, VERDICTS, WARN_THRESHOLD, ShotCoherence)
from compositor.encode import atomic_write_bytes

TABLE_METRICS = {"warp_rmse": "warp", "flicker": "flicker", "unmatched": "unmatch", "judder": "judder",
                 "drift_colour": "drift", "drift_structure": "detail", "seam": "seam"}
VERDICT_STYLE = {"OK": "green", "WARN": "yellow", "INCONSISTENT": "bold red"}


def build_report(shots: Sequence[tuple[str, ShotCoherence]], with_series: bool = False) -> dict:
    """The JSON-ready report of a whole project, in shot order."""
    entries = []
    for shot_id, c in shots:
        entries.append({"id": str(shot_id), **c.to_dict(with_series=with_series)})
    worst = max((VERDICTS.index(e["verdict"]) for e in entries), default=0)
    return {
        "shots": entries,
        "verdict": VERDICTS[worst],
        "thresholds": {"ok": OK_THRESHOLD, "warn": WARN_THRESHOLD},
        "metrics": {p.metric: {"unit": p.unit, "free": p.free, "inconsistent_at": p.free + p.scale,
                               "about": p.about} for p in PENALTIES},
    }


def write_report(report: dict, json_path: str | Path, png_path: Optional[str | Path] = None,
                 shots: Optional[Sequence[tuple[str, ShotCoherence]]] = None) -> list[Path]:
    """Write the JSON report (and, given the shots, the coherence-monitor PNG) atomically. Returns the paths."""
    written = [Path(json_path)]
    atomic_write_bytes(Path(json_path), (json.dumps(report, indent=2) + "\n").encode())
    if png_path is not None and shots is not None:
        from compositor.consistency.plot import plot_monitor
        written.append(plot_monitor(shots, png_path))
    return written


def _fmt(v) -> str:
    if v is None:
        return "-"
    return f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def print_table(report: dict, console=None) -> None:
    """One row per shot: score, verdict, each metric and the worst moments (rich)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    table = Table(title="Coherence", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
    table.add_column("shot", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    shown = [m for m in TABLE_METRICS
             if m != "seam" or any(e["metrics"].get("seam") is not None for e in report["shots"])]
    for m in shown:
        header = TABLE_METRICS[m]
        table.add_column(header, justify="right", no_wrap=True, min_width=max(5, len(header)))
    for e in report["shots"]:
        style = VERDICT_STYLE.get(e["verdict"], "")
        table.add_row(e["id"], f"{e['score']:.0f}", f"[{style}]{e['verdict']}[/]",
                      *(_fmt(e["metrics"].get(m)) for m in shown))
    console.print(table)
    for e in report["shots"]:
        if e["worst"]:
            moments = ", ".join(f"{w['t']:.2f}s {w['metric']} {_fmt(w['value'])}" for w in e["worst"])
            console.print(f"  {e['id']} worst: {moments}")
    console.print(f"thresholds: OK >= {OK_THRESHOLD:.0f}, WARN >= {WARN_THRESHOLD:.0f}, below: INCONSISTENT")
