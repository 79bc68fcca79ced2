"""Stills: one PNG frame (preview) and the contact sheet, both written atomically."""
from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from .encode import atomic_write_bytes, unpremultiply


def write_png(path: Path, frame: np.ndarray) -> Path:
    path = Path(path)
    img = unpremultiply(frame) if frame.shape[2] == 4 else frame
    code = cv2.COLOR_RGBA2BGRA if img.shape[2] == 4 else cv2.COLOR_RGB2BGR
    ok, data = cv2.imencode(".png", cv2.cvtColor(img, code))
    if not ok:
        raise RuntimeError("PNG encoding failed")
    atomic_write_bytes(path, data.tobytes())
    return path


def sheet_times(project, per: str) -> list[tuple[str, float]]:
    """(label, seconds) of each tile: every whole second, or the middle of every shot."""
    tl = project.timeline
    out = []
    if per == "shot":
        for shot in project.shots:
            mid = (shot.span.first + shot.span.n_frames // 2) / tl.fps
            out.append((shot.id, mid))
    else:
        t = 0.0
        while t < tl.duration - 1e-9:
            frame = tl.frame_of(t)
            shot = project.shots[tl.at(frame)[-1][0].index]
            out.append((shot.id, t))
            t += 1.0
    return out


def contact_sheet(project, output: Path, per: str = "second", columns: int = 4, tile_width: int = 400) -> Path:
    from brand.kit import default_kit
    from overlays.textblock import TextBlock
    import skia

    from .render import FrameRenderer

    W, H = project.size
    tw = tile_width
    th = int(round(tw * H / W))
    label_h = 34
    items = sheet_times(project, per)
    rows = (len(items) + columns - 1) // columns
    pad = 12
    sheet = np.full((pad + rows * (th + label_h + pad), pad + columns * (tw + pad), 3), 24, np.uint8)
    font = default_kit().fonts["body"]
    renderer = FrameRenderer(project)
    try:
        for n, (shot_id, t) in enumerate(items):
            frame = renderer.frame(project.timeline.frame_of(t))
            if frame.shape[2] == 4:
                frame = frame[..., :3]
            tile = cv2.resize(frame, (tw, th), interpolation=cv2.INTER_AREA)
            r, c = divmod(n, columns)
            x, y = pad + c * (tw + pad), pad + r * (th + label_h + pad)
            sheet[y:y + th, x:x + tw] = tile
            label = f"{shot_id}  ·  {int(t // 60):02d}:{t % 60:04.1f}"
            block = TextBlock(label, font, 20, (235, 235, 235, 255), width=tw)
            surface = skia.Surface(tw, label_h)
            canvas = surface.getCanvas()
            canvas.clear(skia.Color(24, 24, 24))
            block.paint(canvas, 0, 6)
            lab = surface.makeImageSnapshot().toarray(colorType=skia.kRGBA_8888_ColorType)[..., :3]
            sheet[y + th:y + th + label_h, x:x + tw] = lab
    finally:
        renderer.close()
    return write_png(output, sheet)
