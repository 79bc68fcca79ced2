"""A track matte layer that is also visible, made into a hidden copy the matted layer uses.

Since Bodymovin 5.12 a matted layer names its matte (`tp`, the matte's `ind`) instead of taking the layer
above, and the matte layer keeps its own visibility: it is drawn when it is not marked as a matte (`td`), or
is marked and explicitly not hidden (`"hd": false`) — Skia's resources/skottie/skottie-matte-visible.json, as
Skottie draws it. The player hides every layer named by `tp`, so such a layer is drawn once as itself (without
`td`) and used once, as a hidden copy (`td: 1`, a fresh `ind`), as the matte.
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


def _shown(layer: dict, implicit: bool) -> bool:
    """A matte named by `tp` that After Effects also draws (not with layers that take the matte above them)."""
    return not layer.get("td") or (layer.get("hd") is False and not implicit)
