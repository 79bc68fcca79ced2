"""Frames as PNG/JPEG bytes, encoded the way `compositor preview` writes them (so scale 1 is pixel-identical).

PNG is written with zlib level 1 and the "sub" row filter: lossless like any PNG, and 2–3x faster to encode than
the default adaptive filter on flat UI frames (about as fast on footage) for files about as small — measured on
the example projects' frames."""
from __future__ import annotations

import cv2
import numpy as np

from ..encode import unpremultiply

PNG = [cv2.IMWRITE_PNG_COMPRESSION, 1, cv2.IMWRITE_PNG_FILTER, cv2.IMWRITE_PNG_FILTER_SUB]


def encode(frame: np.ndarray, scale: float = 1.0, fmt: str = "png") -> bytes:
    img = unpremultiply(frame) if frame.shape[2] == 4 else frame
    if scale != 1.0:
        h, w = img.shape[:2]
        img = cv2.resize(img, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    if fmt == "jpeg":
        rgb = img[..., :3] if img.shape[2] == 4 else img
        ok, data = cv2.imencode(".jpg", cv2.cvtColor(np.ascontiguousarray(rgb), cv2.COLOR_RGB2BGR),
                                [cv2.IMWRITE_JPEG_QUALITY, 85])
    else:
        code = cv2.COLOR_RGBA2BGRA if img.shape[2] == 4 else cv2.COLOR_RGB2BGR
        ok, data = cv2.imencode(".png", cv2.cvtColor(img, code), PNG)
    if not ok:
        raise RuntimeError("frame encoding failed")
    return data.tobytes()
