"""Where the render loop meets the optional engines (tracking, coherence, audio): one place, small functions."""
from __future__ import annotations

from pathlib import Path


def after_prepare(renderer, shot, ctx) -> None:
    """Once a shot's source is ready: compute its tracks so pinned/following layers can be placed."""
    if not shot.spec.tracks:
        return
    from .tracking.bind import bind_tracks
    bind_tracks(renderer, shot, ctx)


def project_audio(project):
    """The mixed soundtrack (samples, rate) or None for a video-only project."""
    if project.spec.audio is None:
        return None
    from .audio.bind import mix_project
    return mix_project(project)


def mux_audio(video: Path, audio, out: Path) -> None:
    from .audio.mux import mux_audio as _mux
    samples, rate = audio
    _mux(video, samples, rate, out)
