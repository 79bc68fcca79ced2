"""Precomposition layers whose content is drawn in passes: the precomposition drawn as an animation of its own.

`lottie_passes` finishes the layers of the main composition that the player cannot draw (effects, layer styles,
blend modes, 3D). Where such layers sit inside a precomposition, the precomposition layer of the main composition
that shows it is drawn as a sub-animation, as Skia's Skottie builds a precomposition (Composition.cpp,
PrecompLayer.cpp): the asset's layers as a composition of the layer's w x h (its clip), at the layer's own time
((t - st) / sr, or the time remap `tm` in seconds), planned in passes as the main composition is — recursively,
so a precomposition in it whose content needs passes is drawn so in turn. Its passes are drawn straight through
the precomposition layer's 2D transform chain (parents included) onto the frame's pixel grid, so nothing is
resampled; the result gets the layer's opacity and is composited as a finished layer (over, or by its blend
mode).

Each precomposition layer drawn so shows a copy of its asset of its own (the asset may be shown elsewhere in a
form the player draws), marked NESTED_KEY so its layers are checked as top-level ones; an original no layer shows
any more is dropped. Drawn only when the layer draws nothing the sub-animation leaves out: a precomposition
layer with masks, a track matte (or used as one), effects, layer styles, auto-orient, skew in its chain or a 3D
chain the player cannot draw flat keeps its content refused (`lottie_support`).
"""
from __future__ import annotations

import copy
from typing import Callable, Optional

import numpy as np

from . import lottie_3d
from . import lottie_3d_maths as m3
from . import lottie_pixel_ops as ops
from .lottie_blend_modes import WRONG as WRONG_BLENDS
from .lottie_layer_blockers import own_blocker
from .lottie_keyframes import Prop

PRECOMP = 0
NESTED_KEY = "x-nested-from"       # on an asset copy drawn as a sub-animation: the id of the asset it copies
SUB_KEYS_LEFT_OUT = ("layers", "assets", "w", "h", "ip", "op", "ddd", "markers")


class Nested:
    """A precomposition layer drawn as a sub-animation. Kept as JSON (the asset's id, the layer's times and its
    transform chain) and the sub-animation's finishes; `bind` builds its player from the final animation."""

    def __init__(self, asset: str, size: tuple, chain: list, opacity, mode: int, times: dict, finishes: list,
                 player=None):
        self.state = {"asset": asset, "size": size, "chain": chain, "opacity": opacity, "mode": mode,
                      "times": times, "finishes": finishes, "player": player}
        self.asset, self.size, self.finishes, self.player = asset, size, finishes, player
        self.transforms = [m3.Transform3D(ks) if is_3d else m3.Transform2D(ks) for is_3d, ks in chain]
        self.opacity = Prop(opacity, 100.0)
        self.blend = ops.BLENDS.get(mode) if mode else None
        self.times = times
        self.remap = Prop(times["tm"], 0.0) if times.get("tm") is not None else None

    def __getstate__(self):
        return self.state

    def __setstate__(self, state):
        self.__init__(**state)

    def bind(self, data: dict, player_for: Callable) -> None:
        """The sub-animation's player, from the animation as it is drawn (brand colours applied)."""
        sub = sub_animation(data, self.asset, self.size)
        self.player = self.state["player"] = player_for(sub, self.finishes, float(sub["ip"]))

    def child_frame(self, f: float) -> Optional[float]:
        """The precomposition's frame at the parent's frame f (Skottie's CompTimeMapper); None where the layer
        is out of its in/out points."""
        t = self.times
        if not (t["ip"] <= f < t["op"]):
            return None
        if self.remap is not None:
            return float(self.remap.at(f)[0]) * t["fr"]
        return (f - t["st"]) / t["sr"] if t["sr"] else 0.0

    def matrix(self, f: float) -> np.ndarray:
        """The 3x3 affine from the precomposition's units to the parent composition's at frame f."""
        return m3.homography(m3.chain_matrix(self.transforms, f))

    def draw(self, f: float, w: int, h: int, place: np.ndarray) -> np.ndarray:
        """The layer's pixels on a (h, w) picture whose pixel (x, y) shows the parent's point place^-1 (x, y):
        premultiplied RGBA float32, its opacity applied."""
        out = np.zeros((h, w, 4), np.float32)
        cf = self.child_frame(f)
        o = float(np.clip(self.opacity.at(f)[0] / 100.0, 0.0, 1.0))
        if cf is None or o <= 0.0 or not (self.times["sub_ip"] <= cf < self.times["sub_op"]):
            return out
        px = self.player.composite(cf, w, h, place @ self.matrix(f))
        return px if o >= 1.0 else px * o


def sub_animation(data: dict, asset_id: str, size: tuple) -> dict:
    """The asset `asset_id` as an animation of its own: its layers on a composition of `size`, the frames its
    layers span, the assets it shows."""
    assets = {a.get("id"): a for a in data.get("assets") or [] if isinstance(a, dict)}
    asset = assets[asset_id]
    layers = asset.get("layers") or []
    sub = {k: v for k, v in data.items() if k not in SUB_KEYS_LEFT_OUT}
    ip, op = _span(layers)
    sub.update({"w": size[0], "h": size[1], "ip": ip, "op": op, "layers": layers,
                "assets": _shown_assets(layers, assets)})
    if asset.get("ddd") == 1:
        sub["ddd"] = 1
    return sub


