"""Brand compliance read back from the decoded frames: the fill of every brand-coloured shape (sampled where the
layer is opaque, away from its edges and from anything drawn over it) within `quality.max_delta_e` CIEDE2000 of
its token, and each logo present where the project places it. From the project itself: colour literals in an
unlocked kit, and fonts that are not the kit's."""
from __future__ import annotations

import numpy as np

from .probe import steady_frames
from .result import FAIL, PASS, WARN, Finding

EDGE_PX = 3              # pixels kept away from a shape's antialiased edge
MIN_SAMPLES = 24         # fewer opaque, uncovered pixels than this: nothing to judge
WORDS = {"text", "prompt", "negative", "id", "title", "subtitle", "label", "value"}   # strings that are not colours


def _lab(rgb):
    from ..diffusion.builtin.colour import rgb_to_lab

    return rgb_to_lab(np.asarray(rgb, np.float32))


def delta_e(a, b) -> float:
    from ..diffusion.builtin.colour import delta_e2000

    return float(delta_e2000(_lab(a), _lab(b)))


def brand_fills(shot):
    """(layer index, field, token) of every shape fill, line colour or text plate given as a kit token."""
    for k, layer in enumerate(shot.layers):
        spec = layer.spec
        for name in ("rect", "ellipse"):
            shape = getattr(spec, name, None)
            if shape is not None and shape.fill:
                yield k, f"{name}.fill", shape.fill
        for name in ("line", "arrow"):
            shape = getattr(spec, name, None)
            if shape is not None:
                yield k, f"{name}.color", shape.color
        box = getattr(spec, "box", None)
        if box is not None and getattr(box, "fill", None):
            yield k, "box.fill", box.fill


def fill_plan(project) -> list[dict]:
    out = []
    for shot in project.shots:
        for k, field, token in brand_fills(shot):
            if token not in project.kit.colors:
                continue          # a literal: the literal check reports it
            for local in steady_frames(project, shot, shot.layers[k], 2):
                out.append(dict(kind="fill", shot=shot, k=k, field=field, token=token, local=local,
                                frame=shot.span.first + local))
    return out


def logo_plan(project) -> list[dict]:
    from overlays.media import LogoLayer

    out = []
    for shot in project.shots:
        for k, layer in enumerate(shot.layers):
            if isinstance(layer.spec, LogoLayer):
                for local in steady_frames(project, shot, layer, 1):
                    out.append(dict(kind="logo", shot=shot, k=k, local=local, frame=shot.span.first + local))
    return out


def fill_findings(project, probe, samples, frames, bars) -> list[Finding]:
    import cv2

    worst: dict = {}
    kernel = np.ones((2 * EDGE_PX + 1, 2 * EDGE_PX + 1), np.uint8)
    for s in samples:
        got = probe.alpha(s["shot"], s["k"], s["local"])
        key = (s["shot"].id, s["k"], s["field"])
        if got is None:
            continue
        x0, y0, a = got
        h, w = a.shape
        solid = cv2.erode((a >= 0.99).astype(np.uint8), kernel) > 0
        solid &= ~probe.covered(s["shot"], s["k"], s["local"], (x0, y0, x0 + w, y0 + h))
        px = frames[s["frame"]][y0:y0 + h, x0:x0 + w][solid]
        if len(px) < MIN_SAMPLES:
            worst.setdefault(key, (None, s, None))
            continue
        seen = np.median(px.astype(np.float32), 0)
        de = delta_e(seen, project.kit.colors[s["token"]][:3])
        if worst.get(key, (None,))[0] is None or de > worst[key][0]:
            worst[key] = (de, s, seen)
    out = []
    for (shot_id, k, field), (de, s, seen) in worst.items():
        layer = f"layers[{k}]"
        t = s["local"] / project.fps
        if de is None:
            if not field.startswith(("line", "arrow")):       # a thin stroke has no inside to sample
                out.append(Finding("brand.fill", WARN, f"{field} `{s['token']}` not sampled: no opaque, "
                                   "uncovered pixels away from its edges", shot_id, layer, t))
            continue
        ok = de <= bars.max_delta_e
        tok = project.kit.colors[s["token"]][:3]
        hexs = "#%02X%02X%02X" % tuple(int(round(v)) for v in seen)
        out.append(Finding("brand.fill", PASS if ok else FAIL,
                           f"{field} `{s['token']}` reads {hexs}, ΔE2000 {de:.1f}" +
                           ("" if ok else f" from the token (over {bars.max_delta_e:g})"), shot_id, layer, t,
                           {"token": s["token"], "expected": "#%02X%02X%02X" % tuple(tok), "read": hexs,
                            "delta_e": round(de, 2), "max": bars.max_delta_e},
                           image=None if ok else _crop(project, probe, s, frames)))
    return out


