"""Text layers read back from the decoded frames: OCR (tesseract) compared with the project's string, WCAG
contrast of the text colour against the pixels around it, size at the output resolution, the kit's safe area.

A text layer is sampled at three times inside its lifetime, after its enter and before its exit animations."""
from __future__ import annotations

import difflib

import numpy as np

from .result import FAIL, PASS, WARN, Finding
from .scripts import matches, missing_languages, missing_message, normalise, ocr_languages, visible

LARGE_TEXT_PX = 24.0      # WCAG "large text" (18 pt) needs 3:1, other text 4.5:1


def text_layers(project):
    """(shot, index, placed layer) for every plain text layer."""
    from overlays.text import TextOverlay

    for shot in project.shots:
        for k, layer in enumerate(shot.layers):
            if isinstance(layer.overlay, TextOverlay):
                yield shot, k, layer


def sample_times(layer) -> list[float]:
    a = layer.start + (layer.enter[1] if layer.enter else 0.0)
    b = layer.end - (layer.exit[1] if layer.exit else 0.0)
    if b <= a:
        a = b = (layer.start + layer.end) / 2
    return [a + (b - a) * f for f in (0.2, 0.5, 0.8)]


def plan(project, tracks=None) -> list[dict]:
    """What to sample: global frame, the layer's box in output pixels, its colour and text. `tracks(shot)` gives
    a shot's prepared tracks, so a pinned or followed layer's box is where it is drawn."""
    out = []
    for shot, k, layer in text_layers(project):
        for t in sample_times(layer):
            local = min(shot.span.n_frames - 1, int(t * project.fps + 1e-6))
            riding = layer.spec.pin or layer.spec.follow_spec
            st = layer.state(local / project.fps, local, tracks(shot) if riding and tracks else None)
            if not st.visible or st.matrix is None:
                continue
            w, h = layer.natural
            pts = np.array([[0, 0, 1], [w, 0, 1], [0, h, 1], [w, h, 1]], np.float64) @ np.asarray(st.matrix).T
            pts = pts[:, :2] / pts[:, 2:3]
            x0, y0 = pts.min(0)
            x1, y1 = pts.max(0)
            block = layer.overlay.block_args
            scale = float(np.sqrt(abs(np.linalg.det(np.asarray(st.matrix)[:2, :2]))))
            out.append(dict(frame=shot.span.first + local, t=local / project.fps, shot=shot.id,
                            layer=f"layers[{k}]", box=(x0, y0, x1, y1), text=block["text"],
                            color=tuple(block["color"][:3]), px=float(block["size"]) * scale,
                            boxed=layer.overlay.box is not None, opacity=st.opacity,
                            warp=(np.asarray(st.matrix), (w, h)) if riding else None))
    return out


def rectified(frame, matrix, natural, pad: int = 6):
    """The layer's own w x h rectangle (plus `pad`) cut out of the frame through the inverse of its placement:
    a pinned text is read upright and unstretched, as it was set."""
    import cv2

    w, h = natural
    shift = np.array([[1, 0, pad], [0, 1, pad], [0, 0, 1]], np.float64)
    inv = shift @ np.linalg.inv(matrix)
    return cv2.warpPerspective(frame, inv, (int(np.ceil(w)) + 2 * pad, int(np.ceil(h)) + 2 * pad),
                               flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)


def _lum(rgb) -> float:
    c = np.asarray(rgb, np.float64) / 255.0
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return float(0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2])


