"""Layer kinds: the kind key in a project file -> its typed model and the function that builds its overlay.

Adding a kind is one `register()` call in its module; the project schema (and the JSON Schema) pick it up.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from compositor.vocab.layer import LayerCommon

from .base import BuildContext, Overlay


@dataclass(frozen=True)
class LayerKind:
    key: str
    model: type[LayerCommon]
    build: Callable[[LayerCommon, BuildContext, tuple], Overlay]   # (layer, ctx, path of the kind key) -> overlay


KINDS: dict[str, LayerKind] = {}


def register(key: str, model: type[LayerCommon], build: Callable) -> None:
    model.kind = key  # type: ignore[attr-defined]
    KINDS[key] = LayerKind(key, model, build)


def kind_key_of(data: dict) -> list[str]:
    return [k for k in data if k in KINDS]
