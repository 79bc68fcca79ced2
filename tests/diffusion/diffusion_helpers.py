"""Helpers shared by the diffusion tests."""
from __future__ import annotations

from pathlib import Path

# compositor.json hints that make every tiny test pipeline fast: 32 px, 8 fps, 9-frame windows, 2 steps
HINTS = {"native_size": [32, 32], "native_fps": 8, "window": 9, "steps": 2, "max_sequence_length": 16}


def spy_calls(monkeypatch, class_names) -> list:
    """(class name, keyword arguments) of every call of the named diffusers pipeline classes, each then run for
    real: what a family actually hands its pipeline."""
    import diffusers

    calls = []
    for name in class_names:
        cls = getattr(diffusers, name)

        def spy(self, *args, _original=cls.__call__, **kwargs):
            calls.append((type(self).__name__, kwargs))
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__call__", spy)
    return calls


class Steps:
    """Counts denoising steps reported through ShotContext.progress."""

    def __init__(self):
        self.calls = []

    def __call__(self, label, done, total):
        self.calls.append((label, done, total))

    @property
    def count(self) -> int:
        return len(self.calls)


def make_ctx(project: Path, *, size=(48, 32), fps=8.0, n_frames=4, shot_id="s1", use_cache=True, brand=None,
             previous=None, progress=None, cache_dir=None):
    from compositor.sources.base import ShotContext

    return ShotContext(shot_id, size, fps, n_frames, project, cache_dir or project / ".cache", use_cache=use_cache,
                       brand=brand, progress=progress, previous=previous)
