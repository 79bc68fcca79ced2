"""Top-level layers seen through a camera, or turned out of the picture plane: drawn flat, then warped.

The player has no perspective: it draws every layer flat. A layer of the main composition whose transform
chain is truly 3D — a 3D layer when the composition has a camera layer, or any layer whose chain holds a 3D
layer that turns about X or Y (rotation, orientation) or moves in depth — is drawn in a pass of its own (see
`lottie_passes`) in its own coordinates: its transform replaced by a neutral one, no parent, its opacity and
masks kept, the picture placed and scaled on a canvas that covers the part of its plane that can be seen. That
picture is then warped onto the frame by the homography of its plane (`lottie_3d_maths`, Skottie's matrices),
supersampled, and composited over the layers below, or by its blend mode.

As in Skottie, layers keep their order in the file: a 3D layer behind another is still drawn above it when it
comes first (Skottie does not sort 3D layers by depth, as After Effects does). The part of a plane behind the
camera is not drawn (Skia clips paths there).

Refused, naming the form: such layers with a track matte or used as one, with effects or layer styles, with
auto-orient, with a skewed 2D parent, with a blend mode not finished on pixels; any layer parented to a
camera. A precomposition whose content is 3D is drawn as a sub-animation (`lottie_nest`), where this applies
to its own top-level layers; `place` draws such a layer into its parent.
"""
from __future__ import annotations

import copy
import math
from typing import Optional

import cv2
import numpy as np

from . import lottie_3d_maths as m3
from . import lottie_pixel_ops as ops
from .lottie_effects import effect_draws

CAMERA, NULL = 13, 3
DRAWN_TYPES = {0: "precomposition", 1: "solid", 2: "image", 4: "shape", 5: "text"}
REFUSED_KEY = "x-3d-refused"     # set on a layer this module cannot draw: why, for the refusal
WARP_KEY = "x-3d-warp"           # set on a layer drawn flat and warped here
OVERVIEW_PX = 384               # the flat layer's bounds are found on a picture this wide ...
OVERVIEW_REACH = 2.0             # ... of its plane from -2 to 3 times the composition's longer side
SUPERSAMPLE = 3                  # picture and warp drawn at three times the frame's pixel density, then averaged
MAX_PASS_PIXELS = 16_000_000     # the flat picture's largest size; beyond it it is drawn coarser
CANVAS_STEP = 64                 # the flat picture's sides are rounded up to a multiple of this
BAND_ROWS = 128                  # the frame is warped in bands of this many rows (memory)
W_MIN = 1.0 / 16384              # Skia's kW0PlaneDistance: what lies nearer the camera plane is not drawn
MARGIN_PX = 2.0                  # drawn beyond the layer's bounds, in frame pixels (antialiased edges)


def nonzero(prop, skip_xy: bool = False) -> bool:
    """A transform property that is animated or holds a non-zero value (only its z when `skip_xy`)."""
    if not isinstance(prop, dict):
        return False
    if prop.get("s") is True:
        keys = ("z",) if skip_xy else ("x", "y", "z")
        return any(nonzero(prop.get(k)) for k in keys)
    if prop.get("a") == 1:
        return not skip_xy or _animated_z(prop)
    k = prop.get("k")
    values = k[2:3] if skip_xy and isinstance(k, list) else (k if isinstance(k, list) else [k])
    return any(isinstance(v, (int, float)) and v != 0 for v in values)


def _animated_z(prop: dict) -> bool:
    return any(len(key.get("s") or []) > 2 and any(v != 0 for v in (key.get("s") or [])[2:3])
               for key in prop.get("k") or [] if isinstance(key, dict))


def out_of_plane(layer: dict) -> list[str]:
    """What takes a 3D layer out of the picture plane: X/Y rotation, orientation, depth."""
    if layer.get("ddd") != 1:
        return []
    ks = layer.get("ks") or {}
    turned = [name for key, name in (("rx", "X rotation"), ("ry", "Y rotation"), ("or", "orientation"))
              if nonzero(ks.get(key))]
    deep = [f"{name} z" for key, name in (("p", "position"), ("a", "anchor")) if nonzero(ks.get(key), True)]
    return turned + deep


