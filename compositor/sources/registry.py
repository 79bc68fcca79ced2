"""The background kinds, one registry entry each: the key a user writes (`color`, `video`, …), its schema model
and its builder. A kind's own module declares all three (`@background("key", Model)` on the builder), so a new
kind is one file; the project schema and the loader read the table (the union of backgrounds, its error message,
'did you mean' hints) and never list the kinds by hand."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

from ..consistency.spec import DeflickerMode
from ..errors import FieldError
from ..vocab.strict import Strict


class BgCommon(Strict):
    """Keys every background takes."""

    deflicker: Optional[DeflickerMode] = None


@dataclass(frozen=True)
class BackgroundKind:
    key: str
    model: type                 # a BgCommon subclass whose field named `key` holds the kind's value
    build: Callable             # build(validated model, kit, project folder, project seed, references) -> Source


KINDS: dict[str, BackgroundKind] = {}


def background(key: str, model: type):
    """Register the decorated builder for background kind `key`, validated by `model`."""
    def register(build):
        KINDS[key] = BackgroundKind(key, model, build)
        return build
    return register


def kind_of(v: Any) -> Optional[str]:
    """The kind key of a background mapping (`{video: …}`), the word `none`, or a validated model; None if it
    names no kind or several."""
    if isinstance(v, str):
        return "none" if v == "none" and "none" in KINDS else None
    if isinstance(v, dict):
        keys = [k for k in v if k in KINDS]
        return keys[0] if len(keys) == 1 else None
    return next((k for k, e in KINDS.items() if isinstance(v, e.model)), None)


# ---- what builders share --------------------------------------------------------------------------------------
def kit_color(kit, value, field):
    """A colour token or literal through the kit (and its lock); a FieldError names `field`."""
    try:
        return kit.color(value)
    except FieldError as exc:
        raise FieldError((field,), exc.message, exc.fix)


def asset(base_dir: Path, rel, field) -> Path:
    from ..confine import find_asset

    return find_asset(base_dir, rel, (field,))


def fill_color(bg, kit):
    """The letterbox colour of a `contain` fit (black unless `fill:` names one)."""
    return kit_color(kit, bg.fill, "fill") if getattr(bg, "fill", None) else (0, 0, 0, 255)
