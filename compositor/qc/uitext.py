"""Strings the project knows inside other layers, for the exact-text check: each text component of a `ui.*`
mockup (its own box, moved by the layer's placement and any scroll), and the text layers of a Lottie animation
(the string its document keyframes show at that moment, looked for in the words read from the layer's box)."""
from __future__ import annotations

import numpy as np

from .probe import steady_frames


def ui_texts(overlay, t: float):
    """(string, (x, y, w, h) in overlay pixels, colour, size, font) of every visible text component, badge,
    button label and card title/subtitle at time t."""
    from overlays.ui.controls import Badge, Button
    from overlays.ui.layout import Card, Text

    out = []

    def add(text, r, colour, size, font, clip):
        if text.strip() and (clip is None or (r[0] >= clip[0] - 1 and r[1] >= clip[1] - 1 and
                                              r[0] + r[2] <= clip[2] + 1 and r[1] + r[3] <= clip[3] + 1)):
            out.append((text, r, colour, size, font))

    def visit(n, ox, oy, clip):
        if isinstance(n, Text) and n.block is not None:
            add(n.block.text, (n.rect.x + ox, n.rect.y + oy, n.rect.w, n.rect.h), n.colour, n.size, n.font, clip)
        if isinstance(n, Badge):
            b = n.block
            add(b.text, (n.rect.x + ox, n.rect.y + oy, b.width + 2 * n.px, n.rect.h), b.color, b.size, b.font, clip)
        if isinstance(n, Button) and not n.done_label:       # a done label replaces it after a click
            add(n.label, (n.rect.x + ox, n.rect.y + oy, n.rect.w, n.rect.h), n.theme.text, n.size,
                n.theme.font_medium, clip)
        if isinstance(n, Card):
            y = n.rect.y + n.padding
            for b in n.heads:
                add(b.text, (n.rect.x + n.padding + ox, y + oy, n.rect.w - 2 * n.padding, b.height), b.color,
                    b.size, b.font, clip)
                y += b.height
        if getattr(n, "isolates", False):
            clip = (n.rect.x + ox, n.rect.y + oy, n.rect.x + ox + n.rect.w, n.rect.y + oy + n.rect.h)
            dx, dy = n.content_offset(t)
            ox, oy = ox + dx, oy + dy
        for c in n.children():
            visit(c, ox, oy, clip)
    visit(overlay.root, 0.0, 0.0, None)
    return out


def _box(matrix, rect):
    x, y, w, h = rect
    pts = np.array([[x, y, 1], [x + w, y, 1], [x, y + h, 1], [x + w, y + h, 1]], np.float64) @ np.asarray(matrix).T
    pts = pts[:, :2] / pts[:, 2:3]
    (x0, y0), (x1, y1) = pts.min(0), pts.max(0)
    return x0, y0, x1, y1


def lottie_strings(overlay, t: float) -> list[str]:
    """The strings the Lottie's text layers show at shot time t (their document keyframe at that frame)."""
    f = overlay.lottie_frame(t)
    out = []
    for ip, op, keys in getattr(overlay, "texts", ()):
        if not ip <= f < op:
            continue
        shown = None
        for kt, s in keys:
            if kt <= f:
                shown = s
        if shown and shown.strip():
            out.append(shown)
    return out


def plan(project, tracks=None) -> list[dict]:
    """Samples in the shape of text.plan's, one per string, read once in the middle of the layer's lifetime
    (`tracks(shot)`: the shot's prepared tracks, for pinned and followed layers)."""
    from overlays.lottie import LottieOverlay
    from overlays.ui.overlay import UiOverlay

    out = []
    for shot in project.shots:
        for k, layer in enumerate(shot.layers):
            ov = layer.overlay
            if not isinstance(ov, (UiOverlay, LottieOverlay)):
                continue
            riding = layer.spec.pin or layer.spec.follow_spec
            for local in steady_frames(project, shot, layer, 1):
                t = local / project.fps
                st = layer.state(t, local, tracks(shot) if riding and tracks else None)
                if not st.visible or st.matrix is None or st.opacity < 0.5:
                    continue
                scale = float(np.sqrt(abs(np.linalg.det(np.asarray(st.matrix)[:2, :2]))))
                base = dict(frame=shot.span.first + local, t=t, shot=shot.id, layer=f"layers[{k}]",
                            exact_only=True, opacity=st.opacity, boxed=True, pad=2)   # neighbours stay out
                if isinstance(ov, UiOverlay):
                    for j, (text, rect, colour, size, _) in enumerate(ui_texts(ov, t)):
                        at = np.asarray(st.matrix) @ np.array([[1, 0, rect[0]], [0, 1, rect[1]], [0, 0, 1.0]])
                        out.append(dict(base, item=f"text {j}", text=text, box=_box(st.matrix, rect),
                                        color=tuple(colour[:3]), px=size * scale,
                                        warp=(at, rect[2:]) if riding else None))
                else:
                    w, h = layer.natural
                    for j, text in enumerate(lottie_strings(ov, t)):
                        out.append(dict(base, item=f"lottie text {j}", text=text, contains=True,
                                        box=_box(st.matrix, (0, 0, w, h)), color=(0, 0, 0), px=0.0,
                                        warp=(np.asarray(st.matrix), (w, h)) if riding else None))
    return out
