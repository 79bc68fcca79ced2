"""Layer masks rewritten into combinations the player (ThorVG) computes as After Effects does, or refused.

After Effects combines a layer's masks in order from an empty area when the first mask adds, from the whole
layer when it subtracts or intersects; `inv` inverts a mask's own shape first. ThorVG gets the single-mask cases
right, and chains that start from a plain added mask followed by add / subtract / intersect masks, but not a
chain that starts inverted or subtracting, nor an inverted add or intersect later on (measured against Skottie
on lottie-android's Masks.json and every two-mask combination of it). So every chain of fully opaque
add/subtract/intersect masks is rewritten to its equivalent in those terms:

  first mask  subtract M       ->  add (inverted M)           (the whole layer minus M)
              subtract inv M   ->  add M
              intersect M      ->  add M
  later       subtract inv M   ->  intersect M
              intersect inv M  ->  subtract M
  inverted first, then intersect M2  ->  add M2, subtract M1

What is left with an inverted start followed by other masks, or an inverted add after the first, has no such
form: `unsupported_masks` names it and the layer is refused rather than drawn with the wrong area.
"""
from __future__ import annotations

from typing import Optional

MODES = {"a", "s", "i"}


def _opaque(mask: dict) -> bool:
    o = mask.get("o")
    return o is None or (isinstance(o, dict) and o.get("a", 0) == 0 and o.get("k") == 100)


def rewrite_masks(layer: dict) -> Optional[str]:
    """Rewrite the layer's masks in place; None when the player now draws them right, else what it cannot."""
    masks = layer.get("masksProperties") or []
    if len(masks) == 0 or any(m.get("mode") not in MODES for m in masks) or not all(_opaque(m) for m in masks):
        return None                          # none, or modes/opacities this rewrite does not cover: left as is
    first, rest = masks[0], masks[1:]
    inverted_start = bool(first.get("inv")) != (first["mode"] == "s")
    terms = []                               # (mode, mask) with inv False, after the first
    for m in rest:
        mode, inv = m["mode"], bool(m.get("inv"))
        if inv and mode == "s":
            mode = "i"
        elif inv and mode == "i":
            mode = "s"
        elif inv and mode == "a":
            return f"an inverted add mask ('{m.get('nm', '?')}') after the first mask"
        terms.append((mode, m))
    if not inverted_start:
        out = [_as(first, "a", False)] + [_as(m, mode, False) for mode, m in terms]
    elif not terms:
        out = [_as(first, "a", True)]
    elif terms[0][0] == "i":                 # not M1, intersect M2  ==  M2 minus M1
        out = [_as(terms[0][1], "a", False), _as(first, "s", False)] + [_as(m, mode, False) for mode, m in terms[1:]]
    else:
        kind = "a subtract" if first["mode"] == "s" else "an inverted"
        return f"{kind} first mask ('{first.get('nm', '?')}') followed by " \
               f"{ {'a': 'an add', 's': 'a subtract'}[terms[0][0]]} mask"
    layer["masksProperties"] = out
    return None


def _as(mask: dict, mode: str, inv: bool) -> dict:
    return {**mask, "mode": mode, "inv": inv}
