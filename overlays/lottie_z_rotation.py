"""A 2D transform's rotation written as Z rotation (`rz`) becomes the plain rotation (`r`) the player reads.

Some exporters write every transform with the 3D keys (`rx`, `ry`, `rz`, `or`) even on 2D layers (`ddd` unset).
Skottie (its 2D transform falls back to `rz` when `r` is absent), lottie-web and lottie-android turn such a layer
by `rz`; the player reads `rz` on 3D layers only and draws a 2D one unturned (lottie-android's
jojo_the_bird.json: the bird's tail swings by `rz` and stayed still). On a 2D layer or shape group without
`r`, `rz` is renamed `r`. X/Y rotation and orientation stay ignored there, as Skottie's 2D transform ignores them.
"""
from __future__ import annotations

from typing import Iterator

CAMERA = 13                 # a camera is always 3D: its rotations stay as they are

def rename_z_rotation(layers: Iterator[dict]) -> None:
    for layer in layers:
        if not isinstance(layer, dict):
            continue
        if layer.get("ddd") != 1 and layer.get("ty") != CAMERA and isinstance(layer.get("ks"), dict):
            _to_plain_rotation(layer["ks"])
        for tr in _group_transforms(layer.get("shapes")):
            _to_plain_rotation(tr)


def _to_plain_rotation(transform: dict) -> None:
    if transform.get("r") is None and isinstance(transform.get("rz"), dict):
        transform["r"] = transform.pop("rz")


def _group_transforms(shapes: list) -> Iterator[dict]:
    for s in shapes or []:
        if isinstance(s, dict):
            if s.get("ty") == "tr":
                yield s
            elif s.get("ty") == "gr":
                yield from _group_transforms(s.get("it"))
