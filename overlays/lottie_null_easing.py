"""Keyframe easing written as JSON null, read as no easing.

Some exporters write a keyframe's unused easing handles and spatial tangents as `null` (`"i": null, "o": null,
"ti": null, "to": null`; lottie-ios's pr_1632 files). Skottie and lottie-ios read a missing handle as a linear
segment; the player, given a null handle in an animated property, holds the value instead. The null keys are
removed, so every player reads the segment as linear.
"""
from __future__ import annotations

NULLABLE = ("i", "o", "ti", "to", "h", "e")


def drop_null_easing(node) -> None:
    """Remove, in place, every null easing or tangent key of every keyframe under `node`."""
    if isinstance(node, dict):
        k = node.get("k")
        if isinstance(k, list):
            for key in k:
                if isinstance(key, dict) and "t" in key:
                    for name in NULLABLE:
                        if name in key and key[name] is None:
                            del key[name]
        for value in node.values():
            drop_null_easing(value)
    elif isinstance(node, list):
        for value in node:
            drop_null_easing(value)
