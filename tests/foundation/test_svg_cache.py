"""Rasterized SVGs are cached on disk (so a preview skips loading cairo): same pixels cached or not, keyed by
size, and a damaged entry is rendered again rather than used."""
import numpy as np
import pytest

from overlays import raster
from overlays.svg_cache import cache_dir

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
       b'<rect x="2" y="2" width="36" height="16" fill="#0a7f6e"/><circle cx="20" cy="10" r="6" fill="#fff"/></svg>')


def _pixels(data, w, h):
    raster.svg_to_image.cache_clear()      # the in-memory cache would hide the disk one
    return np.asarray(raster.svg_to_image(data, w, h).toarray())


@pytest.fixture
def svg_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPOSITOR_SVG_CACHE", str(tmp_path / "svg"))
    return tmp_path / "svg"


def test_cached_raster_is_identical_and_keyed_by_size(svg_cache):
    fresh = _pixels(SVG, 80, 40)
    entries = list(svg_cache.glob("*.png"))
    assert len(entries) == 1
    assert np.array_equal(_pixels(SVG, 80, 40), fresh)
    assert fresh[20, 40, :3].tolist() == [255, 255, 255] and fresh[5, 5, :3].tolist() == [10, 127, 110]
    _pixels(SVG, 40, 20)
    assert len(list(svg_cache.glob("*.png"))) == 2


def test_a_truncated_entry_is_rendered_again(svg_cache):
    fresh = _pixels(SVG, 80, 40)
    (entry,) = svg_cache.glob("*.png")
    entry.write_bytes(entry.read_bytes()[:30])
    assert np.array_equal(_pixels(SVG, 80, 40), fresh)
    assert entry.read_bytes().endswith(b"IEND\xaeB`\x82")


def test_the_cache_can_be_switched_off(monkeypatch, tmp_path):
    monkeypatch.setenv("COMPOSITOR_SVG_CACHE", "off")
    assert cache_dir() is None
    assert _pixels(SVG, 80, 40).shape == (40, 80, 4)