def match(decoded, with_layer, without) -> float:
    """0..1: how much of the change drawing the layer makes to the frame beneath it shows in the decoded pixels
    (correlation of the two changes times the fraction of it that is there; 0 when the layer changes nothing)."""
    d = (with_layer.astype(np.float32) - without).ravel()
    o = (decoded.astype(np.float32) - without).ravel()
    dd = float(d @ d)
    if dd < 1e-6 or float(o @ o) < 1e-6:
        return 0.0
    r = float(np.corrcoef(d, o)[0, 1]) if d.std() > 0 and o.std() > 0 else 0.0
    frac = float(d @ o) / dd
    return max(0.0, r) * min(1.0, max(0.0, frac))


def presence(probe, shot, k: int, local: int, decoded, ref=None) -> tuple[float, tuple]:
    """(match, box) of layer k of the shot at its local frame against the decoded frame. `ref` = (shot, k,
    local) draws the layer as it is at another moment (a caption cue's plate, tested on a frame outside it)."""
    rs, rk, rl = ref or (shot, k, local)
    p = probe.patch(rs, rk, rl)
    if p is None:
        return 0.0, (0, 0, 0, 0)
    a = p.rgba[..., 3]
    ys, xs = np.nonzero(a > 4)
    if len(xs) == 0:
        return 0.0, (0, 0, 0, 0)
    bx0, by0, bx1, by1 = p.x0 + int(xs.min()), p.y0 + int(ys.min()), p.x0 + int(xs.max()) + 1, p.y0 + int(ys.max()) + 1
    O = probe.beneath(shot, k, local)
    W = O.copy()
    p.composite(W)
    O, W = O[by0:by1, bx0:bx1].astype(np.float32), W[by0:by1, bx0:bx1]
    return match(decoded[by0:by1, bx0:bx1], W, O), (bx0, by0, bx1, by1)


def logo_findings(project, probe, samples, frames, bars) -> list[Finding]:
    out = []
    for s in samples:
        m, box = presence(probe, s["shot"], s["k"], s["local"], frames[s["frame"]])
        ok = m >= bars.min_logo_match
        t = s["local"] / project.fps
        name = s["shot"].layers[s["k"]].spec.logo
        out.append(Finding("brand.logo", PASS if ok else FAIL,
                           f"logo `{name}` " + (f"present (match {m:.2f})" if ok else
                                                f"missing where the project places it (match {m:.2f}, under "
                                                f"{bars.min_logo_match:g})"),
                           s["shot"].id, f"layers[{s['k']}]", t,
                           {"match": round(m, 3), "min": bars.min_logo_match, "box": list(box)},
                           image=None if ok else frames[s["frame"]][box[1]:box[3], box[0]:box[2]].copy()))
    return out


def _crop(project, probe, s, frames):
    got = probe.alpha(s["shot"], s["k"], s["local"])
    x0, y0, a = got
    h, w = a.shape
    return frames[s["frame"]][y0:y0 + h, x0:x0 + w].copy()


# --- from the project ------------------------------------------------------------------------------------------
def _strings(data, path):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _strings(v, path + (k,))
    elif isinstance(data, (list, tuple)):
        for i, v in enumerate(data):
            yield from _strings(v, path + (i,))
    elif isinstance(data, str):
        yield path, data


