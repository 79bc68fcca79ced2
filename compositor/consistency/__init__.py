"""Temporal consistency of footage: measure it (metrics, score), fix it (deflicker), report it."""
from compositor.consistency.deflicker import Deflicker, deflicker_frames, deflicker_stream
from compositor.consistency.report import build_report, print_table, write_report
from compositor.consistency.score import (OK_THRESHOLD, WARN_THRESHOLD, CoherenceAnalyzer, ShotCoherence,
                                          analyze, pick_best)
from compositor.consistency.spec import DeflickerMode, QualitySpec

__all__ = [
    "CoherenceAnalyzer", "Deflicker", "DeflickerMode", "OK_THRESHOLD", "QualitySpec", "ShotCoherence",
    "WARN_THRESHOLD", "analyze", "build_report", "deflicker_frames", "deflicker_stream", "pick_best",
    "print_table", "write_report",
]
