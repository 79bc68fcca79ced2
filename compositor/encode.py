"""Encoders: one small writer per output format, all written atomically.

A writer receives frames one at a time (frames stream; nothing holds the video) and only on a clean `close()`
moves its temporary file onto the target path. An exception or Ctrl-C inside `with open_writer(...)` removes the
temporary file and leaves whatever was at the target untouched.

Formats: mp4 (H.264 yuv420p, +faststart), mov (ProRes 4444 with alpha), webm (VP9 with alpha), png (a folder
with one PNG per frame). Frame i gets pts i in a 1/fps time base, so the file holds exactly the frames written.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from fractions import Fraction
from pathlib import Path
from typing import Optional

import numpy as np

from .atomic import atomic_write_bytes, publish  # noqa: F401  (the writers publish; callers import both here)

FORMATS = ("mp4", "mov", "webm", "png")
#: x264 settings that keep an encode a pure function of its input frames (see VideoWriter)
X264_DETERMINISTIC = "mbtree=0"


def format_for(path: Path, fmt: Optional[str] = None) -> str:
    """The output format: explicit, else from the extension (a path with no extension is a PNG folder)."""
    if fmt:
        return fmt
    ext = Path(path).suffix.lower().lstrip(".")
    if ext in ("mp4", "m4v"):
        return "mp4"
    if ext in FORMATS:
        return ext
    if ext == "":
        return "png"
    raise ValueError(f"unknown output extension '.{ext}'")


def fps_fraction(fps: float) -> Fraction:
    """A frame rate as the exact fraction encoders and timelines use (29.97 -> 30000/1001)."""
    return Fraction(fps).limit_denominator(1001)


class _Atomic:
    """`with writer:` finishes (close) on success and removes the partial output (abort) on any exception."""

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            self.close()
        else:
            self.abort()
        return False


class VideoWriter(_Atomic):
    """PyAV writer for mp4/mov/webm; `write()` takes RGB (H,W,3), premultiplied RGBA (H,W,4) uint8 or 4:2:0
    planes."""

    def __init__(self, path: Path, size: tuple[int, int], fps: float, fmt: str, crf: int = 18,
                 preset: str = "medium", alpha: bool = False):
        import av

        self.path = Path(path)
        self.fmt = fmt
        self.size = size
        self.alpha = alpha and fmt in ("mov", "webm")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.stem}.", suffix=f".partial.{fmt}", dir=self.path.parent)
        os.close(fd)
        self.tmp = Path(tmp)
        w, h = size
        options = {}
        container_options = {}
        if fmt == "mp4":
            codec, pix = "libx264", "yuv420p"
            # mbtree off: this libx264's macroblock-tree pass (with B-frames) gives different bits for the same
            # frames from one encode to the next, even on one thread, so segments and repeat renders would not
            # match. Without it the output is a pure function of the frames (the cost: a little quality per bit).
            options = {"crf": str(crf), "preset": preset, "x264-params": X264_DETERMINISTIC}
            container_options = {"movflags": "+faststart"}
            if w % 2 or h % 2:
                raise ValueError("H.264 needs an even width and height")
        elif fmt == "mov":
            codec = "prores_ks"
            pix = "yuva444p10le" if self.alpha else "yuv422p10le"
            options = {"profile": "4" if self.alpha else "3", "vendor": "apl0"}
        elif fmt == "webm":
            codec = "libvpx-vp9"
            pix = "yuva420p" if self.alpha else "yuv420p"
            options = {"crf": str(min(63, max(0, crf + 13))), "b": "0", "deadline": "good",
                       "cpu-used": "4", "row-mt": "1"}
        else:
            raise ValueError(f"not a video format: {fmt}")
        self.container = av.open(str(self.tmp), mode="w", format={"mp4": "mp4", "mov": "mov", "webm": "webm"}[fmt],
                                 options=container_options)
        rate = fps_fraction(fps)
        self.stream = self.container.add_stream(codec, rate=rate, options=options)
        self.stream.width, self.stream.height = w, h
        self.stream.pix_fmt = pix
        self.stream.time_base = 1 / rate
        self.stream.codec_context.time_base = 1 / rate
        if fmt == "webm" and self.alpha:
            self.stream.metadata["alpha_mode"] = "1"
        self.count = 0
        self._closed = False

    def write(self, frame) -> None:
        """RGB (H, W, 3), premultiplied RGBA (H, W, 4), or a Yuv420 frame (compositor.yuv420), which a 4:2:0
        codec takes as it is."""
        import av

        if not isinstance(frame, np.ndarray):
            # the planes wrapped, not copied: x264 copies the picture in during encode()
            data = frame.data
            vf = (av.VideoFrame.from_numpy_buffer(data, format="yuv420p") if data.flags.c_contiguous
                  else av.VideoFrame.from_ndarray(data, format="yuv420p"))
        elif frame.shape[2] == 4:
            if self.alpha:
                frame = unpremultiply(frame)
                vf = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame), format="rgba")
            else:
                vf = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame[..., :3]), format="rgb24")
        else:
            vf = av.VideoFrame.from_ndarray(np.ascontiguousarray(frame), format="rgb24")
        vf.pts = self.count
        self.count += 1
        for packet in self.stream.encode(vf):
            self.container.mux(packet)

    def close(self) -> Path:
        """Flush, close and move the finished file into place."""
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()
        self._closed = True
        publish(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        if not self._closed:
            try:
                self.container.close()
            except Exception:
                pass
            self._closed = True
        self.tmp.unlink(missing_ok=True)



class PngSequenceWriter(_Atomic):
    """A folder of frame_000000.png …; the folder is swapped in whole on close."""

    def __init__(self, path: Path, size: tuple[int, int], fps: float, alpha: bool = False, **_):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.path.name}.", suffix=".partial", dir=self.path.parent))
        self.alpha = alpha
        self.count = 0

    def write(self, frame: np.ndarray) -> None:
        import cv2

        if frame.shape[2] == 4:
            out = unpremultiply(frame) if self.alpha else frame[..., :3]
        else:
            out = frame
        code = cv2.COLOR_RGBA2BGRA if out.shape[2] == 4 else cv2.COLOR_RGB2BGR
        cv2.imwrite(str(self.tmp / f"frame_{self.count:06d}.png"), cv2.cvtColor(out, code),
                    [cv2.IMWRITE_PNG_COMPRESSION, 1])
        self.count += 1

    def close(self) -> Path:
        publish(self.tmp, self.path)
        return self.path

    def abort(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def unpremultiply(rgba: np.ndarray) -> np.ndarray:
    """Premultiplied RGBA -> straight RGBA (what codecs and PNG store)."""
    a = rgba[..., 3:4].astype(np.uint16)
    rgb = rgba[..., :3].astype(np.uint16)
    with np.errstate(divide="ignore", invalid="ignore"):
        straight = np.where(a > 0, (rgb * 255 + a // 2) // np.maximum(a, 1), 0)
    out = np.empty_like(rgba)
    out[..., :3] = np.clip(straight, 0, 255).astype(np.uint8)
    out[..., 3] = rgba[..., 3]
    return out


def open_writer(path, size, fps, fmt: Optional[str] = None, crf: int = 18, preset: str = "medium",
                alpha: bool = False):
    """A writer for `path`; the format is `fmt` or the path's extension."""
    fmt = format_for(Path(path), fmt)
    if fmt == "png":
        return PngSequenceWriter(Path(path), size, fps, alpha=alpha)
    return VideoWriter(Path(path), tuple(size), fps, fmt, crf=crf, preset=preset, alpha=alpha)
