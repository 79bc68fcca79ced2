"""What the player would draw wrongly, found at load: rewritten where an equivalent form exists, else refused.

Each refusal names the Lottie's FILE:LINE, the layer and the feature, so a user can re-export without it; a
wrong drawing in a render would be found only by looking at it. Measured against Skia's Skottie on the corpus
of bench/lottie_corpus.py:
- masks: rewritten into the player's nesting (see `lottie_masks`);
- 3D: top-level layers turned out of the picture plane, moved in depth or seen through a camera are drawn in
  perspective (`lottie_3d`), which marks those it cannot draw (mattes, effects …), and so are those of a
  precomposition drawn as a sub-animation (`lottie_nest`: its layers are checked as top-level ones); inside any
  other precomposition, 3D layers that turn or move in depth, and cameras, are refused: the player draws every
  layer flat. 3D layers in
  the plane (Z rotation, scale, anchor) are drawn by the player: the default camera maps the plane z = 0 onto
  the picture one to one (bench/lottie_flat_3d_cases.py);
- a track matte whose matte layer has a track matte of its own, where `lottie_matte_chains` cannot precompose
  the pair: the player ignores the inner matte;
- effects and layer styles the player leaves out (see `lottie_effects`);
- blend modes the player computes with another formula (see `lottie_blend_modes`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Optional

from compositor.errors import FieldError

from .lottie_3d import CAMERA, NULL, REFUSED_KEY, WARP_KEY, out_of_plane
from .lottie_blend_modes import blend_left_out
from .lottie_effects import effect_left_out
from .lottie_file import LottieDoc, _where
from .lottie_masks import rewrite_masks
from .lottie_nest import NESTED_KEY


def _layer_lists(data: dict) -> Iterator[tuple[str, list, bool]]:
    """(where, layers, whether they are the top level of what is drawn in passes): the main composition and
    each precomposition drawn as a sub-animation (`lottie_nest`) are."""
    yield "the main composition", data.get("layers") or [], True
    for asset in data.get("assets") or []:
        if "layers" in asset:
            nested = NESTED_KEY in asset
            yield f"precomposition {asset.get(NESTED_KEY, asset.get('id'))!r}", asset["layers"], nested


NOT_NESTED = (" whose precomposition layer is not drawn on its own (one with masks, a track matte, effects, "
              "layer styles, auto-orient, skew or a 3D turn in its chain)")


def _three_d(layer: dict, top_level: bool) -> Optional[str]:
    """Why a layer's 3D form cannot be drawn, or None. In the main composition `lottie_3d` has already marked
    the layers it draws and those it cannot; a null layer there draws nothing itself."""
    if layer.get(REFUSED_KEY):
        return layer[REFUSED_KEY]
    if top_level and (layer.get(WARP_KEY) or layer.get("ty") == NULL or layer.get("hd") is True):
        return None
    if layer.get("ty") == CAMERA:
        return "a camera layer inside a precomposition" + NOT_NESTED
    moved = out_of_plane(layer)
    if moved:
        where = "inside a precomposition" + NOT_NESTED if not top_level else ""
        return f"a 3D layer ({', '.join(moved)}){' ' + where if where else ''}"
    return None


def refuse_unsupported(doc: LottieDoc, base_dir: Path, field: tuple) -> None:
    """Rewrite masks the player can draw in another form; FieldError for the first feature it cannot draw."""
    for where, layers, top_level in _layer_lists(doc.data):
        by_index = {l.get("ind"): l for l in layers if isinstance(l, dict)}
        for pos, layer in enumerate(layers):
            if not isinstance(layer, dict):
                continue
            problem = _three_d(layer, top_level)
            fix = "in After Effects, make the layer 2D (or pre-render it as a video/image)"
            if problem is None:
                rewrite_masks(layer)
            if problem is None and effect_left_out(layer):
                problem = effect_left_out(layer)
                fix = "in After Effects, pre-render the layer with its effect (or remove the effect) and export again"
            if problem is None and blend_left_out(layer):
                problem = blend_left_out(layer)
                fix = "in After Effects, use another blend mode or pre-render the layer with its backdrop"
            if problem is None and layer.get("tt") and _matte_of(layers, pos, by_index, layer).get("tt"):
                problem = "a track matte whose matte layer has a track matte of its own"
                fix = "precompose the matte layer with its own matte, and use the precomposition as the matte"
            if problem:
                line = _line_of_layer(doc, layer)
                raise FieldError(field, f"{_where(doc.file, base_dir, line)}: layer {layer.get('nm', pos)!r} in "
                                        f"{where}: {problem} — the player would draw it wrongly", fix)


def _matte_of(layers: list, pos: int, by_index: dict, layer: dict) -> dict:
    """The layer's matte: `tp` names it (Bodymovin 5.12+), else the layer just above."""
    if "tp" in layer and layer["tp"] in by_index:
        return by_index[layer["tp"]]
    return layers[pos - 1] if pos > 0 and isinstance(layers[pos - 1], dict) else {}


def _line_of_layer(doc: LottieDoc, layer: dict) -> int:
    name = layer.get("nm")
    if isinstance(name, str):
        return doc.line_of(r'"nm"\s*:\s*"' + re.escape(name.replace("/", "\\/")) + '"') \
            if re.search(r'"nm"\s*:\s*"' + re.escape(name.replace("/", "\\/")) + '"', doc.text) \
            else doc.line_of(r'"nm"\s*:\s*"' + re.escape(name) + '"')
    return 1
