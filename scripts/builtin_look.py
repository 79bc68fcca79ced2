"""Figures of built-in backdrops as a project renders them: coherence on `compositor check`, and the look of
H.264-encoded, decoded 1080p frames (hard palette edges, distinct colours, block grid, banding, palette dE).

Writes a project with one 4 s 1920x1080 30 fps shot per family x seed (the evaluation prompts, the Northwind
kit), prepares it with a RenderSession exactly as `compositor check` / `render` do, and per shot:
- coherence: `consistency.gate.analyze_shots` (the `check` command's measurement): score, verdict, E_warp;
  the E_warp ratio per family is over procedural clips of that family through the same grade and resampler;
- look: frames 0, 60 and 119 encoded with the render's writer (H.264 crf 18 yuv420p) and decoded, then
  `look.hard_edge_share` (raw, and after a 1.5-px blur that removes grain: palette edges), `distinct_colours`, `blockiness` at 8 px (the codec's blocks) and 48 px (the model
  codec's 4x4 at 1080p), `banding`, and the CIEDE2000 of the shot's dominant colours to the palette.

    python scripts/builtin_look.py [--seeds 5] [--families bokeh,waves] [--json out.json]
"""
from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT / "brand" / "kits" / "northwind"
LOOK_FRAMES = (0, 60, 119)


def write_project(folder: Path, families, seeds: int) -> Path:
    from compositor.diffusion.builtin.training.evaluate import eval_prompt

    lines = ["compositor: 1", f"brand: {KIT}", "output: {size: [1920, 1080], fps: 30, file: out.mp4}", "shots:"]
    for family in families:
        for seed in range(seeds):
            lines += [f"  - id: {family}-{seed}", "    duration: 4",
                      f"    background: {{generate: {{model: builtin, prompt: \"{eval_prompt(family)}\", seed: {seed}}}}}"]
    path = folder / "project.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def decoded(frames: list, folder: Path) -> list:
    """The frames through the render's H.264 writer and back (what a viewer sees)."""
    import av

    from compositor.encode import open_writer

    path = folder / "look.mp4"
    writer = open_writer(path, (frames[0].shape[1], frames[0].shape[0]), 30)
    for f in frames:
        writer.write(f)
    writer.close()
    with av.open(str(path)) as box:
        return [fr.to_ndarray(format="rgb24") for fr in box.decode(video=0)]


def procedural_warp(family: str, palette, fps: float) -> float:
    """Median E_warp of procedural clips of the family, graded, grained and resampled like a shot (1080p)."""
    from compositor.consistency.score import analyze
    from compositor.diffusion.builtin import architecture as arch
    from compositor.diffusion.builtin.backdrop import finish
    from compositor.diffusion.builtin.training.evaluate import reference_clips
    from compositor.diffusion.resample import Resampler

    errs = []
    for k, ref in enumerate(reference_clips(family, 3)):
        grey = np.repeat(np.round(ref * 255).astype(np.uint8)[..., None], 3, axis=-1)
        clip, grain, _ = finish(grey, palette, k)
        rs = Resampler(clip, arch.NATIVE_FPS, fps, (1920, 1080), finish=grain)
        errs.append(analyze((rs.frame(i) for i in range(int(4 * fps))), fps).metrics["warp_error"])
    return float(np.median(errs))


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--families", default=None, help="comma-separated (default: all six)")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    import torch

    from compositor.consistency.gate import analyze_shots
    from compositor.diffusion.builtin.colour import palette_match
    from compositor.diffusion.builtin.look import banding, blockiness, distinct_colours, hard_edge_share
    from compositor.diffusion.builtin.procedural import FAMILIES
    from compositor.project.load import load_project
    from compositor.session import RenderSession

    torch.set_num_threads(1)
    families = args.families.split(",") if args.families else list(FAMILIES)
    out: dict = {"shots": {}, "families": {}}
    with tempfile.TemporaryDirectory() as tmp:
        project = load_project(write_project(Path(tmp), families, args.seeds))
        palette = [tuple(int(v) for v in c) for c in project.kit.palette()]
        session = RenderSession(project)
        try:
            for shot_id, c in analyze_shots(session):
                src = session.prepare(project.shot(shot_id)).source
                frames = decoded([src.frame(i) for i in LOOK_FRAMES], Path(tmp))
                dists, _ = palette_match(np.stack(frames), palette)
                row = {"score": round(c.score, 1), "verdict": c.verdict, "warp_error": c.metrics["warp_error"],
                       "hard_edge_pct": round(100 * max(hard_edge_share(f) for f in frames), 3),
                       "palette_edge_pct": round(100 * max(hard_edge_share(f, 1.5) for f in frames), 3),
                       "distinct_colours_min": min(distinct_colours(f) for f in frames),
                       "block8": round(max(blockiness(f, 8) for f in frames), 3),
                       "block48": round(max(blockiness(f, 48) for f in frames), 3),
                       "banding_px": round(max(banding(f) for f in frames), 2),
                       "max_dE2000": round(float(dists.max()), 2)}
                out["shots"][shot_id] = row
                print(shot_id, json.dumps(row), flush=True)
        finally:
            session.close()
        for family in families:
            rows = [r for k, r in out["shots"].items() if k.rsplit("-", 1)[0] == family]
            ref = procedural_warp(family, palette, project.fps)
            out["families"][family] = {
                "verdicts": {v: sum(r["verdict"] == v for r in rows) for v in ("OK", "WARN", "INCONSISTENT")},
                "score_min": min(r["score"] for r in rows),
                "e_warp_ratio": round(float(np.mean([r["warp_error"] for r in rows])) / max(ref, 1e-12), 2),
                **{k: max(r[k] for r in rows) for k in ("hard_edge_pct", "palette_edge_pct", "block8", "block48", "banding_px",
                                                          "max_dE2000")},
                "distinct_colours_min": min(r["distinct_colours_min"] for r in rows)}
            print(family, json.dumps(out["families"][family]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1))
    return out


if __name__ == "__main__":
    main()
