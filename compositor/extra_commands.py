"""Commands contributed by the engine's optional packages (coherence, tracking, audio, caches)."""
from __future__ import annotations
