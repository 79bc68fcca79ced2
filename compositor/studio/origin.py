"""Where a drawn layer is declared in the project file, as the studio names and links it.

A shot's layers are its `layers:` entries in order, then (when captions are burned in) one caption layer that
the `captions:` block declares for every shot: that one is named `captions` and points at its own block."""
from __future__ import annotations


def layer_origin(project, shot, index: int, layer) -> dict:
    """{"kind", "line"} of the shot's `index`-th placed layer."""
    if index >= len(shot.spec.layers):
        return {"kind": "captions", "line": project.lines.line(("captions",))}
    return {"kind": layer.kind, "line": project.lines.line(("shots", shot.index, "layers", index))}
