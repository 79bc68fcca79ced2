"""Image layers (`ty: 2`) drawn as Skia's Skottie draws them, in a pass of their own.

The player samples an image about half a pixel off, without mipmaps where it is shrunk and unfiltered where it is
turned. Skottie (ImageLayer.cpp, sksg::Image) draws the decoded image through the layer's transform with bilinear
sampling at pixel centres and the nearest mipmap level (SkSamplingOptions(kLinear, kNearest), the former
kMedium_SkFilterQuality), scaled from its pixel size to the asset's `w` x `h` (centred, aspect kept) where they
differ, with a paint that does not antialias its edges. An image layer of a composition drawn in passes is drawn
so here, with skia-python (the same library), through its 2D transform chain (parents included) times the
drawing scale, straight onto the frame's pixel grid; the result gets the layer's opacity and is composited as a
finished layer (over, or by its blend mode).

Only where that is the whole of what the layer draws: no masks, no track matte (as source or target), no effects,
no layer styles, no auto-orient, skew or 3D in its chain; any other image layer stays with the player.
"""
from __future__ import annotations

import base64
import copy
from typing import Optional

import numpy as np

from . import lottie_3d
from . import lottie_3d_maths as m3
from . import lottie_pixel_ops as ops
from .lottie_layer_blockers import own_blocker
from .lottie_keyframes import Prop

IMAGE = 2


class ImagePass:
    """One image layer: its asset (a `data:` URI and the declared size), transform chain (root first), opacity,
    blend mode and in/out frames. Kept as JSON; the decoded image is made again where it is drawn."""

    player = None               # drawn here: no pass of the player

    def __init__(self, uri: str, size: tuple, chain: list, opacity, mode: int, times: dict):
        self.state = {"uri": uri, "size": size, "chain": chain, "opacity": opacity, "mode": mode, "times": times}
        self.uri, self.size, self.times = uri, size, times
        self.transforms = [m3.Transform2D(ks) for ks in chain]
        self.opacity = Prop(opacity, 100.0)
        self.blend = ops.BLENDS.get(mode) if mode else None
        self._image = None

    def __getstate__(self):
        return self.state

    def __setstate__(self, state):
        self.__init__(**state)

    def image(self):
        """The decoded image (decoded once per process that draws it)."""
        if self._image is None:
            import skia
            blob = base64.b64decode(self.uri.split(",", 1)[1])
            self._image = skia.Image.MakeFromEncoded(skia.Data.MakeWithCopy(blob))
        return self._image

    def matrix(self, f: float) -> np.ndarray:
        """The 3x3 affine from the asset's units to the composition's at frame f."""
        return m3.homography(m3.chain_matrix(self.transforms, f))

    def draw(self, f: float, w: int, h: int, place: np.ndarray) -> np.ndarray:
        """The layer's pixels on a (h, w) picture whose pixel (x, y) shows the composition's point
        place^-1 (x, y): premultiplied RGBA float32, its opacity applied."""
        out = np.zeros((h, w, 4), np.float32)
        self.draw_over(out, f, place)
        return out

    def draw_over(self, acc: np.ndarray, f: float, place: np.ndarray) -> None:
        """The layer drawn over `acc` (premultiplied RGBA float32, C-contiguous, changed in place) as `draw`
        places it: one pass of Skia's float pipeline where the image lies, nothing done on the rest of the
        picture."""
        import skia
        o = float(np.clip(self.opacity.at(f)[0] / 100.0, 0.0, 1.0))
        image = self.image()
        if not (self.times["ip"] <= f < self.times["op"]) or o <= 0.0 or image is None:
            return
        h, w = acc.shape[:2]
        m = np.asarray(place, float) @ self.matrix(f) @ _fit(image.width(), image.height(), self.size)
        info = skia.ImageInfo.Make(w, h, skia.kRGBA_F32_ColorType, skia.kPremul_AlphaType)
        surface = skia.Surface.MakeRasterDirect(info, acc)
        canvas = surface.getCanvas()
        canvas.concat(skia.Matrix.MakeAll(*(float(v) for v in m.reshape(9))))
        paint = skia.Paint(AntiAlias=False)
        paint.setAlphaf(o)
        canvas.drawImage(image, 0, 0, sampling(), paint)
        surface.flushAndSubmit()
        del canvas, surface


def sampling():
    """Skottie's image sampling: bilinear, nearest mipmap level (kMedium_SkFilterQuality)."""
    import skia
    return skia.SamplingOptions(skia.FilterMode.kLinear, skia.MipmapMode.kNearest)


def _fit(iw: int, ih: int, size: tuple) -> np.ndarray:
    """Skottie's image_matrix: the image's pixels onto the asset's w x h, centred, aspect kept (kCenter)."""
    aw, ah = size
    if (iw, ih) == (aw, ah) or iw <= 0 or ih <= 0 or aw <= 0 or ah <= 0:
        return np.eye(3)
    s = min(aw / iw, ah / ih)
    return np.array([[s, 0, (aw - iw * s) / 2], [0, s, (ah - ih * s) / 2], [0, 0, 1.0]])


def plan(data: dict) -> dict:
    """ImagePass per position in the composition's layer list, for the image layers drawn here."""
    layers = data.get("layers") or []
    assets = {a.get("id"): a for a in data.get("assets") or [] if isinstance(a, dict)}
    by_ind = {l.get("ind"): l for l in layers if isinstance(l, dict) and "ind" in l}
    passes: dict = {}
    for pos, layer in enumerate(layers):
        if not isinstance(layer, dict) or layer.get("ty") != IMAGE or layer.get("hd") is True:
            continue
        if layer.get(lottie_3d.WARP_KEY) or layer.get(lottie_3d.REFUSED_KEY):
            continue
        asset = assets.get(layer.get("refId"))
        uri = asset.get("p") if isinstance(asset, dict) else None
        if not isinstance(uri, str) or not uri.startswith("data:") or "," not in uri:
            continue
        chain = [layer] + lottie_3d._ancestors(layer, by_ind)
        if _left_to_player(layer, chain):
            continue
        size = (float(asset.get("w") or 0), float(asset.get("h") or 0))
        ks = layer.get("ks") or {}
        times = {"ip": float(layer.get("ip", 0)), "op": float(layer.get("op", 0))}
        passes[pos] = ImagePass(uri, size, [copy.deepcopy(l.get("ks") or {}) for l in reversed(chain)],
                                copy.deepcopy(ks.get("o", {"a": 0, "k": 100})), layer.get("bm") or 0, times)
    return passes


def _left_to_player(layer: dict, chain: list) -> Optional[str]:
    """Why the image layer is not drawn here, or None."""
    problem = own_blocker(layer, lambda l: bool(l.get("hasMask") or l.get("masksProperties")))
    if problem:
        return problem
    for link in chain:
        ks = link.get("ks") or {}
        if link.get("ao") == 1 or link.get("ddd") == 1 or lottie_3d.nonzero(ks.get("sk")) \
                or not isinstance(link.get("ks", {}), dict):
            return "auto-orient, 3D or skew in its chain"
    return None
