"""A static polystar under Trim Paths becomes the explicit path Skottie builds of it, which the player trims right.

The player trims its own polystars off their outline: a triangle (3-point polygon, no rotation) trimmed to 97 %
is drawn with a corner pulled 25 px out of place at radius 200, while the same triangle untrimmed, or given as a
path, is drawn where Skottie draws it (lottie-android's rejection.json: twenty trimmed triangles, mean 4.7 and
p99 189 levels off Skottie). A polystar with no roundness whose values are all static, in a shape list with a
trim at its level or above, is rewritten as that path: its corners from the top (turned by its rotation),
clockwise, straight edges, closed (`lottie_shape_paths`). A star drawn reversed (`d`: 3) is left to the player,
which walks it the way lottie-web does (Skottie ignores the direction: bench REFERENCE_GAPS, ReversedStar).
"""
from __future__ import annotations

from typing import Iterator

from .lottie_shape_paths import NotStatic, contour

REVERSED = 3


def trimmed_stars_as_paths(layers: Iterator[dict]) -> None:
    for layer in layers:
        if isinstance(layer, dict) and layer.get("ty") == 4 and isinstance(layer.get("shapes"), list):
            _rewrite(layer["shapes"], trimmed=False)


def _rewrite(items: list, trimmed: bool) -> None:
    trimmed = trimmed or any(isinstance(s, dict) and s.get("ty") == "tm" for s in items)
    for pos, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        if item.get("ty") == "gr" and isinstance(item.get("it"), list):
            _rewrite(item["it"], trimmed)
        elif item.get("ty") == "sr" and trimmed and item.get("d") != REVERSED:
            path = _as_path(item)
            if path is not None:
                items[pos] = path


def _as_path(star: dict) -> dict | None:
    try:
        start, segments, _ = contour(star)
    except NotStatic:
        return None
    corners = [start] + [seg[-1] for seg in segments[:-1]]          # the last segment closes back to the start
    n = len(corners)
    path = {k: v for k, v in star.items() if k in ("nm", "mn", "hd", "ix")}
    path.update({"ty": "sh", "ks": {"a": 0, "k": {"v": corners, "i": [[0, 0]] * n, "o": [[0, 0]] * n, "c": True}}})
    return path
