"""The UI mockup kit: `ui.*` layer kinds — app frames, dashboards, forms, charts, code and a cursor that clicks.

Every component takes its colours, fonts, radii and spacing from the brand kit (`theme.py`), lays itself out
(`layout.py`), and animates meaningful states; static parts are cached (`cache.py`). Importing this package
registers every kind. Shots that hold a `ui.cursor` must be linked once: `link_shot(layers, fps)`.
"""
from __future__ import annotations

from pydantic import Field, create_model

from compositor.errors import FieldError
from compositor.vocab.layer import LayerCommon
from overlays.base import BuildContext
from overlays.registry import register

from . import models as M
from .cursor import CursorOverlay
from .links import ShotLinks, link_shot, make_resolver
from .overlay import UiOverlay
from .theme import Theme, theme_of

__all__ = ["UiOverlay", "CursorOverlay", "link_shot", "make_resolver", "theme_of", "Theme", "LAYER_MODELS",
           "build_component"]

FALLBACK_WIDTH = 0.5      # of the output width, for components that have no natural width and no `width:`


def kit_theme(ctx: BuildContext, path: tuple) -> Theme:
    """The kit's UI theme; a mistake in the kit's `ui:` section is reported on the layer that needs it."""
    try:
        return theme_of(ctx.kit)
    except FieldError as exc:
        where = ".".join(str(p) for p in exc.path)
        raise FieldError(path, f"the brand kit '{ctx.kit.name}' has a bad {where}: {exc.message}",
                         f"fix it in {getattr(ctx.kit, 'file', 'brand.yaml')} — {exc.fix}")


def build_component(key: str, spec, ctx: BuildContext, path: tuple, start: float = 0.0,
                    width=None, height=None, layer_id=None) -> UiOverlay:
    """A `ui.*` spec -> its overlay (also used by tests, the docs script and the benchmark)."""
    from .build import Builder     # the component classes load only for projects that draw UI

    theme = kit_theme(ctx, path)
    node = Builder(ctx, start).spec(key, spec, theme, path)
    if layer_id and node.id is None:
        node.id = layer_id
    w = width or spec.width or node.natural_width() or ctx.size[0] * FALLBACK_WIDTH
    h = height or spec.height or node.measure(w)
    return UiOverlay(node, w, h)


def _layer_build(key: str, field: str):
    def build(layer, ctx: BuildContext, path: tuple):
        spec = getattr(layer, field)
        links = ShotLinks.of(ctx)
        if key == "ui.cursor":
            overlay = CursorOverlay(spec, kit_theme(ctx, path + (key,)), ctx.size, path + (key,), ctx.extras.get("targets"),
                                    compact=bool(ctx.extras.get("ui.compact_cursor")))
            links.add_cursor(overlay)
            return overlay
        overlay = build_component(key, spec, ctx, path + (key,), layer.start, layer.width, layer.height, layer.id)
        links.add_ui(layer, overlay)
        return overlay
    return build


LAYER_MODELS: dict[str, type[LayerCommon]] = {}
for _key, _spec in {**M.SPECS, "ui.cursor": M.CursorSpec}.items():
    _field = _key.replace(".", "_")
    _name = "".join(p.capitalize() for p in _key.split(".")) + "Layer"
    _model = create_model(_name, __base__=LayerCommon, __doc__=f"A `{_key}` layer.",
                          **{_field: (_spec, Field(alias=_key))})
    LAYER_MODELS[_key] = _model
    register(_key, _model, _layer_build(_key, _field))
