"""Project-file sections defined by the engine's other packages, gathered in one place for the schema."""
from __future__ import annotations

from compositor.audio.spec import AudioSpec  # noqa: F401
from compositor.captions.spec import CaptionsSpec  # noqa: F401
from compositor.consistency.spec import DeflickerMode, QualitySpec  # noqa: F401
from compositor.diffusion.spec import GenerateSpec  # noqa: F401
from compositor.tracking.spec import TrackField  # noqa: F401
from compositor.diffusion.references import ReferenceSpec  # noqa: F401
