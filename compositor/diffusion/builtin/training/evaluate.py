"""Evaluate the built-in model against its bars and write the figures (JSON) and a contact sheet (PNG).

    python -m compositor.diffusion.builtin.training.evaluate [--model DIR] [--seeds 5] [--json out.json] [--sheet sheet.png]

Protocol (all deterministic):
- For every family x seed, generate a clip from the family's canonical caption at the native 16:9 size.
- Adherence: a classifier trained on held-aside procedural clips (seeds never used in training) names the
  family of each generation; accuracy over all generations.
- Coherence, with the project's own metric (`compositor.consistency`: Lai et al.'s E_warp with occluded pixels
  masked, the unmatched fraction, the 0-100 score and verdict): each generation vs. the median of procedural
  clips of the same family. Beside it the DIS warp MAE of earlier releases (unmasked, so morphing counts in
  full), vs. the procedural clips and vs. the same clips round-tripped through the model's VAE (the codec's own
  share), and how much larger it is across the VAE's 4-frame chunk boundaries than inside chunks (a
  "staircase" reads well above 1).
- Palette: each generation is mapped onto three brand palettes; worst CIEDE2000 of its dominant colours.
- Variety: mean pairwise distance between seeds of the same prompt (procedural reference beside it).
- Honesty: distance from each generation to its nearest training clip (a copy would read ~0).
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import cv2
import numpy as np
import torch

from .. import architecture as arch
from ..colour import palette_match
from .dataset import make_clip
from .metrics import (FamilyClassifier, boundary_ratio, clip_distance, features, mean_motion,
                      pair_warping_errors, project_coherence, warping_error)
from ..palette import grade_to_palette
from ..prompting import settings
from ..procedural import FAMILIES, MotionParams, caption
from ..sampling import DEFAULT_GUIDANCE, DEFAULT_STEPS, MODEL_DIR, generate_luminance, load_pipeline

EVAL_SIZE = arch.NATIVE_SIZES[0]
PALETTES = {
    "navy-teal-cream": [(12, 30, 70), (0, 150, 160), (245, 235, 210)],
    "violet-orange": [(90, 40, 200), (250, 120, 60)],
    "five-colour": [(20, 20, 30), (200, 30, 80), (250, 200, 50), (60, 180, 120), (240, 240, 240)],
}
SIZES = arch.NATIVE_SIZES


def _blur_augment(clip: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    sigma = rng.uniform(0.0, 1.5)
    return clip if sigma < 0.3 else np.stack([cv2.GaussianBlur(f, (0, 0), sigma) for f in clip])


def train_classifier(per_family: int = 30) -> FamilyClassifier:
    """Held-aside classifier: procedural clips from the 'heldout' seed range, mildly blurred for robustness."""
    rng = np.random.default_rng(123)
    feats, labels = [], []
    for i in range(per_family * len(FAMILIES)):
        clip = make_clip("heldout", i, SIZES, arch.NATIVE_FRAMES, arch.NATIVE_FPS)
        feats.append(features(_blur_augment(clip.luminance, rng)))
        labels.append(FAMILIES.index(clip.params.family))
    return FamilyClassifier().fit(np.array(feats), np.array(labels))


def eval_prompt(family: str) -> str:
    return caption(MotionParams(family=family, speed="slow", direction="right", density="moderate",
                                softness="soft"))


def reference_clips(family: str, count: int = 5) -> list[np.ndarray]:
    """Procedural clips of `family` with the evaluation prompt's parameters (held-aside seeds)."""
    params = MotionParams(family=family, speed="slow", direction="right", density="moderate", softness="soft")
    from ..procedural import render
    return [render(params, 30_000_000 + s, EVAL_SIZE, arch.NATIVE_FRAMES, arch.NATIVE_FPS) for s in range(count)]


def codec_round_trip(vae, clip: np.ndarray) -> np.ndarray:
    """A procedural clip encoded and decoded by the model's own VAE: the best any transformer could produce
    through this codec (its warping error is the codec's share of the model's)."""
    from ..codec_vae import encode_direct

    with torch.no_grad():
        rec = vae.decode(torch.from_numpy(encode_direct(clip))[None].to(vae.device)).sample[0, 0].cpu().numpy()
    return np.clip((rec + 1) / 2, 0.0, 1.0)


