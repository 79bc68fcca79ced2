"""`compositor qc`: checks a rendered file against what its project says (format, black frames, text read back
by OCR, text contrast, loudness, footage coherence) and reports pass/warn/fail per shot and layer."""
from .run import qc_project

__all__ = ["qc_project"]
