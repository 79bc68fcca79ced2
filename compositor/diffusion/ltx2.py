"""LTX-2: the diffusers family whose one call makes frames and their sound together (`.frames` and `.audio`).

Three pipeline classes share one set of weights: `LTX2Pipeline` (text), `LTX2ImageToVideoPipeline` (`image`) and
`LTX2ConditionPipeline` (`conditions=[LTX2VideoCondition(frames, index, strength)]`, `index` a *latent* frame
index, -1 the last). The sound covers the same seconds as the frames (`num_frames / frame_rate`) and starts
with frame 0, so its sample `n` sounds at `n / rate` seconds into the clip.
"""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Optional

import numpy as np

CONDITION = "LTX2ConditionPipeline"
LAST_FRAME = "ltx2-conditions"      # Family.last_frame: an LTX2VideoCondition at latent index -1


def family(folder: Path, index: dict, ltx, schedulers: tuple):
    """The LTX-2 rules: LTX-Video's VAE arithmetic (read by `families._ltx` from the same config keys), its
    own pipeline classes, 24 fps at 768×512, and sound."""
    cls = index.get("_class_name", "")
    if cls == CONDITION:
        t2v = i2v = CONDITION
        last = LAST_FRAME
    else:     # text and image from one folder through `from_pipe`; no last-frame input
        t2v, i2v, last = "LTX2Pipeline", "LTX2ImageToVideoPipeline", ""
    return replace(ltx, name="ltx2", label="LTX-2", t2v_class=t2v, i2v_class=i2v, steps=30, guidance=3.0,
                   schedulers=schedulers, last_frame=last, audio=True)


def sample_rate(folder: Path) -> Optional[int]:
    """The rate the folder's vocoder writes (its config), without loading it."""
    try:
        cfg = json.loads((Path(folder) / "vocoder" / "config.json").read_text())
    except (OSError, ValueError):
        return None
    rate = cfg.get("output_sampling_rate") or cfg.get("sampling_rate")
    return int(rate) if rate else None


def conditions(image, last_image, frames: int, strength: float = 1.0) -> dict:
    """`conditions=` for LTX2ConditionPipeline: the first frame at latent index 0, the last at -1."""
    from diffusers.pipelines.ltx2.pipeline_ltx2_condition import LTX2VideoCondition

    out = []
    if image is not None:
        out.append(LTX2VideoCondition(frames=image, index=0, strength=float(strength)))
    if last_image is not None:
        out.append(LTX2VideoCondition(frames=last_image, index=-1))
    return {"conditions": out}


def sound(pipe, output, frames: int, fps: float) -> tuple[np.ndarray, int]:
    """The call's sound as float32 (samples, channels) and its rate.

    The rate is the vocoder's declared output rate; should a folder declare one its vocoder does not write (the
    samples then span a different time than the frames), the rate that makes them span the clip is used, so the
    sound stays in step with the picture."""
    audio = output.audio
    data = audio.detach().float().cpu().numpy() if hasattr(audio, "detach") else np.asarray(audio, np.float32)
    data = np.ascontiguousarray(data[0].T, dtype=np.float32)          # (channels, samples) -> (samples, channels)
    vocoder = getattr(pipe, "vocoder", None)
    rate = getattr(getattr(vocoder, "config", None), "output_sampling_rate", None) or \
        getattr(pipe, "audio_sampling_rate", 16000)
    span = frames / fps
    if span > 0 and abs(len(data) / (rate * span) - 1) > 0.15:
        rate = max(1, int(round(len(data) / span)))
    return data, int(rate)
