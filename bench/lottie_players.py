"""Which native Lottie player draws `lottie:` layers: rlottie-python vs thorvg-python.

Faithfulness: each player renders the shipped lottie-ios sample files at the progress points lottie-ios snapshots
them (tests/data/lottie/reference, rendered by lottie-ios itself), and the mean absolute difference of the
premultiplied RGBA against that reference is printed over the pixels either draws (levels of 255; lower is
closer).
Speed: milliseconds per frame at 1920x1080 over a whole animation, one thread each, and the ratio.

    python3 bench/lottie_players.py
"""
from __future__ import annotations

import json
import sys
import time
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "lottie"
CASES = [("HamburgerArrow.json", "HamburgerArrow"), ("loading_dots_3.json", "LottieFiles-loading_dots_3"),
         ("bounce_strokes.json", "LottieFiles-bounce_strokes"), ("Switch.json", "Switch"),
         ("TwitterHeart.json", "TwitterHeart"), ("confused.lottie", "DotLottie-confused")]


def animation_json(path: Path) -> str:
    if path.suffix == ".lottie":
        with zipfile.ZipFile(path) as z:
            name = next(n for n in z.namelist() if n.startswith(("animations/", "a/")) and n.endswith(".json"))
            return z.read(name).decode()
    return path.read_text()


def rlottie_render(text: str, frames: list[float], w: int, h: int) -> list[np.ndarray]:
    from rlottie_python import LottieAnimation
    anim = LottieAnimation.from_data(text)
    out = []
    for f in frames:   # rlottie draws whole frames only
        buf = anim.lottie_animation_render(frame_num=int(round(f)), width=w, height=h)
        out.append(np.frombuffer(buf, np.uint8).reshape(h, w, 4)[..., [2, 1, 0, 3]])
    return out


def thorvg_render(text: str, frames: list[float], w: int, h: int) -> list[np.ndarray]:
    import thorvg_python as tvg
    engine = tvg.Engine(threads=0)
    canvas = tvg.SwCanvas(engine)
    canvas.set_target(w, h, cs=tvg.Colorspace.ABGR8888)
    anim = tvg.LottieAnimation(engine)
    pic = anim.get_picture()
    pic.load_data(text.encode(), "lottie", None, True)
    pic.set_size(w, h)
    canvas.add(pic)
    out = []
    for f in frames:
        anim.set_frame(f)
        canvas.update()
        canvas.draw(True)
        canvas.sync()
        out.append(np.frombuffer(canvas.buffer_arr, np.uint8).reshape(h, w, 4).copy())
    return out


PLAYERS = {"rlottie": rlottie_render, "thorvg": thorvg_render}


def premultiplied(path: Path) -> np.ndarray:
    ref = np.asarray(Image.open(path).convert("RGBA")).astype(np.float32)
    ref[..., :3] *= ref[..., 3:] / 255.0
    return ref


def faithfulness() -> dict[str, list[float]]:
    errors: dict[str, list[float]] = {p: [] for p in PLAYERS}
    print(f"{'file':28} {'progress':>8} " + " ".join(f"{p:>9}" for p in PLAYERS))
    for file, ref_name in CASES:
        text = animation_json(DATA / file)
        d = json.loads(text)
        for ref_path in sorted((DATA / "reference").glob(f"{ref_name}-*.png")):
            progress = int(ref_path.stem.rsplit("-", 1)[1]) / 100
            ref = premultiplied(ref_path)
            h, w = ref.shape[:2]
            frame = d["ip"] + progress * (d["op"] - d["ip"])
            got = {name: render(text, [frame], w, h)[0].astype(np.float32) for name, render in PLAYERS.items()}
            drawn = ref[..., 3] > 0
            for g in got.values():
                drawn |= g[..., 3] > 0
            row = []
            for name, g in got.items():   # over the drawn area only: a mostly empty frame would hide errors
                e = float(np.abs(g - ref)[drawn].mean())
                errors[name].append(e)
                row.append(e)
            print(f"{file:28} {progress:8.2f} " + " ".join(f"{e:9.3f}" for e in row))
    return errors


def speed(file: str = "loading_dots_1.json", w: int = 1920, h: int = 1080) -> dict[str, float]:
    text = animation_json(DATA / file)
    d = json.loads(text)
    frames = [float(f) for f in range(int(d["ip"]), int(d["op"]))]
    ms = {}
    for name, render in PLAYERS.items():
        render(text, frames[:2], w, h)          # warm up
        t0 = time.perf_counter()
        render(text, frames, w, h)
        ms[name] = (time.perf_counter() - t0) * 1000 / len(frames)
    return ms


def main() -> int:
    errors = faithfulness()
    means = {p: sum(v) / len(v) for p, v in errors.items()}
    medians = {p: float(np.median(v)) for p, v in errors.items()}
    closer = sum(a < b for a, b in zip(errors["thorvg"], errors["rlottie"]))
    print("\nmedian difference: " + ", ".join(f"{p} {m:.3f}" for p, m in medians.items())
          + f"; thorvg closer at {closer} of {len(errors['thorvg'])} points")
    print("mean abs difference from the lottie-ios reference (levels): "
          + ", ".join(f"{p} {m:.3f}" for p, m in means.items())
          + f"; rlottie/thorvg {means['rlottie'] / means['thorvg']:.2f}x")
    ms = speed()
    print("ms per 1920x1080 frame (loading_dots_1.json, whole animation): "
          + ", ".join(f"{p} {v:.1f}" for p, v in ms.items())
          + f"; rlottie/thorvg time {ms['rlottie'] / ms['thorvg']:.2f}x")
    ms = speed("bounce_strokes.json", 1080, 1080)
    print("ms per 1080x1080 frame (bounce_strokes.json): " + ", ".join(f"{p} {v:.1f}" for p, v in ms.items())
          + f"; rlottie/thorvg time {ms['rlottie'] / ms['thorvg']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
