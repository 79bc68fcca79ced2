"""A 4 s 1920x1080 30 fps background from the built-in model, end to end, against rendering the same motion
family procedurally at full size (the classic motion-graphics path), in one run; prints the ratio.

Built-in path (what `model: builtin` does): generate 25 frames at 160x96 / 6 fps (12 denoising steps with
classifier-free guidance), grade smoothly through a brand palette in float (`backdrop.finish`), then the
diffusion core's Resampler: DIS optical-flow interpolation to 30 fps, float Lanczos upscaling to 1920x1080 and the
film grain that rounds each frame to 8 bits, all 120 frames computed. Median of 3 (after one
untimed warm-up call, as in a render that loads the model once). Bar: <= 60 s.

    python bench/builtin_speed.py [--runs 3] [--steps 12]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compositor.diffusion.builtin import architecture as arch  # noqa: E402
from compositor.diffusion.builtin.backdrop import finish  # noqa: E402
from compositor.diffusion.builtin.palette import map_to_palette  # noqa: E402
from compositor.diffusion.builtin.procedural import MotionParams, render  # noqa: E402
from compositor.diffusion.builtin.sampling import DEFAULT_STEPS, generate_luminance, load_pipeline  # noqa: E402

OUT_SIZE, OUT_FPS, SECONDS = (1920, 1080), 30, 4.0
PROMPT = "slow drifting gradient, soft, moving right"
PALETTE = [(12, 30, 70), (0, 150, 160), (245, 235, 210)]


def resample_all(native: np.ndarray, grain) -> np.ndarray:
    """All output frames through the diffusion core's resampler (flow interpolation, Lanczos, grain)."""
    from compositor.diffusion.resample import Resampler

    rs = Resampler(native, arch.NATIVE_FPS, OUT_FPS, OUT_SIZE, method="flow", finish=grain)
    n = int(SECONDS * OUT_FPS)
    last = None
    for i in range(n):
        last = rs.frame(i)
    return last


def builtin_once(pipe, seed: int, steps: int) -> dict:
    t0 = time.perf_counter()
    grey = generate_luminance(pipe, PROMPT, seed, arch.NATIVE_SIZES[0], arch.NATIVE_FRAMES, steps)
    t1 = time.perf_counter()
    coloured, grain, _ = finish(grey, PALETTE, seed)
    t2 = time.perf_counter()
    resample_all(coloured, grain)
    t3 = time.perf_counter()
    return {"total": t3 - t0, "generate": t1 - t0, "palette": t2 - t1, "resample": t3 - t2}


def procedural_once() -> float:
    """The peer: the same family rendered directly at 1920x1080 for every one of the 120 frames."""
    t0 = time.perf_counter()
    lum = render(MotionParams("gradient", speed="slow", direction="right"), 0, OUT_SIZE, int(SECONDS * OUT_FPS),
                 OUT_FPS)
    map_to_palette(np.repeat((lum * 255).astype(np.uint8)[..., None], 3, axis=-1), PALETTE)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--steps", type=int, default=DEFAULT_STEPS)
    args = ap.parse_args()
    import torch
    torch.set_num_threads(2)
    t = time.perf_counter()
    pipe = load_pipeline()
    load_s = time.perf_counter() - t
    generate_luminance(pipe, PROMPT, 99, arch.NATIVE_SIZES[0], 5, 1)  # warm-up
    runs = [builtin_once(pipe, seed, args.steps) for seed in range(args.runs)]
    peer = [procedural_once() for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    peer_med = statistics.median(peer)
    print(f"model load (once per render): {load_s:.2f} s")
    print(f"built-in, 4 s 1920x1080 30 fps, median of {args.runs}: {med['total']:.2f} s "
          f"(generate {med['generate']:.2f} s, palette {med['palette']:.3f} s, "
          f"flow interpolation + upscale + grain {med['resample']:.2f} s)  bar <= 60 s: "
          f"{'PASS' if med['total'] <= 60 else 'FAIL'}")
    print(f"procedural render at full size (peer), median of {args.runs}: {peer_med:.2f} s")
    print(f"ratio built-in / procedural: {med['total'] / peer_med:.2f}")


if __name__ == "__main__":
    main()
