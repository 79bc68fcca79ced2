"""Which shots' frames condition which generated shots: the dependency graph of a project.

A generated shot depends on an earlier shot when one of that shot's frames conditions it: `continue_from`,
`start_from: {shot: …}`, `end_on: {shot: …}` or `continuity: {with: …}`. Links always point to earlier shots,
so the graph has no cycles and shot order is a valid generation order. The frames' pixels are part of each
clip's cache key, so re-generating a shot re-generates exactly its dependants (transitively, in order); this
module names them, for the quality gate (which re-prepares them) and for the reports.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff")

PREVIOUS = "previous"


@dataclass(frozen=True)
class Link:
    shot: str        # the dependant
    on: str          # the earlier shot whose frame conditions it
    kind: str        # continue_from | start_from | end_on | continuity


def resolve_with(value: str, earlier: list[str]) -> Optional[str]:
    """The shot id a `continuity.with` names (`previous`: the shot just before), or None when there is none."""
    if value == PREVIOUS:
        return earlier[-1] if earlier else None
    return value if value in earlier else None


def shot_links(shot_id: str, background, earlier: list[str]) -> list[Link]:
    """The links of one shot (its background spec), given the ids of the shots before it."""
    gen = getattr(background, "generate", None)
    if gen is None:
        return []
    out = []
    if gen.continue_from is not None:
        out.append(Link(shot_id, gen.continue_from, "continue_from"))
    for kind in ("start_from", "end_on"):
        target = getattr(getattr(gen, kind, None), "shot", None)
        if target is not None:
            out.append(Link(shot_id, target, kind))
    if getattr(gen, "continuity", None) is not None:
        target = resolve_with(gen.continuity.with_, earlier)
        if target is not None:
            out.append(Link(shot_id, target, "continuity"))
    return out


def project_links(shot_specs: Iterable) -> list[Link]:
    """Every link of a project's shots (validated specs with `.id` and `.background`), in shot order."""
    earlier: list[str] = []
    out: list[Link] = []
    for spec in shot_specs:
        out.extend(shot_links(spec.id, spec.background, earlier))
        earlier.append(spec.id)
    return out


def dependants(links: list[Link], shot_id: str, order: list[str]) -> list[str]:
    """The shots whose clips change when `shot_id`'s frames change (directly or through others), in `order`."""
    found = {shot_id}
    for sid in order:                  # links point backwards, so one pass in shot order is transitive
        if any(link.shot == sid and link.on in found for link in links):
            found.add(sid)
    return [sid for sid in order if sid in found and sid != shot_id]


def resolve_background(background, earlier: list[str]):
    """The background with `continuity.with: previous` replaced by the shot id it names (for the source)."""
    gen = getattr(background, "generate", None)
    cont = getattr(gen, "continuity", None) if gen is not None else None
    if cont is None or cont.with_ != PREVIOUS or not earlier:
        return background
    gen = gen.model_copy(update={"continuity": cont.model_copy(update={"with_": earlier[-1]})})
    return background.model_copy(update={"generate": gen})


def is_reference_name(value: str) -> bool:
    """A bare name (`hero`) rather than a path (`assets/hero.png`): looked up in the project's `references:`."""
    return "/" not in value and "\\" not in value and Path(value).suffix.lower() not in IMAGE_SUFFIXES
