"""Read any audio file ffmpeg can (wav, mp3, m4a, ogg, flac, a video's soundtrack) as 48 kHz stereo float32.

Decoding is exact about length: a clip's duration is the number of decoded samples, which is what the timeline
fits shots to. Results are memoised by path, size and mtime, so timing and mixing decode each file once.
Mono files are copied to both channels at full level (ffmpeg's own upmix would lower them by 3 dB).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

SAMPLE_RATE = 48000


class AudioFileError(Exception):
    """A file that cannot be used as audio; the message says why in words a user understands."""


def decode_audio(path: Path | str, rate: int = SAMPLE_RATE) -> np.ndarray:
    """Samples (n, 2) float32 at `rate`. Raises AudioFileError for a missing or unreadable file."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise AudioFileError(f"{p} does not exist") from None
    except OSError as exc:
        raise AudioFileError(f"{p} cannot be read ({exc.strerror})") from None
    if p.is_dir():
        raise AudioFileError(f"{p} is a folder, not an audio file")
    out = _decode_cached(str(p.resolve()), st.st_size, st.st_mtime_ns, rate)
    return out


def audio_duration(path: Path | str, rate: int = SAMPLE_RATE) -> float:
    return len(decode_audio(path, rate)) / rate


@lru_cache(maxsize=16)
def _decode_cached(path: str, size: int, mtime_ns: int, rate: int) -> np.ndarray:
    import av

    try:
        container = av.open(path)
    except Exception as exc:  # PyAV raises several error types for bad input
        raise AudioFileError(f"{path} is not a readable audio file ({_short(exc)})") from None
    try:
        streams = container.streams.audio
        if not streams:
            raise AudioFileError(f"{path} has no audio stream")
        stream = streams[0]
        layout = "mono" if stream.codec_context.channels == 1 else "stereo"
        resampler = av.AudioResampler(format="fltp", layout=layout, rate=rate)
        chunks = []
        try:
            for frame in container.decode(stream):
                frame.pts = None      # let the resampler count samples; odd timestamps must not drop audio
                chunks.extend(f.to_ndarray() for f in resampler.resample(frame))
            chunks.extend(f.to_ndarray() for f in resampler.resample(None))
        except AudioFileError:
            raise
        except Exception as exc:
            raise AudioFileError(f"{path} could not be decoded ({_short(exc)})") from None
    finally:
        container.close()
    if not chunks:
        raise AudioFileError(f"{path} holds no audio samples")
    data = np.concatenate(chunks, axis=1).astype(np.float32)
    if data.shape[0] == 1:
        data = np.repeat(data, 2, axis=0)
    out = np.ascontiguousarray(data.T)
    out.setflags(write=False)     # shared by the cache: callers copy before changing it
    return out


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]


def write_wav(path: Path | str, samples: np.ndarray, rate: int = SAMPLE_RATE) -> Path:
    """A 24-bit PCM WAV (used beside PNG sequences, which carry no sound); written atomically."""
    import wave

    from ..atomic import atomic_file

    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    x = np.clip(np.asarray(samples, dtype=np.float64), -1.0, 1.0 - 2 ** -23)
    ints = np.round(x * (2 ** 23)).astype("<i4")
    raw = ints.reshape(-1).view(np.uint8).reshape(-1, 4)[:, :3].tobytes()
    with atomic_file(p, ".wav") as tmp, wave.open(str(tmp), "wb") as w:
        w.setnchannels(x.shape[1] if x.ndim == 2 else 1)
        w.setsampwidth(3)
        w.setframerate(rate)
        w.writeframes(raw)
    return p