def _span(layers: list) -> tuple[float, float]:
    ins = [float(l.get("ip", 0)) for l in layers if isinstance(l, dict)]
    outs = [float(l.get("op", 0)) for l in layers if isinstance(l, dict)]
    ip = min(ins, default=0.0)
    return ip, max(max(outs, default=ip + 1.0), ip + 1.0)


def _shown_assets(layers: list, assets: dict) -> list:
    """The assets the layers show, and those these show in turn."""
    shown, todo = {}, list(layers)
    while todo:
        layer = todo.pop()
        ref = layer.get("refId") if isinstance(layer, dict) else None
        if ref in assets and ref not in shown:
            shown[ref] = assets[ref]
            todo.extend(assets[ref].get("layers") or [])
    return list(shown.values())


def plan(data: dict, plan_passes: Callable[..., list], top_level: bool = True) -> dict:
    """Nested per position in the composition's layer list, for the precomposition layers whose content needs
    passes and that can be drawn as a sub-animation (each then shows a fresh copy of its asset, planned). In the
    main composition (`top_level`), the assets no layer shows any more are dropped."""
    layers = data.get("layers") or []
    assets = data.get("assets")
    if not isinstance(assets, list):
        return {}
    by_id = {a.get("id"): a for a in assets if isinstance(a, dict) and "layers" in a}
    by_ind = {l.get("ind"): l for l in layers if isinstance(l, dict) and "ind" in l}
    shown_before = _reachable(data)
    nests: dict = {}
    for pos, layer in enumerate(layers):
        if not isinstance(layer, dict) or layer.get("ty") != PRECOMP or layer.get("refId") not in by_id:
            continue
        if layer.get("hd") is True or layer.get(lottie_3d.WARP_KEY) or layer.get(lottie_3d.REFUSED_KEY):
            continue
        chain = [layer] + lottie_3d._ancestors(layer, by_ind)
        if _refusal(layer, chain):
            continue
        size = (float(layer.get("w") or 0), float(layer.get("h") or 0))
        if size[0] <= 0 or size[1] <= 0:
            continue
        original = by_id[layer["refId"]]
        asset = copy.deepcopy(original)
        asset["id"] = _fresh_id(original.get("id"), assets)
        asset[NESTED_KEY] = original.get(NESTED_KEY, original.get("id"))
        assets.append(asset)                # planned in place: nested precompositions append their copies too
        sub = sub_animation(data, asset["id"], size)
        sub["assets"] = assets
        finishes = plan_passes(sub, top_level=False)
        refused = any(isinstance(l, dict) and l.get(lottie_3d.REFUSED_KEY) for l in asset.get("layers") or [])
        if not any(_needed(f) for f in finishes):
            finishes = []
        if not finishes and not refused:
            assets.remove(asset)
            continue
        layer["refId"] = asset["id"]        # a copy with a refused layer stays, so the refusal names that layer
        if not finishes:
            continue
        ks = layer.get("ks") or {}
        times = {"ip": float(layer.get("ip", 0)), "op": float(layer.get("op", 0)), "st": float(layer.get("st", 0)),
                 "sr": float(layer.get("sr", 1)), "tm": copy.deepcopy(layer.get("tm")),
                 "fr": float(data.get("fr") or 0), "sub_ip": float(sub["ip"]), "sub_op": float(sub["op"])}
        nests[pos] = Nested(asset["id"], size, lottie_3d._spec(chain), copy.deepcopy(ks.get("o", {"a": 0, "k": 100})),
                            layer.get("bm") or 0, times, finishes)
    if nests and top_level:
        dropped = shown_before - _reachable(data)
        assets[:] = [a for a in assets if not (isinstance(a, dict) and a.get("id") in dropped)]
    return nests


def _needed(finish) -> bool:
    """Whether a finish of the sub-animation is what the player cannot draw inside a precomposition: a blend
    mode it draws there (Multiply, Screen …, off only over translucent pixels) is no reason alone to draw the
    precomposition in passes, at many times the cost."""
    if isinstance(finish, (Nested, lottie_3d.Warp3D)):
        return True
    state = getattr(finish, "state", {})
    return bool(state.get("effects") or state.get("styles")) or state.get("mode") in WRONG_BLENDS


def _reachable(data: dict) -> set:
    """The ids of the assets the main composition shows, directly or through others."""
    assets = {a.get("id"): a for a in data.get("assets") or [] if isinstance(a, dict)}
    return {a.get("id") for a in _shown_assets(data.get("layers") or [], assets)}


def _fresh_id(base, assets: list) -> str:
    taken = {a.get("id") for a in assets if isinstance(a, dict)}
    n = 1
    while f"{base}~{n}" in taken:
        n += 1
    return f"{base}~{n}"


def _refusal(layer: dict, chain: list) -> Optional[str]:
    """Why the precomposition layer cannot be drawn as a sub-animation, or None."""
    problem = own_blocker(layer, lambda l: any(isinstance(m, dict) and m.get("mode", "a") != "n"
                                               for m in l.get("masksProperties") or []))
    if problem:
        return problem
    for link in chain:
        if link.get("ao") == 1:
            return "auto-orient in its chain"
        ks = link.get("ks") or {}
        if lottie_3d.nonzero(ks.get("sk")):
            return "skew in its chain"
        if lottie_3d.out_of_plane(link):
            return "a 3D chain"
    return None
