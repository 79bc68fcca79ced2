"""Where a footage composition's CPU goes, stage by stage, on the RGB path and on the 4:2:0 path, in one run.

The composition of bench/encode_limit.py (a clip fitted to 1080p30, a logo, a rising headline, a card, a line of
text). Stages run one after another (the decoder on one thread, OpenCV on one thread, libswscale as a render
runs it) and each is timed with the process's CPU clock, so the figures are work done, whatever else shares the
machine:

- decode: the decoder's frame (H.264 -> its own 4:2:0 planes);
- RGB path: convert to RGB, scale to 1080p (`rgb-cv2`: OpenCV Lanczos, as renders did before the 4:2:0 path;
  `planes, convert to RGB`: libswscale scales the planes, then converts, as the RGB path does now), copy the plate, composite the layers, convert
  back to 4:2:0 for the encoder (libswscale);
- 4:2:0 path: scale and convert the planes in one libswscale pass, copy the plate, composite the layers in planes;
- hand-off: wrapping the frame for the encoder (both paths);
- encode: x264 on its own (the same settings and fixed thread count as a render), for scale.

    python bench/render_stages.py [--clip FILE] [--frames 150] [--preset medium]
"""
from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from encode_limit import DEFAULT_CLIP, FPS, H, W, write_project  # noqa: E402


class Stages:
    def __init__(self):
        self.cpu = defaultdict(float)

    def time(self, name, fn, *args):
        t = time.process_time()
        out = fn(*args)
        self.cpu[name] += time.process_time() - t
        return out


def main(argv=None) -> int:
    import av
    import cv2
    import numpy as np

    from compositor.composite import Patch  # noqa: F401  (the layers' patches)
    from compositor.encode import X264_DETERMINISTIC
    from compositor.project.load import load_project
    from compositor.render import FrameRenderer
    from compositor.sources.fit import FootageScaler
    from compositor.yuv420 import Yuv420

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clip", type=Path, default=DEFAULT_CLIP)
    ap.add_argument("--frames", type=int, default=150)
    ap.add_argument("--preset", default="medium")
    args = ap.parse_args(argv)
    cv2.setNumThreads(1)
    n = args.frames
    with tempfile.TemporaryDirectory(prefix="bench-stages-") as tmp:
        tmp = Path(tmp)
        clip = tmp / f"clip{args.clip.suffix}"
        shutil.copyfile(args.clip, clip)
        project = load_project(write_project(tmp, clip, n / FPS, args.preset))
        renderer = FrameRenderer(project, use_cache=False)
        shot = project.shots[0]
        decoded = []
        rgb_path, yuv_path = Stages(), Stages()
        with av.open(str(clip)) as c:
            s = c.streams.video[0]
            s.thread_type = "NONE"
            frames = c.decode(s)
            while len(decoded) < n:
                f = rgb_path.time("decode", next, frames, None)
                if f is None:
                    break
                decoded.append(f)
        yuv_path.cpu["decode"] = rgb_path.cpu["decode"]
        n = len(decoded)
        scaler = FootageScaler()
        handoff = {"rgb": [], "yuv": []}
        for i, f in enumerate(decoded):
            # the RGB path as renders ran it before: RGB at the clip's size, OpenCV Lanczos to 1080p
            rgb = rgb_path.time("convert to RGB", f.to_ndarray, "rgb24")
            rgb_path.time("scale (rgb-cv2)", cv2.resize, rgb, cv2_cover_size(rgb), None, 0, 0, cv2.INTER_LANCZOS4)
            plate = rgb_path.time("scale in planes, convert to RGB", scaler.fit, f, (W, H), "cover")
            frame = rgb_path.time("copy plate", np.copy, plate)
            rgb_path.time("composite", composite_layers, renderer, shot, i, frame)
            vf = rgb_path.time("hand-off", av.VideoFrame.from_ndarray, frame, "rgb24")
            handoff["rgb"].append(rgb_path.time("convert back to 4:2:0", vf.reformat, None, None, "yuv420p"))
            # the 4:2:0 path
            yplate = yuv_path.time("scale + convert (swscale)", scaler.fit, f, (W, H), "cover", (0, 0, 0), None, True)
            yframe = yuv_path.time("copy plate", Yuv420.copy, yplate)
            yuv_path.time("composite", composite_layers, renderer, shot, i, yframe)
            handoff["yuv"].append(yuv_path.time("hand-off", av.VideoFrame.from_ndarray, yframe.data, "yuv420p"))
        renderer.close()
        encode_ms = x264_cpu(handoff["yuv"], tmp / "enc.mp4", args.preset, X264_DETERMINISTIC) * 1000 / n

    print(f"{args.clip.name} ({decoded[0].width}x{decoded[0].height}) -> {W}x{H}, {n} frames, CPU ms per frame")
    old = ("decode", "convert to RGB", "scale (rgb-cv2)", "copy plate", "composite", "hand-off",
           "convert back to 4:2:0")
    now_rgb = ("decode", "scale in planes, convert to RGB", "copy plate", "composite", "hand-off",
               "convert back to 4:2:0")
    new = ("decode", "scale + convert (swscale)", "copy plate", "composite", "hand-off")
    for title, stages, keys in (("RGB path, OpenCV Lanczos (before)", rgb_path, old),
                                ("RGB path, libswscale (previews, alpha outputs)", rgb_path, now_rgb),
                                ("4:2:0 path (mp4 renders)", yuv_path, new)):
        print(f"\n  {title}")
        for k in keys:
            print(f"    {k:<32} {1000 * stages.cpu[k] / n:7.2f}")
        print(f"    {'total':<32} {1000 * sum(stages.cpu[k] for k in keys) / n:7.2f}")
    print(f"\n  x264 {args.preset}, crf 18, 4 threads (all threads' CPU)   {encode_ms:7.2f}")
    return 0


def cv2_cover_size(rgb) -> tuple[int, int]:
    h, w = rgb.shape[:2]
    s = max(W / w, H / h)
    return max(1, round(w * s)), max(1, round(h * s))


def composite_layers(renderer, shot, local: int, frame) -> None:
    for _j, _layer, _state, patch in renderer.placed_layers(shot, local):
        patch.composite(frame)


def x264_cpu(frames, out: Path, preset: str, params: str) -> float:
    import av

    before = resource.getrusage(resource.RUSAGE_SELF)
    with av.open(str(out), "w") as c:
        s = c.add_stream("libx264", rate=FPS, options={"crf": "18", "preset": preset, "x264-params": params})
        s.width, s.height, s.pix_fmt = W, H, "yuv420p"
        s.codec_context.thread_count = 4
        for i, vf in enumerate(frames):
            vf.pts = i
            for p in s.encode(vf):
                c.mux(p)
        for p in s.encode():
            c.mux(p)
    after = resource.getrusage(resource.RUSAGE_SELF)
    return (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


if __name__ == "__main__":
    sys.exit(main())
