"""Write the model card (README.md) of the shipped folder from its training record and evaluation figures."""
from __future__ import annotations

import json
from pathlib import Path

from compositor.consistency import OK_THRESHOLD

from .. import architecture as arch
from ..procedural import DENSITIES, DIRECTIONS, FAMILIES, SOFTNESS, SPEEDS


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2 ** 20


def _missed(s: dict) -> str:
    """A sentence per bar this release does not meet (nothing when all are met)."""
    missed = []
    if s["adherence"] < 0.8:
        missed.append(f"adherence {s['adherence'] * 100:.0f}% (bar 80%)")
    if s["max_warp_lai_ratio"] > 1.5 or s["max_warp_ratio"] > 1.5:
        missed.append(f"warping error up to {s['max_warp_lai_ratio']:.1f}x that of the procedural clips with the project's "
                      f"coherence metric and {s['max_warp_ratio']:.1f}x with the unmasked DIS warp MAE (bar 1.5x; the "
                      f"VAE round trip alone reaches {s['max_warp_lai_codec_round_trip_ratio']:.1f}x and "
                      f"{s['max_codec_round_trip_warp_ratio']:.1f}x)")
    if s["max_dE2000"] > 10:
        missed.append(f"dominant-colour CIEDE2000 up to {s['max_dE2000']:.1f} (bar 10)")
    return f"\nThis release misses: {'; '.join(missed)}.\n" if missed else ""


def _slow(evaluation: dict) -> str:
    """Families that move clearly slower than the procedural clips of the same prompt (honest about calm)."""
    slow = [f"{name} {f['motion'] / f['motion_procedural']:.0%}" for name, f in evaluation["families"].items()
            if f["motion"] < 0.6 * f["motion_procedural"]]
    return (f"\nMotion is slower than the prompt asks for some families (mean flow as a share of the procedural "
            f"clips'): {', '.join(slow)}.\n") if slow else ""


def _schedule(cfg: dict) -> str:
    """The learning-rate / EMA / loss settings in words (older records lack the annealing fields)."""
    text = f"lr {cfg['lr']}, EMA {cfg['ema']}"
    if cfg.get("decay_start_min") is not None:
        text = (f"lr {cfg['lr']} and EMA {cfg['ema']} for the first {cfg['decay_start_min']:g} min of wall time, "
                f"then a cosine decay of the lr to 2% at the end of the budget with EMA {cfg['ema_final']}")
    if cfg.get("family_weights"):
        text += "; clips sampled more often for " + ", ".join(f"{k} ({v:g}x)" for k, v in cfg["family_weights"].items())
    if cfg.get("temporal_weight"):
        text += (f"; the loss adds {cfg['temporal_weight']:g}x the squared frame-to-frame differences of the velocity"
                 " error (weights flicker more)")
    return text