def nearest_training_distance(clip: np.ndarray, family: str, training: dict) -> float:
    return min(clip_distance(clip, t) for t in training[family])


def training_clips(count: int) -> dict:
    out: dict = {f: [] for f in FAMILIES}
    for i in range(count):
        c = make_clip("train", i, SIZES, arch.NATIVE_FRAMES, arch.NATIVE_FPS, (0.5, 0.3, 0.2))
        out[c.params.family].append(c.luminance)
    return out


def contact_sheet(rows: list[list[np.ndarray]], path: Path) -> None:
    """One row per clip: 5 frames spread over the clip, palette-mapped."""
    strips = [np.concatenate(r, axis=1) for r in rows]
    cv2.imwrite(str(path), cv2.cvtColor(np.concatenate(strips, axis=0), cv2.COLOR_RGB2BGR))


def evaluate(model: Path, seeds: int, steps: int, guidance: float, train_count: int,
             sheet: Path | None, device: str = "cpu") -> dict:
    torch.set_num_threads(2)
    pipe = load_pipeline(model).to(device)
    clf = train_classifier()
    training = training_clips(train_count)
    results: dict = {"model": str(model), "steps": steps, "guidance": guidance or DEFAULT_GUIDANCE, "size": list(EVAL_SIZE),
                     "frames": arch.NATIVE_FRAMES, "fps": arch.NATIVE_FPS, "families": {}}
    correct = total = 0
    gen_times, worst_de, rows, scores, verdicts = [], [], [], [], []
    for family in FAMILIES:
        prompt = eval_prompt(family)
        negative, fam_guidance, _ = settings(prompt, None, guidance, DEFAULT_GUIDANCE, model)
        gens = []
        for seed in range(seeds):
            t0 = time.perf_counter()
            gens.append(generate_luminance(pipe, prompt, seed, EVAL_SIZE, arch.NATIVE_FRAMES, steps, fam_guidance,
                                           negative))
            gen_times.append(time.perf_counter() - t0)
        preds = clf.predict(np.stack([features(g) for g in gens]))
        hits = int((preds == FAMILIES.index(family)).sum())
        correct, total = correct + hits, total + len(gens)
        refs = reference_clips(family)
        round_trips = [codec_round_trip(pipe.vae, r) for r in refs]
        codec_warp = float(np.median([warping_error(r) for r in round_trips]))
        codec_lai = float(np.median([project_coherence(r, arch.NATIVE_FPS).metrics["warp_error"]
                                     for r in round_trips]))
        gen_pairs = [pair_warping_errors(g) for g in gens]
        ref_pairs = [pair_warping_errors(r) for r in refs]
        ref_warp = float(np.median([np.mean(e) for e in ref_pairs]))
        gen_coh = [project_coherence(g, arch.NATIVE_FPS) for g in gens]
        ref_coh = [project_coherence(r, arch.NATIVE_FPS) for r in refs]
        gen_lai = float(np.mean([c.metrics["warp_error"] for c in gen_coh]))
        ref_lai = float(np.median([c.metrics["warp_error"] for c in ref_coh]))
        scores.extend(c.score for c in gen_coh)
        verdicts.extend(c.verdict for c in gen_coh)
        gen_warp = float(np.mean([np.mean(e) for e in gen_pairs]))
        des = []
        for g in gens:
            for palette in PALETTES.values():
                dists, _ = palette_match(grade_to_palette(g, palette), palette)
                des.append(float(dists.max()))
        worst_de.extend(des)
        pair = [clip_distance(gens[i], gens[j]) for i in range(len(gens)) for j in range(i + 1, len(gens))]
        ref_pair = [clip_distance(refs[i], refs[j]) for i in range(len(refs)) for j in range(i + 1, len(refs))]
        nn = [nearest_training_distance(g, family, training) for g in gens]
        ref_nn = [nearest_training_distance(r, family, training) for r in refs]
        results["families"][family] = {
            "prompt": prompt, "negative": negative, "guidance": fam_guidance,
            "recognised": f"{hits}/{len(gens)}",
            "predicted": [FAMILIES[p] for p in preds],
            "warp_lai": round(gen_lai, 7), "warp_lai_procedural": round(ref_lai, 7),
            "warp_lai_ratio": round(gen_lai / max(ref_lai, 1e-9), 3),
            "warp_lai_codec_round_trip_ratio": round(codec_lai / max(ref_lai, 1e-9), 3),
            "unmatched": round(float(np.mean([c.metrics["unmatched"] for c in gen_coh])), 4),
            "unmatched_procedural": round(float(np.median([c.metrics["unmatched"] for c in ref_coh])), 4),
            "coherence_score_min": round(min(c.score for c in gen_coh), 1),
            "warp_error": round(gen_warp, 5), "warp_error_procedural": round(ref_warp, 5),
            "warp_ratio": round(gen_warp / max(ref_warp, 1e-6), 3),
            "warp_error_codec_round_trip": round(codec_warp, 5),
            "warp_ratio_vs_codec_round_trip": round(gen_warp / max(codec_warp, 1e-6), 3),
            "chunk_boundary_ratio": round(float(np.mean([boundary_ratio(e) for e in gen_pairs])), 2),
            "chunk_boundary_ratio_procedural": round(float(np.mean([boundary_ratio(e) for e in ref_pairs])), 2),
            "motion": round(float(np.mean([mean_motion(g) for g in gens])), 5),
            "motion_procedural": round(float(np.mean([mean_motion(r) for r in refs])), 5),
            "max_dE2000": round(max(des), 2),
            "seed_pairwise_distance": round(float(np.mean(pair)), 4),
            "procedural_pairwise_distance": round(float(np.mean(ref_pair)), 4),
            "nn_train_distance_min": round(float(np.min(nn)), 4),
            "procedural_nn_train_distance_min": round(float(np.min(ref_nn)), 4),
        }
        palette = PALETTES["navy-teal-cream"]
        for g in gens[:2]:
            mapped = grade_to_palette(g, palette)
            idx = np.linspace(0, len(mapped) - 1, 5).round().astype(int)
            rows.append([mapped[i] for i in idx])
        print(family, json.dumps(results["families"][family]), flush=True)
    fam = results["families"].values()
    results["summary"] = {
        "adherence": round(correct / total, 3),
        "max_warp_lai_ratio": max(f["warp_lai_ratio"] for f in fam),
        "max_warp_lai_codec_round_trip_ratio": max(f["warp_lai_codec_round_trip_ratio"] for f in fam),
        "min_coherence_score": round(min(scores), 1),
        "coherence_verdicts": {v: verdicts.count(v) for v in sorted(set(verdicts))},
        "max_warp_ratio": max(f["warp_ratio"] for f in fam),
        "max_warp_ratio_vs_codec_round_trip": max(f["warp_ratio_vs_codec_round_trip"] for f in fam),
        "max_codec_round_trip_warp_ratio": round(max(f["warp_error_codec_round_trip"] / max(f["warp_error_procedural"],
                                                                                               1e-6) for f in fam), 2),
        "max_chunk_boundary_ratio": max(f["chunk_boundary_ratio"] for f in fam),
        "max_dE2000": round(max(worst_de), 2),
        "median_generation_s": round(float(np.median(gen_times)), 2),
        "min_nn_train_distance": min(f["nn_train_distance_min"] for f in fam),
        "mean_seed_pairwise_distance": round(float(np.mean([f["seed_pairwise_distance"] for f in fam])), 4),
        "training_clips_compared": train_count,
        "seeds": seeds,
    }
    if sheet:
        contact_sheet(rows, sheet)
    return results


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", type=Path, default=MODEL_DIR)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--steps", type=int, default=DEFAULT_STEPS)
    ap.add_argument("--guidance", type=float, default=None,
                    help="one guidance for every prompt (default: the model's own, with its prompt rules)")
    ap.add_argument("--train-clips", type=int, default=240, help="training clips searched for nearest neighbours")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--sheet", type=Path, default=None)
    ap.add_argument("--card", action="store_true", help="write the model card (README.md) into the model folder")
    ap.add_argument("--device", default="cpu", help="where generation runs (figures for the card: cpu)")
    args = ap.parse_args(argv)
    res = evaluate(args.model, args.seeds, args.steps, args.guidance, args.train_clips, args.sheet, args.device)
    print(json.dumps(res["summary"], indent=2))
    if args.json:
        args.json.write_text(json.dumps(res, indent=2))
    (args.model / "evaluation.json").write_text(json.dumps(res, indent=2))
    if args.card:
        from .card import write_card
        write_card(args.model, res)
    return res


if __name__ == "__main__":
    main()
