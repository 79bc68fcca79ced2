"""Both caches treat a damaged entry the same way: removed, reported absent, recomputed — never an error."""
from __future__ import annotations

import numpy as np

from compositor.diffusion import cache as clips
from compositor.tracking import cache as tracks


def test_a_damaged_track_entry_is_removed_and_absent(tmp_path):
    tracks.save(tmp_path, "k", {"quads": np.zeros((3, 4, 2))})
    assert tracks.load(tmp_path, "k")["quads"].shape == (3, 4, 2)
    path = tracks.cache_path(tmp_path, "k")
    path.write_bytes(b"not a zip file at all")          # was an internal error: BadZipFile escaped
    assert tracks.load(tmp_path, "k") is None
    assert not path.exists()


def test_a_damaged_clip_entry_is_removed_and_absent(tmp_path):
    frames = np.zeros((2, 8, 8, 3), np.uint8)
    clips.store(tmp_path, "c", frames, {})
    assert clips.load(tmp_path, "c").shape == (2, 8, 8, 3)
    path = clips.entry_path(tmp_path, "c")
    path.write_bytes(path.read_bytes()[:40])             # truncated
    assert clips.load(tmp_path, "c") is None and clips.load_sound(tmp_path, "c") is None
    assert not path.exists()
