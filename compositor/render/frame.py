"""The frame loop: every output frame is a pure function of (project, frame index).

`FrameRenderer.frame(i)` finds the shot(s) visible at i, draws each shot (background + layers) and mixes them in
a transition. What drawing needs prepared (sources, tracks) comes from a RenderSession, shot by shot, the first
time a frame needs it, so a preview of one frame touches one shot only. Rasters of overlays are cached by
content key, so static layers are drawn once per render, and a layer that did not move reuses its warped patch.

`passes` picks what is drawn: the full picture, the overlays alone over transparency, or the backgrounds alone
(an editor composites the two passes back into the full render).
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Callable, Iterator, Optional

import numpy as np

from .. import composite, yuv420_transitions
from ..animate import ease
from ..profile import Profile
from ..project.load import Project, Shot
from ..session import RenderSession
from .whereabouts import mark

ProgressFn = Callable[[str, int, int], None]
PASSES = ("full", "overlays", "background")


class FrameRenderer:
    def __init__(self, project: Project, use_cache: bool = True, progress: Optional[ProgressFn] = None,
                 profile: Optional[Profile] = None, offline: bool = False, session: Optional[RenderSession] = None,
                 render_pass: str = "full"):
        if render_pass not in PASSES:
            raise ValueError(f"unknown pass {render_pass!r} (one of {', '.join(PASSES)})")
        self.project = project
        self.session = session or RenderSession(project, use_cache, progress, profile, offline)
        self.profile = self.session.profile
        self.render_pass = render_pass
        self.rasters: dict[int, OrderedDict] = {}
        self.patches: dict[int, tuple] = {}     # layer -> (placement key, Patch): a still layer is warped once
        self.alpha = project.has_alpha or render_pass == "overlays"

    @property
    def report(self):
        return self.session.report

    def prepare(self, shot: Shot):
        """The shot's prepared source and tracks (see RenderSession.prepare)."""
        return self.session.prepare(shot)

    def close(self) -> None:
        self.session.close()

    # --- drawing ----------------------------------------------------------------------------------------------
    def raster(self, layer_index: int, layer, t: float, reveal: float, wipe) -> np.ndarray:
        key = (layer.overlay.content_key(t, reveal), wipe)
        cache = self.rasters.setdefault(layer_index, OrderedDict())
        hit = cache.get(key)
        if hit is not None:
            cache.move_to_end(key)
            return hit
        with self.profile.stage("draw", layer.kind):
            arr = composite.rasterize(layer.overlay, t, reveal, layer.max_scale(), wipe)
        cache[key] = arr
        if len(cache) > 8:
            cache.popitem(last=False)
        return arr

    def patch(self, layer, raster: np.ndarray, state, tracks=None) -> Optional[composite.Patch]:
        """The layer warped into place; reused while its raster, matrix and opacity stay the same (a static
        layer is warped once per shot, not once per frame). Same arithmetic either way, so a chunk that starts
        cold draws the same pixels as a render that reached the frame warm."""
        k = layer.max_scale()
        to_raster = np.array([[1 / k, 0, -1 / k], [0, 1 / k, -1 / k], [0, 0, 1]])
        matrix = state.matrix @ to_raster
        blur = self._blur_matrices(layer, state, to_raster, tracks) if layer.spec.motion_blur else None
        key = (id(raster), matrix.tobytes(), state.opacity, None if blur is None else
               b"".join(m.tobytes() for m in blur))
        hit = self.patches.get(id(layer))
        if hit is not None and hit[0] == key and hit[2] is raster:
            return hit[1]
        if blur is not None:
            p = composite.place_blurred(raster, blur, self.project.size, state.opacity)
        else:
            p = composite.place(raster, matrix, self.project.size, state.opacity)
        self.patches[id(layer)] = (key, p, raster)
        return p

    BLUR_SAMPLES = 7
    SHUTTER = 0.5          # fraction of a frame interval the virtual shutter is open (180 degrees)

    def _blur_matrices(self, layer, state, to_raster, tracks) -> Optional[list]:
        """Placements across the shutter interval around this frame; None when the layer does not move."""
        fps = self.project.fps
        t, i = state.t, state.frame
        mats = []
        for d in np.linspace(-self.SHUTTER / 2, self.SHUTTER / 2, self.BLUR_SAMPLES):
            sub = layer.state(max(layer.start, t + d / fps), None if i is None else max(0.0, i + d), tracks)
            mats.append((sub.matrix if sub.matrix is not None else state.matrix) @ to_raster)
        if all(np.allclose(m, mats[0], atol=1e-3) for m in mats[1:]):
            return None
        return mats

    def shot_frame(self, shot: Shot, local: int, yuv: bool = False):
        mark(shot.index, -1, local)
        frame = self.background(shot, local, yuv)
        if self.render_pass == "background":
            return frame
        for _j, layer, _state, p in self.placed_layers(shot, local):
            with self.profile.stage("composite", layer.kind):
                p.composite(frame)
        return frame

    def background(self, shot: Shot, local: int, yuv: bool = False):
        """The shot's plate at its local frame, as a fresh frame to draw on (a Yuv420 frame with `yuv`)."""
        return self._background(self.prepare(shot).source, local, yuv)

    def placed_layers(self, shot: Shot, local: int, upto: Optional[int] = None, only: Optional[int] = None,
                      reuse: bool = True) -> Iterator[tuple]:
        """(index, layer, state, placed patch) of the shot's visible layers at a local frame, in drawing order: the
        one per-layer loop (state → raster → warped patch) behind the render, QC's probes and the studio's hit
        test. `upto`: only the layers below that index; `only`: just that layer; `reuse=False` for a caller that
        asks for layers at scattered frames (nothing is kept for the next frame)."""
        prepared = self.prepare(shot)
        t = local / self.project.fps
        for j in ([only] if only is not None else range(len(shot.layers) if upto is None else upto)):
            layer = shot.layers[j]
            state = layer.state(t, local, prepared.tracks)
            if not state.visible:
                continue
            mark(shot.index, j, local)
            raster = self.raster(id(layer) if reuse else ("probe", shot.index, j), layer, state.t, state.reveal,
                                 state.wipe)
            with self.profile.stage("composite", layer.kind):
                p = self.patch(layer, raster, state, prepared.tracks)
            if not reuse:
                self.patches.pop(id(layer), None)
            if p is not None:
                yield j, layer, state, p

    def _background(self, source, local: int, yuv: bool = False):
        """The shot's plate as a fresh frame to draw on (RGBA when the output has alpha; empty for `overlays`)."""
        prof = self.profile
        if yuv:
            with prof.stage("decode-wait" if source.unwrap().self_timed else "background"):
                plate = source.yuv420(local)
            if plate.data.flags.writeable:      # planes of its own (footage): drawn on in place
                return plate
            with prof.stage("composite"):
                return plate.copy()
        if self.render_pass == "overlays":
            w, h = self.project.size
            return np.zeros((h, w, 4), np.uint8)
        # a video source times its own decoding (in its read-ahead thread); here is how long the frame waited
        with prof.stage("decode-wait" if source.unwrap().self_timed else "background"):
            bg = source.frame(local)
        with prof.stage("composite"):
            if self.alpha and bg.shape[2] == 3:
                frame = np.empty(bg.shape[:2] + (4,), np.uint8)
                frame[..., :3] = bg
                frame[..., 3] = 255
            else:
                frame = bg.copy()
        return frame

    def frame(self, index: int) -> np.ndarray:
        """Output frame `index` as RGB (RGBA with alpha)."""
        return self._frame(index, False)

    def frame_yuv420(self, index: int):
        """Output frame `index` as the encoder's 4:2:0 planes (compositor.yuv420): the mp4 render's path, which
        never converts a pixel no overlay touches. Only for outputs without alpha and for the full or
        background pass."""
        if self.alpha:
            raise ValueError("4:2:0 frames carry no alpha: use frame()")
        return self._frame(index, True)

    def _frame(self, index: int, yuv: bool):
        visible = self.project.timeline.at(index)
        if len(visible) == 1:
            span, local = visible[0]
            return self.shot_frame(self.project.shots[span.index], local, yuv)
        (sa, la), (sb, lb) = visible[-2], visible[-1]
        a = self.shot_frame(self.project.shots[sa.index], la, yuv)
        shot_b = self.project.shots[sb.index]
        b = self.shot_frame(shot_b, lb, yuv)
        with self.profile.stage("composite"):
            return self._transition(a, b, shot_b, sb, lb)

    def _transition(self, a, b, shot_b, sb, lb):
        u = self.project.timeline.progress(sb, lb)
        tr = shot_b.transition
        e = ease(tr.ease, u) if tr.kind != "crossfade" else u
        ops = composite if isinstance(a, np.ndarray) else yuv420_transitions    # the same, plane by plane
        if tr.kind == "wipe":
            return ops.wipe(a, b, e, tr.direction)
        if tr.kind == "slide":
            return ops.slide(a, b, e, tr.direction)
        if tr.kind == "fade-through":
            return ops.fade_through(a, b, u, shot_b.transition_color)
        return ops.mix(a, b, e)
