"""Hypothesis strategies drawn from the JSON Schema the project publishes (`compositor schema`): one layer kind,
background kind or section at a time, each placed into a small valid shell project.

The published schema is recursive (UI components nest); hypothesis-jsonschema needs it inlined, so a component
that is already being drawn is cut (its alternative dropped) and nesting stops after a few levels. Drawn colour
and style strings are, half the time, swapped for tokens the neutral kit knows, so a fair share of the drawn
files get past validation and are previewed too.
"""
from __future__ import annotations

import copy
import functools
from typing import Any, Callable

from hypothesis import strategies as st

NEVER: dict = {"not": {}}
MAX_NESTING = 1            # recursive definitions (UI components): a layer's children are leaves
COLOUR_KEYS = {"color", "fill", "stroke", "background", "accent", "plate", "highlight", "text_color", "ink",
               "track", "thumb", "on", "off", "border", "shadow"}
COLOURS = ["paper", "ink", "primary", "accent", "muted", "#102030", "white"]
STYLES = ["headline", "title", "body", "label", "caption"]

SHELL: dict = {
    "compositor": 1,
    "title": "schema fuzz",
    "output": {"size": [160, 90], "fps": 10, "file": "out.mp4"},
    "shots": [
        {"id": "a", "duration": 1, "background": {"color": "paper"},
         "layers": [{"text": "shell", "style": "body", "at": [80, 45]}]},
        {"id": "b", "duration": 1, "background": {"color": "ink"}},
    ],
}


@functools.lru_cache(maxsize=1)
def published_schema() -> dict:
    """The schema exactly as `compositor schema` prints it."""
    import json

    from typer.testing import CliRunner

    from compositor.cli import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _refs(node: Any) -> set[str]:
    out: set[str] = set()
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            out.add(ref.rsplit("/", 1)[-1])
        for v in node.values():
            out |= _refs(v)
    elif isinstance(node, list):
        for v in node:
            out |= _refs(v)
    return out


@functools.lru_cache(maxsize=1)
def _recursive_defs() -> frozenset[str]:
    defs = published_schema()["$defs"]
    edges = {name: _refs(body) for name, body in defs.items()}

    def reaches_itself(start: str) -> bool:
        seen, todo = set(), list(edges[start])
        while todo:
            n = todo.pop()
            if n == start:
                return True
            if n in seen or n not in edges:
                continue
            seen.add(n)
            todo.extend(edges[n])
        return False

    return frozenset(n for n in defs if reaches_itself(n))


def inline(node: Any, stack: tuple = ()) -> Any:
    """`node` with every local $ref replaced by its definition; recursion cut (see the module docstring)."""
    defs = published_schema()["$defs"]
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            name = ref.rsplit("/", 1)[-1]
            nested = sum(1 for s in stack if s in _recursive_defs())
            if name in stack or (name in _recursive_defs() and nested >= MAX_NESTING):
                return NEVER
            rest = {k: v for k, v in node.items() if k != "$ref"}
            body = inline(defs[name], stack + (name,))
            return {**body, **inline(rest, stack)} if rest else body
        out = {k: inline(v, stack) for k, v in node.items() if k not in ("title", "description", "default")}
        if "oneOf" in out:             # the unions are tagged by their kind key (disjoint): anyOf draws the same
            out["anyOf"] = out.pop("oneOf")     # values without checking each draw against every alternative
        if "prefixItems" in out:       # 2020-12 tuples, in the draft-7 form hypothesis-jsonschema reads
            out["items"] = out.pop("prefixItems")
            out["additionalItems"] = False
        if "anyOf" in out:
            kept = [alt for alt in out["anyOf"] if alt != NEVER]
            if not kept:
                return NEVER
            out["anyOf"] = kept
        if any(out.get("properties", {}).get(name) == NEVER for name in out.get("required", ())):
            return NEVER            # a required part was cut: so is the whole (no draw-and-filter for it)
        if out.get("items") == NEVER:
            del out["items"]
            out["maxItems"] = 0
        for name in [k for k, v in out.get("properties", {}).items() if v == NEVER]:
            del out["properties"][name]     # an optional part that was cut: left out (unknown keys stay refused)
        if isinstance(out.get("additionalProperties"), dict) and out["additionalProperties"] == NEVER:
            out["additionalProperties"] = False
        return out
    if isinstance(node, list):
        return [inline(v, stack) for v in node]
    return node


def _layer_refs() -> list[str]:
    items = published_schema()["$defs"]["ShotSpec"]["properties"]["layers"]["items"]
    return [alt["$ref"].rsplit("/", 1)[-1] for alt in items["oneOf"]]


def _background_refs() -> list[str]:
    bg = published_schema()["$defs"]["ShotSpec"]["properties"]["background"]
    return [alt["$ref"].rsplit("/", 1)[-1] for alt in bg["oneOf"]]


def _def(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


def targets() -> dict[str, tuple[dict, Callable[[dict, Any], None]]]:
    """name -> (schema to draw from, how to place the drawn value into a copy of SHELL)."""
    props = published_schema()["properties"]
    shot = published_schema()["$defs"]["ShotSpec"]["properties"]

    def layer(doc, v):
        doc["shots"][0]["layers"].append(v)

    def background(doc, v):
        doc["shots"][0]["background"] = v

    def on_text(key):
        def place(doc, v):
            doc["shots"][0]["layers"][0][key] = v
        return place

    def transition(doc, v):
        doc["shots"][1]["transition"] = v

    def top(key):
        def place(doc, v):
            doc[key] = v
        return place

    def tracks(doc, v):
        doc["shots"][0]["tracks"] = v

    def output(doc, v):
        doc["output"] = v

    out: dict = {}
    for name in _layer_refs():
        out[f"layer:{name}"] = (_def(name), layer)
    for name in _background_refs():
        out[f"background:{name}"] = (_def(name), background)
    out["enter"] = (_def("PresetSpec"), on_text("enter"))
    out["exit"] = (_def("PresetSpec"), on_text("exit"))
    out["animate"] = (_def("AnimateSpec"), on_text("animate"))
    out["transition"] = (_def("TransitionSpec"), transition)
    out["tracks"] = (shot["tracks"], tracks)
    for key in ("audio", "captions", "quality", "references"):
        out[key] = (props[key], top(key))
    out["output"] = (_def("OutputSpec"), output)
    return out


@functools.lru_cache(maxsize=None)
def strategy(target: str) -> st.SearchStrategy:
    from hypothesis_jsonschema import from_schema

    schema, _ = targets()[target]
    return from_schema(inline(copy.deepcopy(schema)))


def familiar(value: Any, rnd: Callable[[list], Any], key: str = "") -> Any:
    """Swap drawn strings under colour/style keys for kit tokens (the caller decides whether to)."""
    if isinstance(value, dict):
        return {k: familiar(v, rnd, k) for k, v in value.items()}
    if isinstance(value, list):
        return [familiar(v, rnd, key) for v in value]
    if isinstance(value, str) and key in COLOUR_KEYS:
        return rnd(COLOURS)
    if isinstance(value, str) and key == "style":
        return rnd(STYLES)
    return value


def project(target: str, value: Any) -> dict:
    doc = copy.deepcopy(SHELL)
    targets()[target][1](doc, value)
    return doc
