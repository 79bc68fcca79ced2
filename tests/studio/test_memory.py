"""A studio left open stays bounded: a version replaced by a save is freed at once (not whenever the cyclic
collector runs) even while frames are being fetched, and the encoded-frame cache keeps to its byte budget."""
from __future__ import annotations

import gc
import threading
import time
import weakref

import httpx

from compositor.studio.cache import FrameCache

from .live import serve
from .project import PROJECT


def test_saves_during_a_scrub_free_each_replaced_version(tmp_path):
    f = tmp_path / "project.yaml"
    f.write_text(PROJECT)
    gc.disable()         # what is freed here is freed by reference counting, as it must be for a big project
    try:
        with serve(f) as (url, app):
            stop, errors = threading.Event(), []

            def scrub():
                k = 0
                while not stop.is_set():
                    r = httpx.get(url + f"/api/frame?t={(k % 25) / 10}&scale=0.5&format=jpeg", timeout=30)
                    if r.status_code != 200:
                        errors.append(r.status_code)
                    k += 7
            threads = [threading.Thread(target=scrub, daemon=True) for _ in range(3)]    # the page, a script…
            for th in threads:
                th.start()
            replaced = []
            for n in range(8):
                good = app.state.good
                replaced.append((weakref.ref(good.renderer.session), weakref.ref(good.renderer)))
                version = good.version
                del good
                time.sleep(0.1)
                f.write_text(PROJECT.replace("HELLO", f"HELLO {n}"))
                deadline = time.time() + 10
                while app.state.good.version == version and time.time() < deadline:
                    time.sleep(0.02)
                assert app.state.good.version != version, "the save was not picked up"
            time.sleep(0.3)
            stop.set()
            for th in threads:
                th.join(30)
            assert not errors
            httpx.get(url + "/api/frame?t=0.5").raise_for_status()
            alive = [i for i, (session, renderer) in enumerate(replaced) if session() is not None
                     or renderer() is not None]
            assert alive == [], f"versions {alive} still held after being replaced"
    finally:
        gc.enable()


def test_frame_cache_keeps_to_its_budget():
    cache = FrameCache(max_bytes=1000)
    for i in range(50):
        cache.put(i, bytes(90))
        assert cache.bytes <= 1000
    assert len(cache) == 11 and cache.get(0) is None and cache.get(49) == bytes(90)
    cache.get(39)                    # used: kept over older ones
    cache.put("new", bytes(90))
    assert cache.get(39) is not None and cache.get(40) is None
    cache.put("huge", bytes(5000))   # larger than the whole budget: not kept, nothing evicted for it
    assert cache.get("huge") is None and len(cache) == 11
