"""The bounds the loader enforces (compositor/vocab/bounds.py) are the ones docs/project-file.md promises."""
from __future__ import annotations

from pathlib import Path

from compositor.vocab import bounds

DOC = Path(__file__).resolve().parents[2] / "docs" / "project-file.md"


def _limits_section() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("## Limits")
    return text[start:text.index("\n## ", start + 1)]


def test_every_bound_is_stated_in_the_limits_section():
    section = _limits_section()
    stated = {
        "MAX_COORD": "±100000 px", "MAX_SIZE": "≤ 8192 px", "MAX_STROKE": "≤ 1000 px", "MAX_FONT": "≤ 2000 px",
        "MAX_LINE_HEIGHT": "≤ 10 ×", "MAX_LINES": "≤ 1000", "MAX_SCALE": "≤ 100", "MAX_SECONDS": "≤ 3600 s",
        "MAX_PROJECT_SECONDS": "≤ 86400 s", "MAX_GAIN_DB": "±120 dB", "MAX_SEED": "2⁶³−1",
        "MAX_VALUE": "±10¹⁵", "MAX_RASTER": "≤ 16384 px", "MAX_BLUR": "`ui.shadow.blur` | ≤ 1000 px",
    }
    values = {"MAX_COORD": 100_000, "MAX_SIZE": 8192, "MAX_STROKE": 1000, "MAX_FONT": 2000, "MAX_LINE_HEIGHT": 10,
              "MAX_LINES": 1000, "MAX_SCALE": 100, "MAX_SECONDS": 3600, "MAX_PROJECT_SECONDS": 86400,
              "MAX_GAIN_DB": 120, "MAX_SEED": 2**63 - 1, "MAX_VALUE": 1e15, "MAX_RASTER": 16384,
              "MAX_BLUR": 1000}
    constants = {name for name in dir(bounds) if name.startswith("MAX_")}
    assert constants == set(stated), "a bound was added or removed: state it in docs/project-file.md, Limits"
    for name, words in stated.items():
        assert getattr(bounds, name) == values[name], name
        assert words in section, f"{name}: {words!r} not in the Limits section"