class Warp3D:
    """A layer drawn flat in its own coordinates and warped onto the frame. Kept as the JSON of its transform
    chain and camera, so a player sent to a render worker rebuilds it there."""

    def __init__(self, chain: list, camera: Optional[dict], size: tuple, mode: int, box: Optional[tuple] = None):
        self.state = {"chain": chain, "camera": camera, "size": size, "mode": mode, "box": box}
        self.box = box
        self.transforms = [m3.Transform3D(ks) if is_3d else m3.Transform2D(ks) for is_3d, ks in chain]
        self.size = (float(size[0]), float(size[1]))
        self.camera = None
        if camera is not None:
            if camera.get("default"):
                fixed = m3.default_camera(self.size)
                self.camera = lambda t: fixed
            else:
                parents = [m3.Transform3D(ks) if is_3d else m3.Transform2D(ks) for is_3d, ks in camera["parents"]]
                cam = m3.Camera(camera["layer"], parents, self.size)
                self.camera = cam.matrix
        self.blend = ops.BLENDS.get(mode) if mode else None

    def __getstate__(self):
        return self.state

    def __setstate__(self, state):
        self.__init__(**state)

    def plane(self, t: float) -> np.ndarray:
        """The 3x3 homography from the layer's own coordinates to the composition's at frame t."""
        m = m3.chain_matrix(self.transforms, t)
        if self.camera is not None:
            m = self.camera(t) @ m
        return m3.homography(m)

    def bounds(self, player, f: float) -> Optional[tuple]:
        """(x0, y0, x1, y1) of what the flat layer draws at frame f, in its own units (one overview pixel
        wider on every side); None when it draws nothing. An image or solid is looked at over its own box, so
        a small masked part of it in a large composition is not lost between the overview's pixels."""
        shift = reach(self.size)
        if self.box is not None:
            start, unit = 0.0, max(self.box) / OVERVIEW_PX
        else:
            start, unit = -shift, (max(self.size) + 2 * shift) / OVERVIEW_PX
        place = np.array([[1 / unit, 0, -start / unit], [0, 1 / unit, -start / unit], [0, 0, 1.0]])
        alpha = player.frame_placed(f, OVERVIEW_PX, OVERVIEW_PX, place @ _moved(shift))[..., 3]
        ys, xs = np.nonzero(alpha)
        if len(xs) == 0:
            return None
        return (start + (xs.min() - 1) * unit, start + (ys.min() - 1) * unit,
                start + (xs.max() + 2) * unit, start + (ys.max() + 2) * unit)

    def draw(self, player, f: float, w: int, h: int, place: Optional[np.ndarray] = None) -> np.ndarray:
        """The layer warped onto a (h, w) frame: premultiplied RGBA float32. `place`: the 3x3 from the
        composition's units to the frame's pixels (by default the composition scaled to w x h)."""
        out = np.zeros((h, w, 4), np.float32)
        if place is None:
            place = np.diag([w / self.size[0], h / self.size[1], 1.0])
        screen = np.asarray(place, float) @ self.plane(f)
        if _degenerate(screen):
            return out                  # scaled to nothing or seen edge on: Skia draws nothing through it
        bounds = self.bounds(player, f)
        if bounds is None:
            return out
        ss = SUPERSAMPLE
        region = _visible(screen, bounds, w, h)
        if region is None:
            return out
        x0, y0, x1, y1, density = region
        k = ss * density
        margin = MARGIN_PX * ss / max(k, 1e-9) * 2
        x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
        if (x1 - x0) * (y1 - y0) * k * k > MAX_PASS_PIXELS:
            k = math.sqrt(MAX_PASS_PIXELS / ((x1 - x0) * (y1 - y0)))
        # whole steps of CANVAS_STEP, so the player's canvas is reused while the layer's size changes a little
        pw, ph = (max(1, -(-math.ceil((v1 - v0) * k) // CANVAS_STEP) * CANVAS_STEP) for v0, v1 in ((x0, x1), (y0, y1)))
        place = np.array([[k, 0, -x0 * k], [0, k, -y0 * k], [0, 0, 1.0]])
        flat = player.frame_placed(f, pw, ph, place @ _moved(reach(self.size)))
        plane_of_pixel = screen @ np.linalg.inv(place)         # flat picture -> frame, in continuous pixels
        _keep_in_front(flat, plane_of_pixel)
        cx0, cy0, cx1, cy1 = _footprint(plane_of_pixel, pw, ph, w, h)
        for top in range(cy0, cy1, BAND_ROWS):
            bottom = min(cy1, top + BAND_ROWS)
            # pixel indices (centres at +0.5) of the flat picture -> of the supersampled band
            band_origin = np.array([[1, 0, -cx0], [0, 1, -top], [0, 0, 1.0]])
            to_band = _half(-1) @ np.diag([ss, ss, 1.0]) @ band_origin @ plane_of_pixel @ _half(1)
            band = cv2.warpPerspective(flat, to_band, ((cx1 - cx0) * ss, (bottom - top) * ss),
                                       flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                       borderValue=(0, 0, 0, 0))
            # the mean of each ss x ss block (INTER_AREA at a whole factor), in floats so nothing is rounded
            block = cv2.resize(band.astype(np.float32), (cx1 - cx0, bottom - top), interpolation=cv2.INTER_AREA)
            np.multiply(block, 1.0 / 255.0, out=out[top:bottom, cx0:cx1])
        return out


def _degenerate(hom: np.ndarray) -> bool:
    """A homography that flattens the plane to a line or a point (a zero scale, a plane seen edge on)."""
    sv = np.linalg.svd(hom, compute_uv=False)
    return not np.all(np.isfinite(sv)) or sv[-1] <= sv[0] * 1e-12


def _half(sign: int) -> np.ndarray:
    return np.array([[1, 0, 0.5 * sign], [0, 1, 0.5 * sign], [0, 0, 1.0]])


def _footprint(hom: np.ndarray, pw: int, ph: int, w: int, h: int) -> tuple[int, int, int, int]:
    """The frame's pixel box (x0, y0, x1, y1) the flat picture's part in front of the camera lands in."""
    poly = [np.array(p, float) for p in ((0, 0), (pw, 0), (pw, ph), (0, ph))]
    poly = _clip(poly, hom[2] - np.array([0, 0, W_MIN]))
    if len(poly) < 3:
        return 0, 0, 0, 0
    pts = np.array([hom @ np.append(p, 1.0) for p in poly])
    xy = pts[:, :2] / pts[:, 2:3]
    x0, y0 = (max(0, min(n, math.floor(v) - 1)) for v, n in ((xy[:, 0].min(), w), (xy[:, 1].min(), h)))
    x1, y1 = (max(0, min(n, math.ceil(v) + 1)) for v, n in ((xy[:, 0].max(), w), (xy[:, 1].max(), h)))
    return x0, y0, x1, y1


def _moved(shift: float) -> np.ndarray:
    """From the flat pass's composition (the layer moved by `shift`) back to the layer's own units."""
    return np.array([[1, 0, -shift], [0, 1, -shift], [0, 0, 1.0]])


def _keep_in_front(flat: np.ndarray, hom: np.ndarray) -> None:
    """Clear the flat picture's pixels that lie behind the camera plane (w at or below Skia's limit), in place.
    w is affine across the picture, so when its corners are all in front (the common case) nothing is done."""
    ph, pw = flat.shape[:2]
    corners = np.array([[0.5, 0.5, 1], [pw - 0.5, 0.5, 1], [0.5, ph - 0.5, 1], [pw - 0.5, ph - 0.5, 1]])
    if (corners @ hom[2]).min() > W_MIN:
        return
    flat *= _in_front(hom, pw, ph)[..., None]


def _in_front(hom: np.ndarray, pw: int, ph: int) -> np.ndarray:
    """1 where a flat picture pixel lies in front of the camera plane (its w above Skia's limit), else 0."""
    xs = np.arange(pw, dtype=np.float64) + 0.5
    ys = np.arange(ph, dtype=np.float64) + 0.5
    w = hom[2, 0] * xs[None, :] + hom[2, 1] * ys[:, None] + hom[2, 2]
    return (w > W_MIN).astype(np.uint8)


def _visible(screen: np.ndarray, bounds: tuple, w: int, h: int):
    """The part of the layer's bounds (x0, y0, x1, y1, in its own units) in front of the camera and inside the
    frame, as its bounding box, and the most frame pixels one of its units covers there; None when nothing
    shows."""
    bx0, by0, bx1, by1 = bounds
    poly = [np.array([bx0, by0]), np.array([bx1, by0]), np.array([bx1, by1]), np.array([bx0, by1])]
    pad = 4.0
    planes = [screen[2] - np.array([0, 0, W_MIN]),                       # w > W_MIN
              screen[0] + pad * screen[2], (w + pad) * screen[2] - screen[0],   # -pad <= X <= w + pad
              screen[1] + pad * screen[2], (h + pad) * screen[2] - screen[1]]
    for plane in planes:
        poly = _clip(poly, plane)
        if len(poly) < 3:
            return None
    pts = np.array(poly)
    density = max(_density(screen, p) for p in pts)
    return float(pts[:, 0].min()), float(pts[:, 1].min()), float(pts[:, 0].max()), float(pts[:, 1].max()), density


def _clip(poly: list, plane: np.ndarray) -> list:
    """Sutherland-Hodgman: the part of a convex polygon where plane . (x, y, 1) >= 0."""
    out = []
    for i, a in enumerate(poly):
        b = poly[(i + 1) % len(poly)]
        da, db = plane @ np.append(a, 1.0), plane @ np.append(b, 1.0)
        if da >= 0:
            out.append(a)
        if (da >= 0) != (db >= 0):
            out.append(a + (b - a) * (da / (da - db)))
    return out


def _density(hom: np.ndarray, p: np.ndarray) -> float:
    """The largest stretch (frame pixels per unit) of the homography's Jacobian at p."""
    x, y = p
    num = hom[:2] @ np.array([x, y, 1.0])
    wv = hom[2] @ np.array([x, y, 1.0])
    jac = (hom[:2, :2] * wv - np.outer(num, hom[2, :2])) / (wv * wv)
    return float(np.linalg.svd(jac, compute_uv=False)[0])


def plan(data: dict) -> dict:
    """Warp3D per position in the main composition's layer list, for the layers that need one (marked with
    WARP_KEY: `flat` gives the form drawn in their pass); cameras turned into null layers; layers that need one
    but cannot have it get REFUSED_KEY."""
    layers = data.get("layers") or []
    by_ind = {l.get("ind"): l for l in layers if isinstance(l, dict) and "ind" in l}
    cameras = [l for l in layers if isinstance(l, dict) and l.get("ty") == CAMERA]
    size = (float(data.get("w") or 1), float(data.get("h") or 1))
    camera_spec = None
    if cameras:
        parents = _ancestors(cameras[0], by_ind)
        camera_spec = {"layer": copy.deepcopy({"ks": cameras[0].get("ks") or {}, "pe": cameras[0].get("pe")}),
                       "parents": _spec(parents)}
    elif data.get("ddd") == 1:
        camera_spec = {"default": True}
    warps: dict = {}
    for pos, layer in enumerate(layers):
        if not isinstance(layer, dict) or layer.get("ty") in (CAMERA, NULL) or layer.get("hd") is True:
            continue
        chain = [layer] + _ancestors(layer, by_ind)
        leaf_3d = layer.get("ddd") == 1
        turned = any(out_of_plane(l) for l in chain)
        if any(link.get("ty") == CAMERA for link in chain[1:]):
            layer[REFUSED_KEY] = "a layer parented to a camera"      # Skottie draws it through the view matrix
            continue
        if not ((leaf_3d and cameras) or turned):
            continue
        problem = _refusal(layer, chain)
        if problem:
            layer[REFUSED_KEY] = problem
            continue
        warps[pos] = Warp3D(_spec(chain), camera_spec if leaf_3d else None, size, layer.get("bm") or 0,
                            _box(layer, data.get("assets") or []))
        layer[WARP_KEY] = True
    for camera in cameras:
        for key in [k for k in camera if k not in ("ind", "ip", "op", "st", "nm")]:
            camera.pop(key)
        camera.update({"ty": NULL, "ks": {}})
    return warps


def _box(layer: dict, assets: list) -> Optional[tuple]:
    """(w, h) that an image or solid layer draws within, in its own units; None for other layers or when
    unreadable."""
    if layer.get("ty") == 2:
        asset = next((a for a in assets if isinstance(a, dict) and a.get("id") == layer.get("refId")), {})
        size = (asset.get("w"), asset.get("h"))
    elif layer.get("ty") == 1:
        size = (layer.get("sw"), layer.get("sh"))
    else:
        return None
    if all(isinstance(v, (int, float)) and v > 0 for v in size):
        return (float(size[0]), float(size[1]))
    return None


def _spec(chain: list) -> list:
    """(is 3D, transform) of each layer of a chain given leaf first, root first."""
    return [(l.get("ddd") == 1, copy.deepcopy(l.get("ks") or {})) for l in reversed(chain)]


def _ancestors(layer: dict, by_ind: dict) -> list:
    out, seen = [], {id(layer)}
    parent = by_ind.get(layer.get("parent")) if "parent" in layer else None
    while parent is not None and id(parent) not in seen:
        out.append(parent)
        seen.add(id(parent))
        parent = by_ind.get(parent.get("parent")) if "parent" in parent else None
    return out


def _refusal(layer: dict, chain: list) -> Optional[str]:
    kind = "a 3D layer" if layer.get("ddd") == 1 else "a layer parented to a turned 3D layer"
    if layer.get("ty") not in DRAWN_TYPES:
        return f"{kind} of type {layer.get('ty')}"
    if layer.get("tt") or layer.get("td") or "tp" in layer:
        return f"{kind} with a track matte or used as one"
    if any(effect_draws(e) for e in layer.get("ef") or []):
        return f"{kind} with effects"
    if layer.get("sy"):
        return f"{kind} with layer styles"
    bm = layer.get("bm") or 0
    if bm and bm not in ops.BLENDS:
        return f"{kind} with blend mode {bm}"
    for link in chain:
        if link.get("ao") == 1:
            return f"{kind} with auto-orient in its chain"
        ks = link.get("ks") or {}
        if link.get("ddd") != 1 and nonzero(ks.get("sk")):
            return f"{kind} with a skewed 2D parent"
    return None


def reach(size: tuple) -> float:
    """How far beyond the composition's top-left a flat layer's content is kept, in its units: the player clips
    a picture to its composition's box, so the flat pass is a composition 1 + 2 x OVERVIEW_REACH times as wide
    with the layer moved this much right and down."""
    return OVERVIEW_REACH * max(size)


def flat_pass(data: dict, pos: int) -> None:
    """The pass of the warped layer at `pos` (a copy of the animation): the layer in its own coordinates
    (neutral transform, opacity kept; 2D, no parent, normal blend), moved by `reach` on a composition that wide
    around it."""
    size = (float(data.get("w") or 1), float(data.get("h") or 1))
    shift = reach(size)
    data["w"] = data["h"] = math.ceil(max(size) + 2 * shift)
    data["ddd"] = 0
    layer = copy.copy(data["layers"][pos])
    ks = layer.get("ks") or {}
    layer.pop(WARP_KEY, None)
    layer["ks"] = {"o": ks.get("o", {"a": 0, "k": 100}), "a": {"a": 0, "k": [0, 0]},
                   "p": {"a": 0, "k": [shift, shift]}, "s": {"a": 0, "k": [100, 100]}, "r": {"a": 0, "k": 0}}
    layer["ddd"] = 0
    layer["bm"] = 0
    layer.pop("parent", None)
    layer.pop("ao", None)
    data["layers"] = data["layers"][:pos] + [layer] + data["layers"][pos + 1:]
