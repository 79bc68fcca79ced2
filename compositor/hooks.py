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
    """A truthy marker when the project has a soundtrack to mux after the picture, else None."""
    from .soundtrack import has_soundtrack

    return project if has_soundtrack(project) else None


def mux_audio(video: Path, project, out: Path) -> None:
    """Put the soundtrack into the finished picture, then move it to `out` (the previous output stays until then)."""
    import os

    from .soundtrack import attach

    report = attach(project, video)
    project.extras["audio_report"] = report
    wav = video.with_name(video.name + ".wav")
    if wav.exists():      # a PNG sequence: the soundtrack is a WAV beside the folder
        os.replace(wav, out.with_name(out.name + ".wav"))
    if video.is_dir() and out.exists():
        import shutil
        shutil.rmtree(out)
    os.replace(video, out)
