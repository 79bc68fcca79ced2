"""`compositor qc`: checks a rendered file against what its project says (format, black frames, text read back
by OCR, text contrast, brand fills, logos, literals and fonts, caption timing, tracking confidence, loudness,
footage coherence) and reports pass/warn/fail per shot and layer, gated by the project's `quality:` section."""
from .run import qc_project

__all__ = ["qc_project"]