def write_card(folder: Path, evaluation: dict) -> Path:
    training = json.loads((folder / "training.json").read_text())
    s = evaluation["summary"]
    params = training["params"]
    tcfg = json.loads((folder / "transformer" / "config.json").read_text())  # whichever preset trained it
    coh_rows = "\n".join(
        f"| {name} | {f['warp_lai'] * 1e4:.2f} / {f['warp_lai_procedural'] * 1e4:.2f} = {f['warp_lai_ratio']:.2f} | "
        f"{f['warp_lai_codec_round_trip_ratio']:.2f} | {f['unmatched']:.3f} / {f['unmatched_procedural']:.3f} | "
        f"{f['coherence_score_min']:.0f} |"
        for name, f in evaluation["families"].items())
    fam_rows = "\n".join(
        f"| {name} | `{f['prompt']}` | {f['recognised']} | {f['warp_error']:.4f} / {f['warp_error_procedural']:.4f}"
        f" = {f['warp_ratio']:.2f} | {f['warp_error_codec_round_trip']:.4f} | {f['chunk_boundary_ratio']:.2f} / "
        f"{f['chunk_boundary_ratio_procedural']:.2f} | {f['motion']:.4f} / {f['motion_procedural']:.4f} | {f['max_dE2000']:.1f} | "
        f"{f['seed_pairwise_distance']:.3f} / {f['procedural_pairwise_distance']:.3f} | "
        f"{f['nn_train_distance_min']:.3f} / {f['procedural_nn_train_distance_min']:.3f} |"
        for name, f in evaluation["families"].items())
    rules = "; ".join(f"prompts naming {' / '.join(r['when'])}: negative prompt '{r.get('negative', '')}', "
                      f"guidance {r.get('guidance')}" for r in arch.call_hints()["prompt_rules"])
    text = f"""# Compositor built-in motion model

A small text-to-video diffusion model for calm, brand-coloured explainer backdrops, trained from scratch on
procedurally generated clips. It is a standard diffusers `WanPipeline` folder: it loads with
`DiffusionPipeline.from_pretrained(folder)` and no custom code.

## What it makes
Luminance (structure and motion) at {arch.NATIVE_SIZES[0][0]}x{arch.NATIVE_SIZES[0][1]} (also trained at
{arch.NATIVE_SIZES[1][0]}x{arch.NATIVE_SIZES[1][1]} and {arch.NATIVE_SIZES[2][0]}x{arch.NATIVE_SIZES[2][1]}),
{arch.NATIVE_FRAMES} frames at {arch.NATIVE_FPS} fps (4 s). Compositor grades it smoothly through the brand
palette in float (`compositor.diffusion.builtin.backdrop.finish`: `palette.grade_to_palette_float`, a gradient
map with glow whose levels follow the clip), interpolates to the project frame rate, upscales in float and rounds
each output frame to 8 bits under a static film grain (`grain.Grain`), so frames neither posterize nor band.
Families: {", ".join(FAMILIES)}.

Prompt vocabulary: a family phrase (e.g. "drifting gradient", "soft bokeh", "light leak", "flowing waves",
"particle field", "abstract geometry"), a speed ({", ".join(SPEEDS)}), "moving" + a direction
({", ".join(DIRECTIONS)}), a density ({", ".join(DENSITIES)}), a softness ({", ".join(SOFTNESS)}).
Unknown words map to `<unk>` and are ignored by the model.

Recommended call: `num_inference_steps={evaluation['steps']}`, `guidance_scale={evaluation['guidance']}`,
`height={arch.NATIVE_SIZES[0][1]}`, `width={arch.NATIVE_SIZES[0][0]}`, `num_frames={arch.NATIVE_FRAMES}`
(also in `compositor.json`, which the diffusion core reads). Prompt rules (`prompt_rules` in `compositor.json`,
applied by `compositor.diffusion.builtin.prompting.settings` when a project sets neither `negative:` nor
`guidance:`): {rules}
(measured: see docs/builtin-model.md).

## Components
| part | class | parameters |
| --- | --- | --- |
| transformer | `WanTransformer3DModel` ({tcfg['num_layers']} blocks, width {tcfg['num_attention_heads'] * tcfg['attention_head_dim']}, patch {'x'.join(map(str, tcfg['patch_size']))}) | {params['transformer']:,} |
| VAE | `AutoencoderKLWan` (z_dim 4, 4x spatial, 4x temporal), weights constructed in closed form as a luminance codec | {params['vae']:,} |
| text encoder | `UMT5EncoderModel` (2 layers, width 64), trained jointly | {params['text_encoder']:,} |
| tokenizer | word-level, built with `tokenizers` from the caption vocabulary | - |
| scheduler | `FlowMatchEulerDiscreteScheduler` (shift 3) | - |

Folder size: {_size_mb(folder):.1f} MB (safetensors).

## Data and training
Training data: {training['config']['clips']} procedural clips (`compositor/diffusion/builtin/procedural.py`,
seeds 0..{training['config']['clips'] - 1}, families balanced), captions drawn from the vocabulary with varied
wording and order, 10% with an unknown word, 10% empty (classifier-free guidance).
Flow matching, AdamW, batch {training['config']['batch']}; {_schedule(training['config'])}; {training['step']} steps.

Command: `{training['command']}` (resumable: re-run the same command to continue).
Wall time on {" and ".join(training.get("devices") or ["the 2-core development CPU"])} (shared with other jobs; the commands run in turn):
{training['wall_s'] / 60:.1f} min in total (encoding {training['encode_wall_s'] / 60:.1f} min, diffusion
{training['diffusion_wall_s'] / 60:.1f} min). Final training loss (mean of last 100 steps):
{training['final_loss']:.4f}.

## Evaluation
`python -m compositor.diffusion.builtin.training.evaluate --card` ({len(evaluation['families'])} families x
{s['seeds']} seeds, {evaluation['size'][0]}x{evaluation['size'][1]},
{evaluation['frames']} frames, {evaluation['steps']} steps, guidance {evaluation['guidance']} and the prompt
rules above). The look and the `compositor check` verdicts of rendered 1080p30 backdrops are measured by
`scripts/builtin_look.py` (figures in docs/builtin-model.md).

| figure | value | bar |
| --- | --- | --- |
| family adherence (held-aside classifier) | {s['adherence'] * 100:.0f}% | >= 80% |
| worst warping error ratio vs procedural clips of the family, project metric (Lai et al. E_warp, occlusion-masked) | {s['max_warp_lai_ratio']:.2f} | <= 1.5 |
| the same, procedural clips round-tripped through the VAE alone (the codec's floor: a perfect transformer reads this) | {s['max_warp_lai_codec_round_trip_ratio']:.2f} | - |
| lowest coherence score of a generation (`compositor.consistency`, 0-100; verdicts {", ".join(f"{k} {v}" for k, v in s['coherence_verdicts'].items())}) | {s['min_coherence_score']:.0f} | OK >= {OK_THRESHOLD:.0f} |
| worst warping error ratio vs procedural clips, DIS warp MAE (unmasked; earlier releases' figure) | {s['max_warp_ratio']:.2f} | <= 1.5 |
| the same, procedural clips round-tripped through the VAE alone (the codec's share) | {s['max_codec_round_trip_warp_ratio']:.2f} | - |
| worst warp MAE ratio vs those round-tripped clips (the transformer's share) | {s['max_warp_ratio_vs_codec_round_trip']:.2f} | - |
| worst warping error across the VAE's 4-frame chunk boundaries over that inside chunks (staircase) | {s['max_chunk_boundary_ratio']:.2f} | ~1 (procedural) |
| worst dominant-colour CIEDE2000 to palette (3 palettes) | {s['max_dE2000']:.1f} | <= 10 |
| mean pairwise distance between seeds | {s['mean_seed_pairwise_distance']:.3f} | > 0 (reported) |
| smallest distance to a training clip | {s['min_nn_train_distance']:.3f} | > 0 (reported) |
| median generation time (one clip, CPU, 2 threads, shared machine) | {s['median_generation_s']:.1f} s | - |

Coherence per family with the project's metric (generated / procedural; E_warp x 1e4, unmatched = share of
pixels failing the forward-backward flow check, which E_warp leaves out):

| family | E_warp x 1e4 | codec round trip ratio | unmatched | lowest score |
| --- | --- | --- | --- | --- |
{coh_rows}

Per family (generated / procedural):

| family | prompt | recognised | warp error | codec round trip warp | chunk boundary / inside | motion | max dE2000 | seed distance | nearest training clip |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
{fam_rows}

Distances are mean absolute luminance differences (0..1) after resampling both clips to 48x32x9; "nearest
training clip" is the minimum over {s['training_clips_compared']} training clips (a copy would read ~0; the
procedural column is a fresh clip from the generator, for scale). Warp error is the DIS-flow-compensated frame
difference; "chunk boundary / inside" is the warp error of frame pairs that straddle two VAE latents over that of
pairs inside one (above 1: still frames, then a jump); "motion" is the mean flow magnitude per frame as a
fraction of the frame height.

## Limits
Low resolution by design: detail finer than a 4x4 block at native size is smoothed (thin lines and specks
come out soft). Only the motion families above; other prompts give a generic soft backdrop.
{_slow(evaluation)}{_missed(s)}"""
    path = folder / "README.md"
    path.write_text(text)
    return path
