"""Put the mix beside the rendered picture: the video stream is copied packet for packet (never re-encoded),
the audio is encoded to what the container is expected to carry — AAC in MP4, Opus in WebM/MKV, 24-bit PCM in
MOV — and the result replaces the target atomically (an interrupted mux leaves the old file untouched).

The audio is padded or trimmed to the video stream's exact duration, so the tracks end together.
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
from compositor.atomic import atomic_file

AUDIO_CODECS = {
    "mp4": ("aac", "fltp", {"b": "192k"}),
    "m4v": ("aac", "fltp", {"b": "192k"}),
    "mov": ("pcm_s24le", "s32", {}),
    "webm": ("libopus", "flt", {"b": "160k"}),
    "mkv": ("libopus", "flt", {"b": "160k"}),
}
_CONTAINER = {"mp4": "mp4", "m4v": "mp4", "mov": "mov", "webm": "webm", "mkv": "matroska"}
#: headroom the mix keeps under the true-peak ceiling for each codec: decoding a lossy encode overshoots
#: (AAC ~0.2-0.4 dB, Opus ~0.3-0.6 dB measured), PCM is exact
CODEC_MARGIN_DB = {"aac": 0.5, "libopus": 0.8, "pcm_s24le": 0.0}
CHUNK = 4800      # samples handed to the encoder at a time (0.1 s at 48 kHz)


def audio_codec_for(path: Path) -> str:
    return AUDIO_CODECS[_ext(path)][0]


def codec_margin_db(path: Path) -> float:
    """How far under the ceiling to limit a mix that will be muxed into `path` (0 for a WAV or PCM)."""
    ext = Path(path).suffix.lower().lstrip(".")
    return CODEC_MARGIN_DB[AUDIO_CODECS[ext][0]] if ext in AUDIO_CODECS else 0.0


def _ext(path: Path) -> str:
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in AUDIO_CODECS:
        raise ValueError(f"cannot add audio to a '.{ext}' file — use .mp4, .mov, .webm or .mkv "
                         "(a PNG sequence gets a .wav beside it: compositor.audio.write_wav)")
    return ext


def video_duration(path: Path) -> tuple[float, int]:
    """(seconds, frames) of the first video stream, from its packets (exact, no decoding)."""
    import av

    with av.open(str(path)) as c:
        s = c.streams.video[0]
        first, last_end, count = None, None, 0
        for p in c.demux(s):
            if p.pts is None or p.size == 0:
                continue
            count += 1
            first = p.pts if first is None else min(first, p.pts)
            end = p.pts + (p.duration or 0)
            last_end = end if last_end is None else max(last_end, end)
        if count == 0:
            return 0.0, 0
        return float((last_end - first) * s.time_base), count


def fit_length(samples: np.ndarray, n: int) -> np.ndarray:
    """Pad with silence or trim to exactly n samples."""
    if len(samples) >= n:
        return samples[:n]
    return np.concatenate([samples, np.zeros((n - len(samples), samples.shape[1]), samples.dtype)])


def mux_audio(video_in: Path, samples: np.ndarray, sample_rate: int, out: Path) -> Path:
    """Write `out` = `video_in`'s video stream (copied) + `samples` (float32 (n, 2)) as the audio track.
    `out` may be the same path as `video_in`."""
    import av

    video_in, out = Path(video_in), Path(out)
    ext = _ext(out)
    codec, fmt, options = AUDIO_CODECS[ext]
    dur, _ = video_duration(video_in)
    audio = fit_length(np.asarray(samples, np.float32), int(round(dur * sample_rate)))
    audio = np.clip(audio, -1.0, 1.0)
    with atomic_file(out, f".{ext}") as tmp:
        with av.open(str(video_in)) as src, \
                av.open(str(tmp), mode="w", format=_CONTAINER[ext],
                        options={"movflags": "+faststart"} if ext in ("mp4", "m4v", "mov") else {}) as dst:
            vin = src.streams.video[0]
            vout = dst.add_stream_from_template(vin)
            aout = dst.add_stream(codec, rate=sample_rate, options=options)
            aout.layout = "stereo"
            aout.format = fmt
            aout.time_base = Fraction(1, sample_rate)
            encoder = _AudioFeed(aout, audio, sample_rate, fmt)
            for packet in src.demux(vin):
                if packet.dts is None:
                    continue
                t = float(packet.dts * vin.time_base) if packet.dts is not None else 0.0
                encoder.until(t + 0.5, dst)        # keep audio a little ahead so the muxer can interleave
                packet.stream = vout
                dst.mux(packet)
            encoder.until(float("inf"), dst)
            encoder.flush(dst)
    return out


class _AudioFeed:
    """Encodes the audio in chunks on demand, so audio and video packets reach the muxer interleaved."""

    def __init__(self, stream, audio: np.ndarray, rate: int, fmt: str):
        self.stream, self.audio, self.rate, self.fmt = stream, audio, rate, fmt
        self.pos = 0

    def _frame(self, chunk: np.ndarray):
        import av

        if self.fmt == "fltp":
            arr = np.ascontiguousarray(chunk.T)
        elif self.fmt == "s32":
            ints = np.round(np.clip(chunk, -1.0, 1.0 - 2 ** -23) * 2 ** 23).astype(np.int64) << 8
            arr = np.ascontiguousarray(ints.astype(np.int32).reshape(1, -1))
        else:
            arr = np.ascontiguousarray(chunk.reshape(1, -1))
        frame = av.AudioFrame.from_ndarray(arr, format=self.fmt, layout="stereo")
        frame.sample_rate = self.rate
        frame.pts = self.pos
        frame.time_base = Fraction(1, self.rate)
        return frame

    def until(self, seconds: float, dst) -> None:
        stop = min(len(self.audio), int(seconds * self.rate) if seconds != float("inf") else len(self.audio))
        while self.pos < stop:
            n = min(CHUNK, len(self.audio) - self.pos)
            for packet in self.stream.encode(self._frame(self.audio[self.pos:self.pos + n])):
                dst.mux(packet)
            self.pos += n

    def flush(self, dst) -> None:
        for packet in self.stream.encode(None):
            dst.mux(packet)
