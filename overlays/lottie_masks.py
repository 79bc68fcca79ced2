"""Layer masks rewritten into a chain the player (ThorVG) computes as After Effects does.

After Effects combines a layer's masks left to right: from an empty area when the first mask adds, from the whole
layer when it subtracts or intersects, each mask's shape inverted first when `inv` is set:
`E1 = M1`, `E2 = E1 op2 M2`, `E3 = E2 op3 M3` ...

The player nests them the other way: the layer is masked by the first mask's shape, that shape by the second
(with the second's mode), that one by the third, so it computes `M1 op2 (M2 op3 (M3 ...))`, and it merges a
subtract mask that follows a subtract mask into the same shape. The two agree for one plain mask and for two
plain masks, not for an inverted or subtracting first mask nor for longer chains (measured against Skottie on
lottie-android's Masks.json).

So every chain of fully opaque add / subtract / intersect masks is rewritten, from its last mask back, into the
nested form of the same area, using a rectangle far larger than any layer (`F`, the whole layer) where a
complement is needed (`\\` is set difference, `~` the complement):

  E op M  with  E = (what the masks before it leave)
    E add M         ->  M add (E)                    E add ~M        ->  F sub (M sub (E))
    E intersect M   ->  M intersect (E)              E subtract ~M   ->  M intersect (E)
    E subtract M    ->  F sub (M add (~E))           E intersect ~M  ->  F sub (M add (~E))
  and ~E by the same rules (~(E add M) = F sub (M add (E)) ...); a first mask M is M, ~M is F sub M; and
  E subtract M is `L sub M` when E is one plain mask L.

A subtract that would follow a subtract is written `intersect F, subtract …` (the same area), so the player never
merges two shapes. Chains with other modes (none, difference, lighten, darken) or a mask that is not fully
opaque are left as they are.
"""
from __future__ import annotations

MODES = {"a", "s", "i"}
WHOLE = 100000.0                 # half the side of `F`, in layer units: larger than any layer drawn


def _opaque(mask: dict) -> bool:
    o = mask.get("o")
    return o is None or (isinstance(o, dict) and o.get("a", 0) == 0 and o.get("k") == 100)


def rewrite_masks(layer: dict) -> None:
    """Rewrite the layer's masks in place into the player's nesting (every opaque add / subtract / intersect
    chain has one)."""
    masks = layer.get("masksProperties") or []
    if len(masks) == 0 or any(m.get("mode") not in MODES for m in masks) or not all(_opaque(m) for m in masks):
        return
    if len(masks) == 1 and masks[0]["mode"] == "a" and not masks[0].get("inv"):
        return
    nested = _double_complements(_nest(masks, len(masks), False))
    layer["masksProperties"] = _unmerge([_as(m, "a" if i == 0 else mode) for i, (mode, m) in enumerate(nested)])


def _nest(masks: list, k: int, complement: bool) -> list:
    """[(mode, mask)]: the player's nested chain for the area the first k masks leave (or its complement);
    the first entry's mode is unused."""
    m = masks[k - 1]
    if k == 1:
        inverted = bool(m.get("inv")) ^ (m["mode"] == "s") ^ complement  # "s" first: the whole layer minus M
        return [("a", _whole()), ("s", m)] if inverted else [("a", m)]
    mode, inv = m["mode"], bool(m.get("inv"))
    if inv and mode == "s":                  # E sub ~M == E intersect M
        mode, inv = "i", False
    if not inv and mode in ("a", "i"):       # E add M, E intersect M (commutative)
        if not complement:
            return [("a", m)] + _tail(mode, _nest(masks, k - 1, False))
        return [("a", _whole()), ("s", m)] + _tail(mode, _nest(masks, k - 1, False))   # ~(M op E)
    if inv and mode == "a":                  # E add ~M == F sub (M sub E);  ~ == M sub E
        inner = [("s", m)] + _tail("s", _nest(masks, k - 1, False))
        return [("a", _whole())] + inner if not complement else [("a", m)] + inner[1:]
    # E sub M (or E intersect ~M) == F sub (M add ~E);  ~ == M add ~E;  L sub M when E is one plain mask L
    before = _nest(masks, k - 1, False)
    if len(before) == 1 and not complement:
        return before + [("s", m)]
    inner = [("s", m)] + _tail("a", _nest(masks, k - 1, True))
    return [("a", _whole())] + inner if not complement else [("a", m)] + inner[1:]


def _tail(mode: str, chain: list) -> list:
    """`chain` attached to what comes before it with `mode`."""
    return [(mode, chain[0][1])] + chain[1:]


def _double_complements(chain: list) -> list:
    """`P sub (F sub (rest))` is `P intersect (rest)`."""
    out = []
    for mode, mask in chain:
        if out and mode == "s" and out[-1][0] == "s" and out[-1][1].get("nm") == _whole()["nm"] and len(out) > 1:
            out[-1] = ("i", mask)
        else:
            out.append((mode, mask))
    return out


def _unmerge(chain: list) -> list:
    """Break each run of two subtracts with `intersect F`: the player would put the second into the first's
    shape."""
    out = []
    for mask in chain:
        if out and mask["mode"] == "s" and out[-1]["mode"] == "s":
            out.append(_as(_whole(), "i"))
        out.append(mask)
    return out


def _whole() -> dict:
    e = WHOLE
    return {"inv": False, "mode": "a", "nm": "whole layer", "o": {"a": 0, "k": 100}, "x": {"a": 0, "k": 0},
            "pt": {"a": 0, "k": {"i": [[0, 0]] * 4, "o": [[0, 0]] * 4, "v": [[-e, -e], [e, -e], [e, e], [-e, e]],
                                 "c": True}}}


def _as(mask: dict, mode: str) -> dict:
    return {**mask, "mode": mode, "inv": False}