def literal_findings(project, bars) -> list[Finding]:
    """Colour literals written in the shots of a project whose kit is not locked, with the nearest token."""
    from brand.colors import is_literal, parse_literal

    kit = project.kit
    if kit.strict:
        return [Finding("brand.literals", PASS, f"the kit '{kit.name}' is locked: tokens only")]
    if bars.literal_colors == "allow":
        return []
    status = FAIL if bars.literal_colors == "fail" else WARN
    out = []
    for shot in project.shots:
        data = shot.spec.model_dump(by_alias=True, exclude_unset=True)
        for path, value in _strings(data, ("shots", shot.index)):
            if path[-1] in WORDS or value.strip() == "transparent" or not is_literal(value):
                continue
            rgb = parse_literal(value)[:3]
            near, de = min(((n, delta_e(rgb, c[:3])) for n, c in kit.colors.items()), key=lambda x: x[1],
                           default=(None, 0.0))
            layer = f"layers[{path[3]}]" if len(path) > 3 and path[2] == "layers" else None
            t = shot.layers[path[3]].start if layer and path[3] < len(shot.layers) else 0.0
            where = f"{project.lines.file.name}:{project.lines.line(path)}"
            field = ".".join(str(p) for p in path[2:])
            hint = (f"it is the token `{near}` (ΔE2000 {de:.1f}): write `{near}`" if near and de <= bars.max_delta_e
                    else f"the nearest token is `{near}` (ΔE2000 {de:.1f})" if near else "the kit has no colours")
            out.append(Finding("brand.literals", status, f"{where}: {field}: colour literal {value!r} in the "
                               f"unlocked kit '{kit.name}' — {hint}", shot.id, layer, t,
                               {"literal": value, "line": project.lines.line(path), "nearest": near,
                                "delta_e": round(de, 2)}))
    if not out:
        out.append(Finding("brand.literals", PASS, "no colour literals: every colour is a token"))
    return out


def _chain(font) -> tuple:
    return tuple(font) if isinstance(font, (tuple, list)) else (font,)


def used_fonts(layer):
    """Font files a layer sets text in (text layers, captions, UI text), as (what, path)."""
    from overlays.caption import CaptionOverlay
    from overlays.text import TextOverlay
    from overlays.ui.overlay import UiOverlay

    from .uitext import ui_texts

    ov = layer.overlay
    if isinstance(ov, TextOverlay):
        yield from (("text", f) for f in _chain(ov.block_args["font"]))      # a style's whole fallback chain
    elif isinstance(ov, CaptionOverlay):
        yield from (("captions", f) for f in _chain(ov.font))
    elif isinstance(ov, UiOverlay):
        for text, _, _, _, font in ui_texts(ov, layer.start):
            yield from ((f"ui text {text!r}", f) for f in _chain(font))     # with the theme's `ui.fallback`


def font_findings(project) -> list[Finding]:
    from pathlib import Path

    allowed = {Path(p).resolve() for p in project.kit.fonts.values()}
    out = []
    for shot in project.shots:
        for k, layer in enumerate(shot.layers):
            for what, font in used_fonts(layer):
                if Path(font).resolve() in allowed:
                    continue
                out.append(Finding("brand.fonts", FAIL, f"{what} is set in {Path(font).name}, not one of the "
                                   f"kit's fonts ({', '.join(sorted(project.kit.fonts))})", shot.id,
                                   f"layers[{k}]", layer.start, {"font": Path(font).name}))
            fams = getattr(layer.overlay, "text_fonts", None)
            if fams:
                kit_fams = _kit_families(project.kit)
                for fam in fams:
                    if fam.lower() not in kit_fams:
                        out.append(Finding("brand.fonts", FAIL, f"Lottie text in font {fam!r}, not one of the "
                                           f"kit's ({', '.join(sorted(kit_fams))})", shot.id, f"layers[{k}]",
                                           layer.start, {"font": fam}))
    if not out:
        out.append(Finding("brand.fonts", PASS, "every text is set in the kit's fonts"))
    return out


def _kit_families(kit) -> set[str]:
    from overlays.lottie_brand import _family

    return {_family(p).lower() for p in kit.fonts.values() if p.exists()}
