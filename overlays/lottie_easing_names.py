"""Keyframe easing names that say exactly which curve they stand for.

Bodymovin names each keyframe's easing (`"n": "0p833_0p833_0p167_0p167"`), and the player shares one easing
curve between keyframes whose names agree in their first 20 characters; without a name it makes one from the
handles rounded to two decimals. Both merge different curves: `0p833_0p833_0p167_0p167` (linear) and
`0p833_0p833_0p167_0p179` differ only in their 23rd character, so a globe turning at an even speed took the
ease of a plane's flight in another layer (lottie-android's `loading copy.json`: 4 frames off mid-animation,
where Skia's Skottie and rlottie agree). Every keyframe with handles is given a short name made of its exact
handles instead: equal curves still share, different ones never do. The name is only a cache key to every
player; no player draws it.
"""
from __future__ import annotations

import hashlib
import json


def name_easings_exactly(node) -> None:
    """Give, in place, every keyframe under `node` with easing handles a name unique to those handles."""
    if isinstance(node, dict):
        k = node.get("k")
        if isinstance(k, list):
            for key in k:
                if isinstance(key, dict) and "t" in key and ("i" in key or "o" in key):
                    key["n"] = _name(key.get("i"), key.get("o"))
        for value in node.values():
            name_easings_exactly(value)
    elif isinstance(node, list):
        for value in node:
            name_easings_exactly(value)


def _name(i, o) -> str:
    exact = json.dumps([i, o], sort_keys=True, separators=(",", ":"))
    return "e" + hashlib.sha1(exact.encode()).hexdigest()[:16]      # 17 characters: under the 20 compared
