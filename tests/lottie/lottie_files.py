"""Tiny Lottie files built for the fix tests: one solid square layer, and the few keys each test is about."""
from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import numpy as np
from PIL import Image


def _static(v):
    return {"a": 0, "k": v}


def _transform():
    return {"o": _static(100), "r": _static(0), "p": _static([20, 20, 0]), "a": _static([0, 0, 0]),
            "s": _static([100, 100, 100])}


def square_layer(colour, masks=None, **extra) -> dict:
    """A shape layer filling the whole 40x40 comp with `colour` (a fill `c` property)."""
    layer = {"ddd": 0, "ind": 1, "ty": 4, "nm": "square", "ks": _transform(), "ip": 0, "op": 1000, "st": 0,
             "shapes": [{"ty": "rc", "d": 1, "s": _static([40, 40]), "p": _static([0, 0]), "r": _static(0)},
                        {"ty": "fl", "c": colour, "o": _static(100), "r": 1}]}
    if masks:
        layer["hasMask"], layer["masksProperties"] = True, masks
    layer.update(extra)
    return layer


def animation(layers, ip=0, op=60, v="5.7.4", assets=()) -> dict:
    return {"v": v, "fr": 30, "ip": ip, "op": op, "w": 40, "h": 40, "layers": layers, "assets": list(assets)}


def held_colours(keys: dict[int, list]) -> dict:
    """A fill colour that jumps at each frame (hold keyframes): {frame: [r, g, b, a]}."""
    return {"a": 1, "k": [{"t": t, "s": c, "h": 1} for t, c in sorted(keys.items())]}


def rect_mask(x0, y0, x1, y1, mode, inv=False, name="m") -> dict:
    """A mask in layer coordinates (the square's layer space is -20..20 around its anchor at the comp centre)."""
    pts = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
    return {"inv": inv, "mode": mode, "nm": name, "o": _static(100), "x": _static(0),
            "pt": _static({"i": [[0, 0]] * 4, "o": [[0, 0]] * 4, "v": pts, "c": True})}


def png_data_uri(rgb, size=8) -> str:
    buf = io.BytesIO()
    Image.fromarray(np.full((size, size, 3), rgb, np.uint8)).save(buf, "PNG")
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode()


def write(folder: Path, name: str, doc: dict) -> str:
    (folder / name).write_text(json.dumps(doc, indent=1))
    return name


def nested_in_precomp(data: dict, asset_id: str = "whole") -> dict:
    """The animation with its main composition moved into a precomposition that one layer shows: the same
    picture, its layers no longer at the top level (where `lottie_passes` finishes effects on their pixels)."""
    out = dict(data)
    out["assets"] = list(data.get("assets") or []) + [{"id": asset_id, "layers": data["layers"]}]
    out["layers"] = [{"ty": 0, "refId": asset_id, "ind": 1, "ip": data["ip"], "op": data["op"], "st": 0,
                      "w": data["w"], "h": data["h"], "nm": "outer",
                      "ks": {"o": _static(100), "r": _static(0), "p": _static([0, 0, 0]), "a": _static([0, 0, 0]),
                             "s": _static([100, 100, 100])}}]
    return out


def matted_in_precomp(data: dict, asset_id: str = "whole") -> dict:
    """`nested_in_precomp`, its precomposition layer cut by a track matte (a layer covering the whole picture):
    a precomposition layer that is not drawn as a sub-animation, so what its content needs passes for is
    refused."""
    out = nested_in_precomp(data, asset_id)
    matte = {"ty": 1, "ind": 2, "nm": "matte", "td": 1, "ip": data["ip"], "op": data["op"], "st": 0,
             "sc": "#ffffff", "sw": data["w"], "sh": data["h"],
             "ks": {"o": _static(100), "r": _static(0), "p": _static([0, 0, 0]), "a": _static([0, 0, 0]),
                    "s": _static([100, 100, 100])}}
    out["layers"] = [matte, dict(out["layers"][0], tt=1)]
    return out


def drawn_frames(folder: Path, name: str, data: dict, frames, size: tuple[int, int]) -> list:
    """The frames a `lottie:` layer's player draws of `data` (premultiplied RGBA), loaded as a layer loads it."""
    from overlays.lottie import load_player
    (folder / name).write_text(json.dumps(data))
    _, player = load_player(folder / name, folder, ("lottie",))
    return [player.frame(f, *size).astype(int) for f in frames]


def corpus_golden_differences(folder: Path, rel: str, data: dict) -> list:
    """(golden, mean, p99) for each of Skottie's golden frames of corpus file `rel` (tests/golden/lottie-skottie),
    against `data` (that file changed in a way that must not change its picture) drawn over grey as a
    `lottie:` layer's player draws it at the golden's size and time."""
    repo = Path(__file__).resolve().parents[2]
    golden = repo / "tests" / "golden" / "lottie-skottie"
    cases = [c for c in json.loads((golden / "manifest.json").read_text()) if c["file"] == rel]
    out = []
    for c in cases:
        frame = round(data["ip"] + c["t"] * data["fr"], 3)              # as `LottieOverlay.lottie_frame`
        got = drawn_frames(folder, "golden.json", data, [frame], tuple(c["size"]))[0].astype(np.float32)
        rgb = got[..., :3] + 128 * (1 - got[..., 3:] / 255)
        ref = np.asarray(Image.open(golden / c["png"]).convert("RGB")).astype(np.float32)
        d = np.abs(np.round(rgb) - ref)
        out.append((c["png"], float(d.mean()), float(np.percentile(d.max(axis=2), 99))))
    return out
