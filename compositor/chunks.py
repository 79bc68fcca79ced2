"""Frame-range chunks: split a render into segments that encode independently and join without re-encoding.

Every frame is a pure function of (project, frame index), so any range of frames can be drawn by any process.
Each range is encoded to its own segment (same codec settings, starting on a keyframe) and the segments are
joined by copying packets with shifted timestamps: no re-encode, no frame duplicated or dropped at a join.

The boundaries depend on the frame count only, never on how many workers run: a lossy encoder's output for a
frame depends on the frames before it in the same segment, so the same boundaries are what makes a render on
one worker, on sixteen, or on a Ray cluster decode to exactly the same frames.
"""
from __future__ import annotations

import math
import os
import shutil
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Optional, Sequence

from .encode import fps_fraction, publish

#: shortest segment: about two seconds at 30 fps, the keyframe spacing streaming services use anyway
MIN_SEGMENT_FRAMES = 60
#: enough segments for a busy pool of up to ~16 workers; longer renders get longer segments
MAX_SEGMENTS = 32
#: how many segments a render is cut into: counts that 2, 3, 4 and 6 workers share out evenly (5 segments on
#: 2 workers would leave one worker idle for a whole segment: 1.67x at best where 2x was possible)
SEGMENT_COUNTS = (1, 2, 4, 6, 8, 12, 16, 24, 32)
#: x264 threads per segment encoder, fixed so that machines with different core counts encode identically
SEGMENT_ENCODER_THREADS = 4


def segment_length(n_frames: int, min_frames: int = MIN_SEGMENT_FRAMES, max_segments: int = MAX_SEGMENTS) -> int:
    """Frames per segment for a render of `n_frames` (a function of the frame count only): the most segments
    of SEGMENT_COUNTS that keeps each at least `min_frames` long, at most `max_segments`, all of equal length."""
    fits = [k for k in SEGMENT_COUNTS if k <= max_segments and k * min_frames <= n_frames]
    return max(1, math.ceil(n_frames / (max(fits) if fits else 1)))


def plan_frame_ranges(n_frames: int, workers: int = 1, segment: Optional[int] = None) -> list[range]:
    """Contiguous, ordered frame ranges covering 0..n_frames-1.

    `workers` is how many will run at once; it bounds nothing about the boundaries on purpose (see the module
    docstring) and only has to be >= 1. `segment` overrides the segment length (tests, very short renders).
    """
    if workers < 1:
        raise ValueError("workers must be >= 1")
    if n_frames <= 0:
        return []
    size = segment if segment else segment_length(n_frames)
    return [range(a, min(n_frames, a + size)) for a in range(0, n_frames, size)]


def resolve_workers(workers: int) -> int:
    """0 means every core this process may use."""
    if workers and workers > 0:
        return workers
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# --- joining -----------------------------------------------------------------------------------------------
def join_segments(segments: Sequence[Path], counts: Sequence[int], out: Path, fmt: str, fps: float) -> Path:
    """Join encoded segments (in order; segment k holds counts[k] frames) into `out`, atomically."""
    out = Path(out)
    if fmt == "png":
        return _join_png(segments, out)
    return _join_video(segments, counts, out, fmt, fps)


def _join_video(segments, counts, out: Path, fmt: str, fps: float) -> Path:
    import av

    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}.", suffix=f".joining.{fmt}", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp)
    rate = fps_fraction(fps)
    options = {"movflags": "+faststart"} if fmt == "mp4" else {}
    try:
        with av.open(str(tmp), mode="w", format={"mp4": "mp4", "mov": "mov", "webm": "webm"}[fmt],
                     options=options) as dst:
            ostream = None
            offset_frames = 0
            for seg, count in zip(segments, counts):
                with av.open(str(seg)) as src:
                    istream = src.streams.video[0]
                    if ostream is None:
                        ostream = dst.add_stream_from_template(istream)
                        for key, value in istream.metadata.items():   # e.g. webm alpha_mode
                            ostream.metadata[key] = value
                    tb = istream.time_base

                    def retime(ts: int) -> int:
                        # timestamp -> frame number in the segment -> the same frame of the whole video; exact
                        # for mp4/mov time bases, nearest for webm's milliseconds (as the muxer rounds)
                        frame = round(Fraction(ts) * tb * rate) + offset_frames
                        return round(Fraction(frame) / rate / tb)

                    seen = 0
                    for packet in src.demux(istream):
                        if packet.dts is None and packet.pts is None:
                            continue  # the demuxer's end-of-stream marker
                        if packet.pts is not None:
                            packet.pts = retime(packet.pts)
                        if packet.dts is not None:
                            packet.dts = retime(packet.dts)
                        packet.stream = ostream
                        dst.mux(packet)
                        seen += 1
                    if seen != count:
                        raise ValueError(f"segment {seg.name} holds {seen} frames, expected {count}")
                offset_frames += count
        publish(tmp, out)        # a temp file is private; the output gets the usual permissions
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


def _join_png(segments, out: Path) -> Path:
    """PNG folders: renumber the frames into one folder and swap it in whole."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".joining", dir=out.parent))
    try:
        n = 0
        for seg in segments:
            for f in sorted(Path(seg).glob("frame_*.png")):
                os.replace(f, tmp / f"frame_{n:06d}.png")
                n += 1
        publish(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
