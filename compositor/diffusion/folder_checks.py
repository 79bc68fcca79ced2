"""A model folder checked against what it will be asked to do, before any generation.

Two kinds of check, each naming the folder, the component and what to change:
- `check_fit` (JSON only, no torch): the transformer's config against the size and frame count of the longest
  pipeline call. Wan places latent positions with a rotary table of `rope_max_seq_len` rows per axis; a call
  with more latent frames, rows or columns than that dies deep inside torch with a reshape error.
- `check_components` (imports diffusers): each component class in model_index.json against the class the
  pipeline's `__init__` is annotated with. diffusers only logs a mismatch and then fails mid-call. A class that
  takes the same call (the same `forward`/`__call__` parameters and result, e.g. T5 for UMT5, which diffusers'
  own tests use), an `Auto*` annotation, or a scheduler the expected one lists as compatible is accepted.
`component_of` finds which component a failed call died in, for the error that is still left.
"""
from __future__ import annotations

import inspect
import json
import types
import typing
from pathlib import Path
from typing import Optional

from compositor.diffusion.families import FolderInfo
from compositor.errors import FieldError

MODEL = ("generate", "model")


def _config(folder: Path, component: str) -> dict:
    try:
        return json.loads((folder / component / "config.json").read_text())
    except (OSError, ValueError):
        return {}


def check_fit(info: FolderInfo, width: int, height: int, frames: int, extra_latent_frames: int = 0,
              field: tuple = MODEL) -> None:
    """Refuse a call of `frames` frames at width×height that the folder's transformer cannot place."""
    if info.family.name != "wan":
        return                     # LTX computes its rotary positions for any size: nothing to bound here
    vae = _config(info.folder, "vae")
    spatial, temporal = int(vae.get("scale_factor_spatial", 8)), int(vae.get("scale_factor_temporal", 4))
    for name in ("transformer", "transformer_2"):
        cfg = _config(info.folder, name)
        rope = cfg.get("rope_max_seq_len")
        if not cfg or not isinstance(rope, int):
            continue
        pt, ph, pw = (list(cfg.get("patch_size") or [1, 2, 2]) + [2, 2])[:3]
        where = f"{info.folder.name}/{name}/config.json"
        for side, px, step in (("width", width, spatial * pw), ("height", height, spatial * ph)):
            if px % step:
                raise FieldError(field, f"{where}: a {width}×{height} frame does not split into its "
                                 f"{step}-px patches ({side} {px} is not a multiple of VAE scale {spatial} × "
                                 f"patch {step // spatial})",
                                 f"give the folder's compositor.json a `native_size` whose sides are multiples of "
                                 f"{spatial * pw}×{spatial * ph}")
        latent = (frames - 1) // temporal + 1 + extra_latent_frames
        needs = (("frames", latent // pt, "window",
                  f"at most {((rope * pt) - 1 - extra_latent_frames) * temporal + 1} frames per call"),
                 ("columns", width // (spatial * pw), "native_size", f"at most {rope * spatial * pw} px wide"),
                 ("rows", height // (spatial * ph), "native_size", f"at most {rope * spatial * ph} px high"))
        for axis, count, hint, limit in needs:
            if count > rope:
                raise FieldError(field, f"{where}: rope_max_seq_len {rope} is shorter than the {count} latent "
                                 f"{axis} a {width}×{height}, {frames}-frame call needs",
                                 f"generate less per call (the folder's compositor.json: `{hint}` {limit}), or "
                                 "use the transformer config the model was trained with (a larger rope_max_seq_len)")


def _annotated(pipeline_class) -> dict:
    """component -> the classes the pipeline's `__init__` is annotated with (None and non-classes dropped)."""
    try:
        hints = typing.get_type_hints(pipeline_class.__init__)
    except Exception:
        hints = {k: p.annotation for k, p in inspect.signature(pipeline_class.__init__).parameters.items()}
    out = {}
    for name, hint in hints.items():
        options = typing.get_args(hint) if isinstance(hint, types.UnionType) or \
            typing.get_origin(hint) is typing.Union else (hint,)
        classes = tuple(c for c in options if isinstance(c, type) and c is not type(None))
        if classes:
            out[name] = classes
    return out


def _interface(cls) -> Optional[tuple]:
    """What a caller relies on: the parameters and result of `forward` (a torch module) or `__call__`."""
    method = getattr(cls, "forward", None) or getattr(cls, "__call__", None)
    try:
        sig = inspect.signature(method)
    except (TypeError, ValueError):
        return None
    return tuple(sig.parameters), str(sig.return_annotation)


def _accepts(expected: type, actual: type) -> bool:
    if issubclass(actual, expected) or expected.__name__.startswith("Auto"):
        return True
    compatibles = {getattr(c, "__name__", str(c)) for c in getattr(expected, "_compatibles", ()) or ()}
    if actual.__name__ in compatibles:
        return True
    mine, theirs = _interface(expected), _interface(actual)
    return mine is not None and mine == theirs


def _class_of(library: str, name: str):
    import importlib

    try:
        return getattr(importlib.import_module(library), name)
    except (ImportError, AttributeError):
        return None


def check_components(info: FolderInfo, pipeline_names, field: tuple = MODEL) -> None:
    """Refuse a folder whose model_index.json names components the pipelines in `pipeline_names` cannot use."""
    import diffusers

    try:
        index = json.loads((info.folder / "model_index.json").read_text())
    except (OSError, ValueError):
        return                    # detect() already read it; from_pretrained will say what is wrong
    for pipeline_name in dict.fromkeys(n for n in pipeline_names if n):
        pipeline_class = getattr(diffusers, pipeline_name, None)
        if pipeline_class is None:
            continue
        optional = set(getattr(pipeline_class, "_optional_components", ()) or ())
        required = {k for k, p in inspect.signature(pipeline_class.__init__).parameters.items()
                    if k != "self" and p.default is inspect.Parameter.empty}
        for component, expected in _annotated(pipeline_class).items():
            entry = index.get(component)
            saved = entry if isinstance(entry, list) and len(entry) == 2 else [None, None]
            if saved[1] is None:
                if component in required and component not in optional:
                    raise FieldError(field, f"{info.folder.name}/model_index.json: {pipeline_name} "
                                     f"needs a `{component}` ({' or '.join(c.__name__ for c in expected)}), and "
                                     "the folder has none",
                                     "download the complete pipeline folder again")
                continue
            actual = _class_of(*saved)
            if actual is None or any(_accepts(e, actual) for e in expected):
                continue
            want = " or ".join(c.__name__ for c in expected)
            raise FieldError(field, f"{info.folder.name}/{component} is a {saved[1]}, but {pipeline_name} takes a "
                             f"{want} as its {component} (model_index.json)",
                             f"put the model's own {component} in {info.folder / component} (a {want}, and its "
                             f"entry in model_index.json), e.g. from the model's original repository")


def component_of(exc: BaseException, pipe) -> Optional[str]:
    """The pipeline component (transformer, vae, text_encoder, …) a failed call died in, from its traceback."""
    components = {id(v): k for k, v in (getattr(pipe, "components", None) or {}).items() if v is not None}
    tb = exc.__traceback__
    while tb is not None:
        owner = tb.tb_frame.f_locals.get("self")
        if id(owner) in components:
            return components[id(owner)]
        tb = tb.tb_next
    return None
