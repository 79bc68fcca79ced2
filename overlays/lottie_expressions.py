"""Expressions are dropped at load: the layer draws a property's keyframes, as Skia's Skottie, lottie-android and
rlottie do (none of them runs expressions).

The player runs some expressions itself, partly: measured on the corpus of bench/lottie_corpus.py, a
`loopOut('cycle')` on one layer's opacity and scale changed how another layer of the same file was drawn
(lottie-android's location_marker.json: mean difference 40 levels from Skottie, 0.6 once the expressions are
dropped), and an expression reading a path from a layer's contents killed the player with SIGSEGV
(lottie-web's ripple.json, which now draws within 0.3 levels of Skottie). Keyframes are what every player agrees
on; an expression-driven property (a `wiggle`, a loop past the last key) holds its keyframed value.
"""
from __future__ import annotations


def drop_expressions(node) -> int:
    """Remove every expression (an animatable property's `x` that is a string) under `node`; how many."""
    dropped = 0
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("x"), str):
                del item["x"]
                dropped += 1
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return dropped
