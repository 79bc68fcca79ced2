"""The sound a generated clip came with (LTX-2's `.audio`), kept on the clip's own clock.

A pipeline call's sound starts with its frame 0 and spans its frames' seconds. A long shot is several calls:
each call's sound is laid at the time of its own frame 0 (the repeated conditioning frame included), so every
chunk stays in step with its frames whatever length the model's sound has, and where two chunks meet they
crossfade over the stretch they share. A loop crossfades its first frames from the frames after the end; the
sound does the same over the same seconds. The sound is always kept in the cache entry when the family makes
it, so switching `audio:` on or off never regenerates a clip.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from compositor.errors import FieldError

AUDIO_FAMILIES = "LTX-2 (LTX2Pipeline, LTX2ImageToVideoPipeline, LTX2ConditionPipeline)"


def check(spec, info) -> None:
    """`audio: true` on a family that makes no sound is refused at load, naming the families that do."""
    if getattr(spec, "audio", None) is True and not info.family.audio:
        raise FieldError(("generate", "audio"), f"{info.folder.name} is a {info.family.label} model "
                         f"({info.class_name}): it makes no sound",
                         f"use a model that makes sound with its frames: {AUDIO_FAMILIES} — or remove `audio`")


def wanted(spec, info) -> bool:
    """The shot's generated sound goes on the timeline: the family makes it and the shot did not say no."""
    return bool(info.family.audio) and getattr(spec, "audio", None) is not False


def _lay(out: np.ndarray, written: int, data: np.ndarray, start: int) -> int:
    """Add `data` at sample `start`, crossfading linearly over what is already written there; the new end."""
    end = min(len(out), start + len(data))
    if end <= start:
        return written
    data = data[:end - start]
    shared = max(0, min(written, end) - start)
    if shared:
        a = ((np.arange(shared, dtype=np.float32) + 0.5) / shared)[:, None]
        out[start:start + shared] = (1 - a) * out[start:start + shared] + a * data[:shared]
    out[start + shared:end] = data[shared:]
    return max(written, end)


def join(calls: list, chunks: list, fps: float, frames: int, loop_frames: Optional[int] = None):
    """The clip's sound from its calls' sounds: `calls` [(frames generated, (samples (n, ch), rate) or None)],
    `chunks` the joined clip's [(first output index, frames contributed)] (continuity.Result.chunks), `frames`
    the native frames before a loop's fold, `loop_frames` the looped clip's length. (samples, rate) or None."""
    heard = [(raw, s) for raw, s in calls if s is not None]
    if not heard or len(heard) != len(calls) or len(calls) != len(chunks):
        return None
    rate = heard[0][1][1]
    channels = max(s[0].shape[1] for _, s in heard)
    out = np.zeros((int(round(frames / fps * rate)), channels), np.float32)
    written = 0
    for (raw, (samples, _)), (first, contributed) in zip(calls, chunks):
        frame0 = first - (raw - contributed)          # a dropped first frame sat one frame earlier
        data = samples if samples.shape[1] == channels else np.repeat(samples[:, :1], channels, axis=1)
        written = _lay(out, written, data, int(round(frame0 / fps * rate)))
    if loop_frames is not None and loop_frames < frames:
        head = int(round(loop_frames / fps * rate))
        tail = min(len(out) - head, head)
        a = ((np.arange(tail, dtype=np.float32) + 0.5) / tail)[:, None] if tail else None
        looped = out[:head].copy()
        if tail:
            looped[:tail] = (1 - a) * out[head:head + tail] + a * out[:tail]
        out = looped
    return np.ascontiguousarray(out), int(rate)
