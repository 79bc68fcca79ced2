"""Long clips from a model with a short window, without visible seams.

A clip longer than the model's window is generated in chunks. When the model can condition on an image, each
chunk starts from the previous chunk's last frame (image-to-video: Wan I2V / TI2V, LTX image or conditions),
its duplicate first frame is dropped, and the small colour offset that the VAE round trip leaves on the
conditioning frame is faded out over the chunk's first frames, so the join is continuous. A text-only model
cannot condition, so its chunks overlap and are crossfaded over the overlap instead.
The same mechanism continues a shot from another shot's last frame (`continue_from`) and closes a loop.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

import numpy as np

from compositor.diffusion.families import Family


@dataclass(frozen=True)
class Chunk:
    frames: int            # frames this call generates (a valid count for the family)
    conditioned: bool      # starts from the previous frame (image-to-video)
    overlap: int           # frames crossfaded with the previous chunk (text-only models)
    drop_first: bool       # the first frame repeats the conditioning frame


@dataclass
class Request:
    prompt: str
    negative: str
    seed: int
    steps: int
    guidance: float
    scheduler: Optional[str]
    width: int
    height: int
    frames: int                              # native frames wanted
    start: Optional[np.ndarray] = None       # uint8 (H, W, 3) at the generation size: the first frame's source
    start_is_previous: bool = False          # True: `start` is a frame already shown (continue_from)
    loop: bool = False
    end: Optional[np.ndarray] = None         # uint8 (H, W, 3): the frame the last chunk lands on (`end_on`)
    end_index: Optional[int] = None          # native frame shown as the shot's last output frame (None: the last)
    start_strength: float = 1.0              # below 1: `start` is a soft condition (continuity), not frame 0


@dataclass
class Result:
    frames: np.ndarray                       # uint8 (N, H, W, 3)
    chunks: list = field(default_factory=list)      # [(first output index, frames contributed)]
    seam_offsets: list = field(default_factory=list)  # mean |conditioning - model's first frame|, 0..255
    notes: list = field(default_factory=list)
    end_offset: Optional[float] = None       # mean |end_on image - model's landing frame|, 0..255, before the fade


def overlap_for(family: Family) -> int:
    return max(1, min(8, (family.window - 1) // 4))


def loop_tail(frames: int) -> int:
    return max(1, min(8, frames // 4))


def plan(family: Family, frames: int, conditioned_start: bool, drop_first_start: bool) -> list[Chunk]:
    """The chunks that produce `frames` native frames."""
    chunks: list[Chunk] = []
    made = 0
    conditioned = conditioned_start
    while made < frames:
        remaining = frames - made
        if not chunks:
            drop = conditioned and drop_first_start
            count = min(family.window, family.frames_at_least(remaining + (1 if drop else 0)))
            chunks.append(Chunk(count, conditioned, 0, drop))
            made += count - (1 if drop else 0)
        elif family.can_i2v:
            count = min(family.window, family.frames_at_least(remaining + 1))
            chunks.append(Chunk(count, True, 0, True))
            made += count - 1
        else:
            ov = overlap_for(family)
            count = min(family.window, family.frames_at_least(remaining + ov))
            chunks.append(Chunk(count, False, ov, False))
            made += count - ov
    return chunks


def chunk_seed(seed: int, k: int) -> int:
    return seed if k == 0 else (seed * 1_000_003 + k) % (2 ** 63)


def _correct_seam(clip: np.ndarray, start: np.ndarray) -> tuple[np.ndarray, float]:
    """Shift the clip so its first frame equals `start`, fading the correction out over the first frames.

    Given the clip reversed, the same shift makes the last frame land exactly on an `end_on` image."""
    delta = start - clip[0]
    fade = max(2, min(12, clip.shape[0] // 2))
    weights = np.clip(1.0 - np.arange(clip.shape[0], dtype=np.float32) / fade, 0.0, 1.0)
    return clip + weights[:, None, None, None] * delta[None], float(np.abs(delta).mean() * 255)


def generate(request: Request, family: Family, call: Callable[..., np.ndarray],
             progress: Optional[Callable[[str, int, int], None]] = None) -> Result:
    """Run the plan. `call(seed=, frames=, image=, on_step=[, last=][, strength=])` returns float frames in [0, 1].

    `last=` (an image for the last chunk's last frame) is passed only when the request has an `end`, and
    `strength=` (the first chunk's image as a soft condition) only when `start_strength` is below 1."""
    from PIL import Image

    total = request.frames + (loop_tail(request.frames) if request.loop else 0)
    start = None if request.start is None else request.start.astype(np.float32) / 255.0
    chunks = plan(family, total, start is not None, request.start_is_previous)
    out: list[np.ndarray] = []
    result = Result(np.zeros(0, np.uint8))
    for k, chunk in enumerate(chunks):
        label = f"chunk {k + 1}/{len(chunks)}"
        cond = start if k == 0 else (out[-1] if chunk.conditioned else None)
        image = None
        if chunk.conditioned and cond is not None:
            image = Image.fromarray(np.clip(cond * 255 + 0.5, 0, 255).astype(np.uint8))
        extra = {}
        soft = k == 0 and image is not None and request.start_strength < 1.0
        if soft:                 # a soft condition: the model's own first frame stands, no seam to correct
            extra["strength"] = request.start_strength
        if request.end is not None and k == len(chunks) - 1:
            extra["last"] = Image.fromarray(request.end)
        clip = call(seed=chunk_seed(request.seed, k), frames=chunk.frames, image=image,
                    on_step=(lambda done, n, _l=label: progress(_l, done, n)) if progress else None, **extra)
        if image is not None and not soft:
            clip, offset = _correct_seam(clip, cond)
            result.seam_offsets.append(offset)
        if chunk.drop_first:
            clip = clip[1:]
        ov = min(chunk.overlap, len(out))
        first_index = len(out) - ov
        for j in range(ov):     # crossfade the overlap: previous chunk fades out as this one fades in
            a = (j + 1) / (ov + 1)
            out[first_index + j] = (1 - a) * out[first_index + j] + a * clip[j]
        out.extend(clip[ov:])
        result.chunks.append((first_index, len(clip)))
    if request.end is not None:    # the model's landing frame goes where the shot's last frame is shown
        at = total - 1 if request.end_index is None else max(0, min(request.end_index, total - 1))
        if len(out) > at + 1:
            result.notes.append(f"end_on: frame {at} is the model's landing frame ({len(out) - at - 1} frames "
                                "before it were skipped)")
        out = out[:at] + [out[-1]] * (total - at)
        frames = np.stack(out)
        head, result.end_offset = _correct_seam(frames[:at + 1][::-1], request.end.astype(np.float32) / 255.0)
        frames[:at + 1] = head[::-1]
        frames[at + 1:] = frames[at]
    else:
        frames = np.stack(out[:total])
    if request.loop:
        tail = total - request.frames
        head = frames[:request.frames].copy()
        for i in range(tail):
            a = (i + 1) / (tail + 1)
            head[i] = (1 - a) * frames[request.frames + i] + a * frames[i]
        frames = head
        result.notes.append(f"looped: the first {tail} frames crossfade from the frames after the end")
    kinds = "image-to-video from the previous chunk's last frame" if family.can_i2v else \
        f"{overlap_for(family)}-frame overlap crossfade (the model cannot condition on an image)"
    if len(chunks) > 1:
        result.notes.append(f"{len(chunks)} chunks of up to {family.window} frames joined by {kinds}")
    result.frames = np.clip(frames * 255 + 0.5, 0, 255).astype(np.uint8)
    return result


def shot_frame(ref, ctx, field_path: tuple) -> np.ndarray:
    """The RGB frame of an earlier shot named by a `{shot: ID, at: start|end|SECONDS}` reference.

    Read through the render session's `ctx.previous(shot_id)` (the prepared source of an earlier shot)."""
    from compositor.errors import FieldError

    prev = ctx.previous(ref.shot) if ctx.previous else None
    if prev is None:
        raise FieldError(field_path + ("shot",), f"no shot with id {ref.shot!r} before this one",
                         "name an earlier shot's id")
    pctx = getattr(prev, "ctx", None)
    n = pctx.n_frames if pctx is not None else 1
    if ref.at == "start":
        index = 0
    elif ref.at == "end":
        index = n - 1
    else:
        fps = pctx.fps if pctx is not None else 1.0
        index = int(round(float(ref.at) * fps))
        if not 0 <= index < n:
            raise FieldError(field_path + ("at",), f"{ref.at:g} s is outside shot {ref.shot!r} "
                             f"({n / fps:g} s long)", "use start, end, or a time inside that shot")
    return np.asarray(prev.frame(index))[..., :3]
