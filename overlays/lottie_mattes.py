"""A track matte layer that is also visible, made into a hidden copy the matted layer uses.

Since Bodymovin 5.12 a matted layer names its matte (`tp`, the matte's `ind`) instead of taking the layer
above, and the matte layer keeps its own visibility: it is drawn when it is not marked as a matte (`td`), or
is marked and explicitly not hidden (`"hd": false`) — Skia's resources/skottie/skottie-matte-visible.json, as
Skottie draws it. The player hides every layer named by `tp`, so such a layer is drawn once as itself (without
`td`) and used once, as a hidden copy (`td: 1`, a fresh `ind`), as the matte.

The same holds for a matte taken by position: a layer just above a matted layer (no `tp`) that is not marked
`td` is drawn by Skottie as itself and used as the matte below it (Skia's skottie-chained-mattes.json, a layer
that is one layer's matte and matted by another); the player hides it. A hidden copy is put between the two.
"""
from __future__ import annotations

import copy
from typing import Iterable


def split_visible_mattes(layer_lists: Iterable[list]) -> None:
    for layers in layer_lists:
        by_index = {l.get("ind"): l for l in layers if isinstance(l, dict) and "ind" in l}
        used = {l["tp"] for l in layers if isinstance(l, dict) and l.get("tt") and "tp" in l}
        fresh = max([i for i in by_index if isinstance(i, (int, float))] + [0])
        implicit = any(isinstance(l, dict) and l.get("tt") and "tp" not in l for l in layers)
        for ind in sorted(i for i in used if i in by_index and _shown(by_index[i], implicit)):
            visible = by_index[ind]
            fresh += 1
            matte = copy.deepcopy(visible)
            matte.update({"ind": fresh, "td": 1})
            matte.pop("hd", None)
            visible.pop("td", None)
            layers.insert(layers.index(visible), matte)
            for l in layers:
                if isinstance(l, dict) and l.get("tt") and l.get("tp") == ind and l is not matte:
                    l["tp"] = fresh
        _split_adjacent(layers, fresh)


def _split_adjacent(layers: list, fresh: int) -> None:
    """[A, B with tt] where A has no `td`: [A, hidden copy of A, B]."""
    pos = 1
    while pos < len(layers):
        above, layer = layers[pos - 1], layers[pos]
        if (isinstance(above, dict) and isinstance(layer, dict) and layer.get("tt") and "tp" not in layer
                and not above.get("td") and above.get("hd") is not True):
            fresh += 1
            matte = copy.deepcopy(above)
            matte.update({"ind": fresh, "td": 1})
            matte.pop("hd", None)
            layers.insert(pos, matte)
            pos += 1
        pos += 1


def _shown(layer: dict, implicit: bool) -> bool:
    """A matte named by `tp` that After Effects also draws (not with layers that take the matte above them)."""
    return not layer.get("td") or (layer.get("hd") is False and not implicit)
