"""Project-file sections defined by the engine's other packages, gathered in one place for the schema."""
from __future__ import annotations

from typing import Any, Literal

try:
    from compositor.audio.spec import AudioSpec
except ImportError:  # pragma: no cover
    AudioSpec = dict[str, Any]  # type: ignore[misc]
try:
    from compositor.captions.spec import CaptionsSpec
except ImportError:  # pragma: no cover
    CaptionsSpec = dict[str, Any]  # type: ignore[misc]
try:
    from compositor.consistency.spec import QualitySpec
except ImportError:  # pragma: no cover
    QualitySpec = dict[str, Any]  # type: ignore[misc]
try:
    from compositor.diffusion.spec import GenerateSpec
except ImportError:  # pragma: no cover
    GenerateSpec = dict[str, Any]  # type: ignore[misc]
try:
    from compositor.tracking.spec import TrackSpec
except ImportError:  # pragma: no cover
    TrackSpec = dict[str, Any]  # type: ignore[misc]

DeflickerMode = Literal["auto", "light", "strong"]
