"""A paint colour's fourth component, drawn as the paint's opacity.

Skia's Skottie and lottie-android draw a fill's or stroke's colour with the alpha in its fourth component (exporters
other than Bodymovin write one below 1, and After Effects exports animate it: a circle that fades by its colour's
alpha, lottie-ios's issue_1223); the player ignores that component and would draw the paint opaque. The alpha is
moved into the paint's opacity: a constant one scales it, an animated one becomes the opacity's product with the
alpha at every frame (`lottie_keyframes`), and the colour keeps only its red, green and blue.
"""
from __future__ import annotations

from typing import Iterator

from .lottie_file import animated_values
from .lottie_keyframes import Prop, as_property


def colour_alpha_as_opacity(layers: Iterator[dict]) -> None:
    for layer in layers:
        for paint in _paints(layer.get("shapes")):
            _fold(paint)


def _fold(paint: dict) -> None:
    values = list(animated_values(paint["c"]))
    if not values or any(len(vs) < 4 or not isinstance(vs[3], (int, float)) for vs in values):
        return
    alphas = {round(float(vs[3]), 6) for vs in values}
    if all(a >= 1 for a in alphas) or any(a < 0 for a in alphas):
        return
    opacity = paint.get("o") if isinstance(paint.get("o"), dict) else {"a": 0, "k": 100}
    if len(alphas) == 1:
        alpha = alphas.pop()
        for vs in list(animated_values(opacity)) or [None]:
            if vs is None:                        # a static opacity held as a bare number
                opacity["k"] = float(opacity.get("k", 100)) * alpha
            else:
                vs[:] = [v * alpha if isinstance(v, (int, float)) else v for v in vs]
        paint["o"] = opacity
    else:
        try:
            colour, opaque = Prop(paint["c"], [0, 0, 0, 1]), Prop(opacity, [100])
        except ValueError:
            return
        paint["o"] = as_property(lambda t: [float(opaque.at(t)[0]) * min(1.0, float(colour.at(t)[3]))],
                                 [colour, opaque])
    for vs in values:
        vs[3] = 1


def _paints(shapes: list) -> Iterator[dict]:
    for s in shapes or []:
        if not isinstance(s, dict):
            continue
        if s.get("ty") in ("fl", "st") and isinstance(s.get("c"), dict):
            yield s
        if s.get("ty") == "gr":
            yield from _paints(s.get("it"))
