"""What the project says a layer looks like at a frame, drawn by the renderer's own pieces: the layer's warped
patch (premultiplied RGBA over its box) and the shot's frame with only the layers beneath it. The checks compare
these with the decoded file: a logo or caption is present when the decoded pixels change the way drawing it
changes the frame beneath it."""
from __future__ import annotations

from typing import Optional

import numpy as np


class LayerProbe:
    def __init__(self, project, session):
        from ..render.frame import FrameRenderer

        self.project = project
        self.renderer = FrameRenderer(project, session=session)

    def state(self, shot, k: int, local: int):
        prepared = self.renderer.prepare(shot)
        return shot.layers[k].state(local / self.project.fps, local, prepared.tracks)

    def patch(self, shot, k: int, local: int):
        """The layer's Patch at the shot's local frame (None when it is not on screen)."""
        # the probe asks for many layers at scattered frames: nothing is kept for the next one
        return next((p for *_, p in self.renderer.placed_layers(shot, local, only=k, reuse=False)), None)

    def alpha(self, shot, k: int, local: int) -> Optional[tuple[int, int, np.ndarray]]:
        """(x0, y0, alpha 0..1 with the layer's opacity) of the layer, or None off screen."""
        p = self.patch(shot, k, local)
        if p is None:
            return None
        a = p.rgba[..., 3].astype(np.float32) / 255.0 * float(p.opacity)
        return p.x0, p.y0, a

    def beneath(self, shot, k: int, local: int, upto: Optional[int] = None) -> np.ndarray:
        """The shot's frame (RGB) with layers[:upto] drawn (upto defaults to k: everything beneath layer k)."""
        frame = self.renderer.background(shot, local)
        for *_, p in self.renderer.placed_layers(shot, local, upto=k if upto is None else upto, reuse=False):
            p.composite(frame)
        return frame[..., :3]

    def covered(self, shot, k: int, local: int, box: tuple[int, int, int, int]) -> np.ndarray:
        """A mask over `box` (x0, y0, x1, y1) of the pixels any layer above layer k touches."""
        x0, y0, x1, y1 = box
        mask = np.zeros((y1 - y0, x1 - x0), bool)
        for j in range(k + 1, len(shot.layers)):
            got = self.alpha(shot, j, local)
            if got is None:
                continue
            px, py, a = got
            h, w = a.shape
            ax0, ay0, ax1, ay1 = max(x0, px), max(y0, py), min(x1, px + w), min(y1, py + h)
            if ax1 <= ax0 or ay1 <= ay0:
                continue
            mask[ay0 - y0:ay1 - y0, ax0 - x0:ax1 - x0] |= a[ay0 - py:ay1 - py, ax0 - px:ax1 - px] > 0.01
        return mask

    def close(self) -> None:
        self.renderer.rasters.clear()


def single_shot_frame(project, shot, local: int) -> bool:
    """True when the shot's local frame is not inside a transition (one shot on screen)."""
    return len(project.timeline.at(shot.span.first + local)) == 1


def steady_frames(project, shot, layer, n: int = 1) -> list[int]:
    """Up to `n` (1..3) local frames of the layer's lifetime after its enter and before its exit animation, away from
    transitions (the middle one first)."""
    fps = project.fps
    a = layer.start + (layer.enter[1] if layer.enter else 0.0)
    b = layer.end - (layer.exit[1] if layer.exit else 0.0)
    if b <= a:
        a = b = (layer.start + layer.end) / 2
    out = []
    for f in (0.5, 0.2, 0.8)[:max(1, min(3, n))]:
        local = min(shot.span.n_frames - 1, max(0, int((a + (b - a) * f) * fps + 1e-6)))
        if local not in out and single_shot_frame(project, shot, local) and layer.active(local / fps):
            out.append(local)
    return out
