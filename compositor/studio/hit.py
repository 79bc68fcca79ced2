"""Which layer is under a pixel: the renderer's own placed patches (bounds and alpha), topmost first, so a click
selects exactly what the frame shows there."""
from __future__ import annotations

from typing import Iterator, Optional

from .origin import layer_origin


def placed(renderer, frame: int) -> Iterator[tuple[dict, object]]:
    """(layer description, placed patch) of every visible layer at a frame, topmost first."""
    project = renderer.project
    for span, local in reversed(project.timeline.at(frame)):   # the incoming shot of a transition is on top
        shot = project.shots[span.index]
        for j, layer, _state, patch in reversed(list(renderer.placed_layers(shot, local))):
            h, w = patch.rgba.shape[:2]
            yield ({"shot": shot.id, "index": j, **layer_origin(project, shot, j, layer),
                    "box": [int(patch.x0), int(patch.y0), int(w), int(h)]}, patch)


def layer_at(renderer, frame: int, x: int, y: int) -> Optional[dict]:
    for info, patch in placed(renderer, frame):
        px, py = x - patch.x0, y - patch.y0
        h, w = patch.rgba.shape[:2]
        if 0 <= px < w and 0 <= py < h and patch.rgba[py, px, 3] * patch.opacity >= 8:
            return info
    return None


def outlines(renderer, frame: int) -> list[dict]:
    return [info for info, _ in placed(renderer, frame)]