def contrast(a, b) -> float:
    la, lb = sorted((_lum(a), _lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _crop(frame, box, pad=6):
    H, W = frame.shape[:2]
    x0, y0, x1, y1 = box
    x0, y0 = max(0, int(x0) - pad), max(0, int(y0) - pad)
    x1, y1 = min(W, int(np.ceil(x1)) + pad), min(H, int(np.ceil(y1)) + pad)
    return frame[y0:y1, x0:x1]


def behind(crop, color) -> tuple:
    """The colour behind the text: the median of the crop's pixels that are clearly not the text colour."""
    px = crop.reshape(-1, 3).astype(np.int16)
    far = np.abs(px - np.asarray(color, np.int16)).max(1) > 48
    return tuple(np.median(px[far], 0)) if far.any() else tuple(color)


def ocr(crop, height: int = 80, psm: int = 6, lang: str = "eng") -> str:
    """Tesseract on the crop scaled so it is at least `height` px tall (dark text on light), or, for a negative
    `height`, at most that many px; page segmentation `psm` 6 (a block of text) or 7 (one line); `lang` the
    languages of the text's scripts (scripts.ocr_languages)."""
    import cv2
    import pytesseract

    g = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    if g.shape[0] < height or g.shape[0] > -height > 0:
        f = abs(height) / max(1, g.shape[0])
        g = cv2.resize(g, None, fx=f, fy=f, interpolation=cv2.INTER_CUBIC if f > 1 else cv2.INTER_AREA)
    if g.mean() < 128:       # tesseract reads dark text on light
        g = 255 - g
    return pytesseract.image_to_string(g, lang=lang, config=f"--psm {psm}")


# A miss is read again before it fails: twice as tall (small glyphs, a stray mark at the crop's edge), for a
# one-line string as a single line (no fragment of a neighbour taken for a second line), and a tall one-line
# crop at most 50 px tall (the Arabic model misreads large joined letters it reads right at a smaller size).
RETRIES = ((160, 6), (120, 7), (-50, 7))


def keyed(crop, color, reach: float = 110.0):
    """The crop as dark text on white by closeness to the text's own colour: over busy footage (stripes, a
    patterned bed) OCR reads the background's edges as letters; the frame's own pixels still decide what it
    says (a wrong, missing or clipped letter reads wrong here too)."""
    far = np.abs(crop.astype(np.float32) - np.asarray(color, np.float32)[:3]).max(-1)
    return np.repeat((np.clip(far / reach, 0.0, 1.0) * 255).astype(np.uint8)[..., None], 3, axis=-1)


def read_text(crop, want: str, contains: bool = False, lang: str = "eng", color=None) -> str:
    """What the crop says: read once, and again larger when the first read misses `want`, and, with the text's
    colour known, keyed by that colour; the read that matches wins, else the first."""
    first = ocr(crop, lang=lang)
    if matches(want, first, contains):
        return first
    for h, psm in RETRIES:
        if psm == 7 and "\n" in want.strip():
            continue
        if (psm == 6 and crop.shape[0] * 1.5 > h) or -h > crop.shape[0] * 0.8:
            continue            # about that tall already: reading it again at the same scale tells nothing new
        again = ocr(crop, h, psm, lang)
        if matches(want, again, contains):
            return again
    if color is not None:
        clean = keyed(crop, color)
        for h, psm in ((80, 6), (160, 6), (120, 7)):
            if psm == 7 and "\n" in want.strip():
                continue
            again = ocr(clean, h, psm, lang)
            if matches(want, again, contains):
                return again
    return first


def language_problem(text: str) -> tuple[str, str | None]:
    """(the OCR languages of `text`, why it cannot be read here or None). Raises OSError without tesseract."""
    lang, unknown = ocr_languages(text)
    if unknown:
        return lang, f"not read back: no OCR language is known for {', '.join(s.title() for s in unknown)} script"
    missing = missing_languages(lang)
    return lang, missing_message(missing) if missing else None


def _read(crop, sample: dict, out: list, shot, layer, item):
    """The OCR of one sample in the languages of its scripts; None (with a warning in `out`) when it cannot be
    read here: tesseract or a language's data is missing — said plainly, never a silent failure of the text."""
    what = f"{item}: " if item else ""
    try:
        lang, problem = language_problem(sample["text"])
        if problem is None:
            return (read_text(crop, sample["text"], bool(sample.get("contains")), lang, sample.get("color"))
                    if crop.size else "")
    except OSError as exc:      # pytesseract's TesseractNotFoundError is an OSError
        lang, problem = "eng", f"not read back: {exc} (install tesseract-ocr)"
    out.append(Finding("text.exact", WARN, f"{what}{problem}", shot, layer, sample["t"],
                       {"expected": sample["text"], "ocr_language": lang, **({"item": item} if item else {})}))
    return None


def findings(project, samples: list[dict], frames: dict, bars=None) -> list[Finding]:
    """Samples from `plan` (and uitext.plan: `exact_only`, `contains` for strings looked for in a larger box)."""
    from .gates import bars_of

    bars = bars or bars_of(project)
    min_px = bars.min_text_px
    size_fails = "min_text_px" in bars.model_fields_set
    out = []
    by_layer: dict[tuple, list] = {}
    for s in samples:
        by_layer.setdefault((s["shot"], s["layer"], s.get("item")), []).append(s)
    W, H = project.size
    m = project.kit.safe_area
    safe = (m * W, m * H, (1 - m) * W, (1 - m) * H)
    for (shot, layer, item), ss in by_layer.items():
        mid = ss[len(ss) // 2]
        crop = _crop(frames[mid["frame"]], mid["box"], mid.get("pad", 6))
        if mid.get("warp") is not None:
            crop = rectified(frames[mid["frame"]], *mid["warp"], mid.get("pad", 6))
        read = _read(crop, mid, out, shot, layer, item)
        want, got = normalise(mid["text"]), normalise(read or "")
        ratio = difflib.SequenceMatcher(None, want, got).ratio()
        same = matches(mid["text"], read or "", bool(mid.get("contains")))
        st = PASS if same else FAIL      # one wrong letter is the fault this check exists for
        if read is not None:
            what = f"{item}: " if item else ""
            shown = " ".join(visible(read).split()) if mid.get("contains") else visible(read).strip()
            out.append(Finding("text.exact", st, f"{what}read {shown!r}" + ("" if st == PASS else
                               f", the project says {mid['text']!r}"), shot, layer, mid["t"],
                               {"expected": mid["text"], "read": shown, "similarity": round(ratio, 3),
                                "ocr_language": ocr_languages(mid["text"])[0], **({"item": item} if item else {})},
                               image=crop if st != PASS else None))
        if mid.get("exact_only"):
            continue
        ratios = [(contrast(s["color"], behind(_crop(frames[s["frame"]], s["box"]), s["color"])), s) for s in ss]
        low, at = min(ratios, key=lambda r: r[0])
        need = bars.min_contrast or (3.0 if mid["px"] >= LARGE_TEXT_PX else 4.5)
        who = "quality.min_contrast" if bars.min_contrast else "WCAG AA"
        out.append(Finding("text.contrast", PASS if low >= need else FAIL,
                           f"contrast {low:.2f}:1" + ("" if low >= need else f" at {at['t']:.2f}s, {who} needs "
                                                      f"{need:g}:1 for {mid['px']:.0f}px text"),
                           shot, layer, at["t"], {"min_ratio": round(low, 2), "required": need},
                           image=_crop(frames[at["frame"]], at["box"]) if low < need else None))
        out.append(Finding("text.size", PASS if mid["px"] >= min_px else FAIL if size_fails else WARN,
                           f"{mid['px']:.0f}px" + ("" if mid["px"] >= min_px else
                                                    f", under {min_px:g}px at the output size"),
                           shot, layer, mid["t"], {"px": round(mid["px"], 1), "min": min_px}))
        outside = [s for s in ss if s["box"][0] < safe[0] - 0.5 or s["box"][1] < safe[1] - 0.5
                   or s["box"][2] > safe[2] + 0.5 or s["box"][3] > safe[3] + 0.5]
        out.append(Finding("text.safe_area", FAIL if outside else PASS,
                           "inside the safe area" if not outside else
                           f"outside the kit's safe area ({m:.0%} margin) at {outside[0]['t']:.2f}s",
                           shot, layer, (outside[0] if outside else mid)["t"],
                           {"box": [round(float(v), 1) for v in (outside[0] if outside else mid)["box"]],
                            "safe": [round(v, 1) for v in safe]}))
    return out
