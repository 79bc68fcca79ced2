"""One generated clip, from a shot's `generate:` spec to finished frames, as steps that read top to bottom the way
a diffusers pipeline's `__call__` does (check inputs, encode prompt, prepare latents, denoise, decode).

At load, `Generation(spec, base_dir, references)` checks the inputs (files only, no torch). At render,
`generation(ctx)` plans (prompts, conditioning, cache keys, seeds), then takes each candidate from the cache or the
model, chooses, grades, resamples, gathers the sound and reports. torch and diffusers are imported only when a
candidate is generated. `ctx` is the shot's ShotContext (compositor/sources/base.py).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import numpy as np

from compositor.confine import confined
from compositor.diffusion import cache, memory, routing
from compositor.diffusion import sound as gen_sound
from compositor.diffusion.continuity import Request, generate as generate_chunks, loop_tail, plan as chunk_plan, \
    shot_frame
from compositor.diffusion.families import FolderInfo, detect
from compositor.diffusion.folder_checks import check_fit
from compositor.diffusion.pipeline import check_scheduler
from compositor.diffusion.resample import UPSCALER, Resampler, cover, generation_size, native_frames_needed
from compositor.diffusion.spec import GenerateSpec, ShotFrame
from compositor.errors import FieldError

BUILTIN = Path(__file__).resolve().parent / "builtin" / "model"
CORE_VERSION = "1"       # bump when chunking/joining changes the pixels of a clip
MAX_ASPECT = 4.0


def _f(name: str) -> tuple:
    return ("generate", name)


@dataclass(frozen=True)
class Prompts:
    """What the model is told: the prompts after the kit's look words and the built-in model's own rules."""
    prompt: str
    negative: Optional[str]
    guidance: float
    notes: list


@dataclass(frozen=True)
class Conditioning:
    """The frames and references that steer the clip, at the generation size."""
    start: Optional[np.ndarray]
    end: Optional[np.ndarray]
    mem: Optional[memory.Start]
    routed: routing.Inputs


@dataclass(frozen=True)
class Plan:
    width: int
    height: int
    frames: int
    steps: int
    guidance: float
    prompt: str
    negative: Optional[str]
    start: Optional[np.ndarray]
    base: dict
    base_key: str
    first_seed: int
    seeds: list
    keys: list
    adjusted: list
    end: Optional[np.ndarray] = None
    mem: Optional[memory.Start] = None
    routed: routing.Inputs = routing.Inputs(None)


@dataclass
class Candidate:
    clip: np.ndarray
    notes: list
    hit: bool


@dataclass
class Generated:
    """What a run leaves for the source: frames on demand, the clip's identity and sound, and the report."""
    resampler: Resampler
    identity: str
    sound: Any
    report: dict
    base_key: str


@dataclass
class _Run:
    ctx: Any
    plan: Plan
    report: dict = field(default_factory=dict)
    adjusted: list = field(default_factory=list)
    sounds: dict = field(default_factory=dict)


class Generation:
    """A shot's generation: load-time state only (spec, model folder, routing), so copies of a source share it."""

    def __init__(self, spec: Union[GenerateSpec, dict], base_dir: Union[str, Path], references=None):
        self.spec = spec if isinstance(spec, GenerateSpec) else GenerateSpec.model_validate(spec)
        self.base_dir = Path(base_dir)
        self.references = references or {}      # the project's resolved `references:` (name -> Reference)
        self.info = self.check_inputs()
        self.routing = routing.route(self.spec, self.info, references)   # where `reference:` goes, decided now

    # ---- the run, top to bottom ------------------------------------------------------------------------------
    def __call__(self, ctx, offset: Optional[int] = None) -> Generated:
        """Plan, take each candidate from the cache or the model, keep the best, finish it and report."""
        run = _Run(ctx, self.plan(ctx, offset))
        run.adjusted = list(run.plan.adjusted)
        candidates = self.generate_candidates(run)
        chosen = self.choose(run, [c.clip for c in candidates])
        clip, finish, palette, look = self.grade(run, candidates[chosen].clip, chosen)
        resampler = Resampler(clip, self.info.family.native_fps, ctx.fps, tuple(ctx.size), finish=finish)
        run.adjusted += candidates[-1].notes + resampler.describe()   # chunk notes do not depend on the seed
        key = run.plan.keys[chosen]
        identity = cache.clip_key({"clip": key, "out": [*ctx.size, ctx.fps, ctx.n_frames], "palette": palette,
                                   "grade": look})
        return Generated(resampler, identity, self.sound(run, key), self.finish_report(run, candidates, chosen, clip),
                         run.plan.base_key)

    def plan(self, ctx, offset: Optional[int] = None) -> Plan:
        """Everything a run derives before touching torch: sizes, prompts, conditioning, the cache keys of each
        seed (`offset`: the regeneration attempt, else the one kept beside the cache)."""
        self.check_output(ctx.size)
        width, height, frames, steps, guidance = self.shape(ctx)
        prompts = self.resolve_prompts(ctx, guidance)
        cond = self.condition(ctx, (width, height))
        self.check_fits(cond, width, height, frames)
        adjusted = self.size_notes(ctx, width, height, frames, steps, prompts) + prompts.notes
        adjusted += cond.mem.notes if cond.mem is not None else []
        adjusted += cond.routed.notes
        base = self.key_fields(width, height, frames, steps, prompts, cond)
        base_key = cache.clip_key(base)
        offset = self.attempt(ctx, base_key, offset)
        own_seed = self.spec.seed if cond.mem is None or cond.mem.seed is None else cond.mem.seed
        first_seed = own_seed + offset * self.spec.candidates
        if offset:
            adjusted.append(f"regenerated for coherence: seeds from {first_seed} (attempt {offset})")
        seeds = [first_seed + i for i in range(self.spec.candidates)]
        keys = [cache.clip_key({**base, "seed": seed}) for seed in seeds]
        mem = cond.mem or memory.Start(cond.start, is_previous=self.spec.continue_from is not None)
        return Plan(width, height, frames, steps, prompts.guidance, prompts.prompt, prompts.negative, cond.start,
                    base, base_key, first_seed, seeds, keys, adjusted, cond.end, mem, cond.routed)

    def cached(self, ctx, offset: Optional[int] = None) -> bool:
        """True when every candidate clip is in the cache (a run would not generate)."""
        if not ctx.use_cache:
            return False
        try:
            plan = self.plan(ctx, offset)
        except (FieldError, OSError):
            return False
        return all(cache.entry_path(ctx.cache_dir, key).exists() for key in plan.keys)

    # ---- check inputs (at load, no torch) --------------------------------------------------------------------
    def check_inputs(self) -> FolderInfo:
        """Refuse, at load, a model folder, scheduler or conditioning the model cannot take."""
        spec = self.spec
        info = detect(self.model_folder(), _f("model"))
        check_scheduler(spec.scheduler, info, _f("scheduler"))
        gen_sound.check(spec, info)
        fam = info.family
        if spec.image is not None and spec.continue_from is not None:
            raise FieldError(_f("continue_from"), "`image` and `continue_from` both set the first frame",
                             "keep one of them")
        for name in ("image", "continue_from"):
            if getattr(spec, name) is not None and not fam.can_i2v:
                raise FieldError(_f(name), f"{info.folder.name} is a {fam.label} model: it cannot start from an "
                                 "image", "use an image-to-video model (Wan I2V/TI2V or LTX-Video), or remove "
                                 f"`{name}`")
        memory.check(spec, fam, info.folder.name, info.class_name)
        if fam.t2v_class is None and spec.image is None and spec.continue_from is None and \
                spec.start_from is None and spec.continuity is None and \
                not routing.has_content(spec, self.references):
            raise FieldError(_f("image"), f"{info.folder.name} is an image-to-video model and needs a first frame",
                             "add `image: path/to/first-frame.png` or `continue_from: <shot id>`")
        path = self._image_path()
        if path is not None and not path.is_file():
            raise FieldError(_f("image"), f"image not found: {path}", "check the path (relative to the project file)")
        still = spec.start_from
        if isinstance(still, str) and not memory.is_reference_name(still) and not self._asset(still,
                                                                                           "start_from").is_file():
            raise FieldError(_f("start_from"), f"image not found: {self._asset(still, 'start_from')}",
                             "check the path (relative to the project file), or name one of the project's references")
        if spec.end_on is not None:
            self._check_end(info)
        return info

    def _check_end(self, info: FolderInfo) -> None:
        from compositor.diffusion.families import LAST_FRAME_FAMILIES

        fam = info.family
        end = None if isinstance(self.spec.end_on, ShotFrame) else self._end_path()    # confined before anything
        if not fam.last_frame:
            raise FieldError(_f("end_on"), f"{info.folder.name} is a {fam.label} model ({info.class_name}): it "
                             "cannot be made to land on a last frame",
                             f"use a model that can: {'; '.join(LAST_FRAME_FAMILIES)} — or remove `end_on`")
        if self.spec.loop:
            raise FieldError(_f("end_on"), "`end_on` and `loop` both set the last frame", "keep one of them")
        if end is not None and not end.is_file():
            raise FieldError(_f("end_on"), f"image not found: {end}", "check the path (relative to the project file)")

    def model_folder(self) -> Path:
        """The pipeline folder `model:` names: the shipped model, or one in the project or a model store."""
        if self.spec.model == "builtin":
            if not (BUILTIN / "model_index.json").exists():
                raise FieldError(_f("model"), f"the built-in model is not installed (expected {BUILTIN})",
                                 "reinstall Compositor, or point `model:` at a downloaded diffusers pipeline folder")
            return BUILTIN
        from compositor.confine import model_roots

        folder = Path(self.spec.model).expanduser()
        folder = folder if folder.is_absolute() else self.base_dir / folder
        if not folder.exists():
            return folder          # detect() says what is missing
        try:
            return confined(folder, (self.base_dir, *model_roots()), _f("model"), self.spec.model)
        except FieldError as exc:
            raise FieldError(_f("model"), exc.message.replace("outside the project and kit folders",
                                                              "outside the project folder and the model stores"),
                             "put the model folder in a store named by COMPOSITOR_MODELS (a path list), e.g. "
                             "COMPOSITOR_MODELS=~/models, or inside the project folder") from None

    def check_output(self, size: tuple[int, int]) -> None:
        """Refuse an output size the model cannot fill (callable at load time, before any generation)."""
        out_w, out_h = size
        if max(out_w / out_h, out_h / out_w) > MAX_ASPECT:
            raise FieldError(_f("model"), f"cannot generate a {out_w}×{out_h} background: "
                             f"{self.info.family.label} models make frames up to {MAX_ASPECT:g}:1",
                             "use a less extreme output size for this shot, or an image/video background")

    def makes_sound(self) -> bool:
        """A model that makes sound with its footage (LTX-2), unless the shot turned it off."""
        return gen_sound.wanted(self.spec, self.info)

    def _image_path(self) -> Optional[Path]:
        return None if self.spec.image is None else self._asset(self.spec.image, "image")

    def _end_path(self) -> Path:
        return self._asset(self.spec.end_on, "end_on")

    def _asset(self, value, name: str) -> Path:
        """A conditioning image named by the project: relative to its folder and confined to it, as every
        other asset is (a missing file is reported by `check_inputs`)."""
        path = Path(value).expanduser()
        path = path if path.is_absolute() else self.base_dir / path
        return confined(path, (self.base_dir,), _f(name), str(value)) if path.exists() else path

    # ---- plan: shape, prompts, conditioning, fit, cache key, seeds (no torch) --------------------------------
    def shape(self, ctx) -> tuple:
        """The model's own size, frame count, steps and guidance for this shot (width, height, frames, ...)."""
        fam = self.info.family
        width, height = generation_size(fam.native_size, tuple(ctx.size), fam.size_multiple, fam.sizes)
        frames = native_frames_needed(ctx.n_frames, ctx.fps, fam.native_fps)
        steps = self.spec.steps or fam.steps
        guidance = fam.guidance if self.spec.guidance is None else self.spec.guidance
        return width, height, frames, steps, guidance

    def resolve_prompts(self, ctx, guidance: float) -> Prompts:
        """The kit's look words for a downloaded model; the built-in model's prompt rules for the shipped one."""
        prompt, negative = self.spec.prompt, self.spec.negative
        look, look_neg = getattr(ctx.brand, "look_prompt", None), getattr(ctx.brand, "look_negative", None)
        if self.info.folder != BUILTIN:
            # The built-in model knows only its motion vocabulary and takes the brand from the palette; a kit's
            # look words steer its family instead ("soft natural light": bokeh read as light leak, measured).
            if look:
                prompt = f"{prompt}, {look}"
            if look_neg:
                negative = f"{negative}, {look_neg}" if negative else look_neg
            return Prompts(prompt, negative, guidance, [])
        from compositor.diffusion.builtin.prompting import settings   # the built-in weights' own prompt rules

        negative, guidance, notes = settings(prompt, negative or None, self.spec.guidance, guidance, self.info.folder)
        if look or look_neg:
            notes.append("the kit's look words are not given to the built-in model (its palette is the brand's look)")
        return Prompts(prompt, negative or None, guidance, notes)

    def condition(self, ctx, size: tuple[int, int]) -> Conditioning:
        """The first frame (image, previous shot, start_from/continuity), the references routed to the model and
        the last frame (end_on), all at the generation size."""
        start = self._start_frame(ctx, size)
        mem = self._memory_start(ctx, size)
        if mem is not None:
            start = mem.image
        routed = routing.inputs(self.routing, self.info, start, ctx.size, size)
        return Conditioning(routed.start, self._end_frame(ctx, size), mem, routed)

    def check_fits(self, cond: Conditioning, width: int, height: int, frames: int) -> None:
        """Refuse, before loading weights, a size or chunk length the transformer cannot take."""
        fam = self.info.family
        total = frames + (loop_tail(frames) if self.spec.loop else 0)
        longest = max(c.frames for c in chunk_plan(fam, total, cond.start is not None,
                                                    self.spec.continue_from is not None))
        check_fit(self.info, width, height, longest, len(cond.routed.reference_images or ()), _f("model"))

    def size_notes(self, ctx, width: int, height: int, frames: int, steps: int, prompts: Prompts) -> list:
        """What the model imposed on the shot (size, rate, frame count, defaults), for the user to hear about."""
        spec, fam = self.spec, self.info.family
        how = ("the trained size closest to the output's aspect" if fam.sizes else
               f"native area {fam.native_size[0]}×{fam.native_size[1]}, sides multiples of {fam.size_multiple}")
        notes = [
            f"generated at {width}×{height} ({fam.label}: {how}) at its native {fam.native_fps:g} fps",
            f"{ctx.n_frames} frames at {ctx.fps:g} fps need {frames} native frames "
            f"(one call makes at most {fam.window}, counts {fam.temporal}k+1)",
        ]
        if spec.steps is None:
            notes.append(f"steps: {steps} ({fam.label} default)")
        if spec.guidance is None and not any(n.startswith("negative prompt") for n in prompts.notes):
            notes.append(f"guidance: {prompts.guidance:g} ({fam.label} default)")
        return notes

    def key_fields(self, width: int, height: int, frames: int, steps: int, prompts: Prompts,
                   cond: Conditioning) -> dict:
        """Everything that decides the pixels, hashed into the cache key (fields added later appear only when
        set, so every existing user's cache keeps hitting)."""
        spec, info, fam = self.spec, self.info, self.info.family
        base = {
            "model": cache.folder_identity(info.folder), "pipeline": info.class_name, "family": fam.name,
            "prompt": prompts.prompt, "negative": prompts.negative, "steps": steps, "guidance": prompts.guidance,
            "scheduler": spec.scheduler, "size": [width, height], "frames": frames, "window": fam.window,
            "fps": fam.native_fps, "loop": spec.loop, "device": spec.device, "core": CORE_VERSION,
            "start": None if cond.start is None else hashlib.sha256(cond.start.tobytes()).hexdigest(),
            "start_is_previous": spec.continue_from is not None, "versions": cache.library_versions(),
        }
        if cond.mem is not None:
            base.update(start_is_previous=cond.mem.is_previous, start_strength=cond.mem.strength)
        if cond.end is not None:
            base["end"] = hashlib.sha256(cond.end.tobytes()).hexdigest()
        if cond.routed.key:   # references given to the model and product-lock placeholders
            base["routed"] = cond.routed.key
        return base

    @staticmethod
    def attempt(ctx, base_key: str, offset: Optional[int]) -> int:
        """The block of seeds to use: a regeneration attempt, else the one kept beside the cache, else the first."""
        if offset is not None:
            return offset
        if not ctx.use_cache:
            return 0
        return int(_read_json(selections_path(ctx.cache_dir)).get(base_key, 0))

    # ---- conditioning frames ---------------------------------------------------------------------------------
    def _start_frame(self, ctx, size: tuple[int, int]) -> Optional[np.ndarray]:
        if self.spec.image is not None:
            return self._read(self._image_path(), "image", size)
        if self.spec.continue_from is not None:
            prev = ctx.previous(self.spec.continue_from) if ctx.previous else None
            if prev is None:
                raise FieldError(_f("continue_from"), f"no shot with id {self.spec.continue_from!r} before this one",
                                 "name an earlier shot's id")
            n = prev.ctx.n_frames if getattr(prev, "ctx", None) is not None else 1
            return cover(np.asarray(prev.frame(n - 1))[..., :3], size)
        return None

    def _end_frame(self, ctx, size: tuple[int, int]) -> Optional[np.ndarray]:
        if self.spec.end_on is None:
            return None
        if isinstance(self.spec.end_on, ShotFrame):
            return cover(shot_frame(self.spec.end_on, ctx, _f("end_on")), size)
        return self._read(self._end_path(), "end_on", size)

    def _memory_start(self, ctx, size: tuple[int, int]) -> Optional[memory.Start]:
        """The first frame `start_from` or `continuity` asks for (None when the shot uses neither)."""
        spec = self.spec
        if spec.start_from is not None:
            if isinstance(spec.start_from, ShotFrame):
                frame = cover(shot_frame(spec.start_from, ctx, _f("start_from")), size)
            else:
                frame = self._still(spec.start_from, "start_from", size)
            return memory.Start(frame, conditioned_by=[memory.record("start_from", spec.start_from, frame)])
        if spec.continuity is not None:
            ref = ShotFrame(shot=spec.continuity.with_, at="end")
            frame = cover(shot_frame(ref, ctx, _f("continuity")), size)
            return memory.continuity_start(spec, self.info.family, frame, ctx.previous(ref.shot))
        return None

    def _still(self, value: str, name: str, size: tuple[int, int]) -> np.ndarray:
        """A conditioning still (a file, or a project reference by name) covered to the generation size."""
        path = self._asset(value, name)
        if memory.is_reference_name(value):
            refs = self.references or {}
            if value not in refs:
                raise FieldError(_f(name), f"no reference {value!r} and no such file",
                                 f"use one of the project's references ({', '.join(refs) or 'none defined'}) or a "
                                 "path to an image")
            path = Path(getattr(refs[value], "image", refs[value]))     # found and confined at load
        return self._read(path, name, size)

    @staticmethod
    def _read(path: Path, name: str, size: tuple[int, int]) -> np.ndarray:
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(path) as im:
                return cover(np.asarray(im.convert("RGB")), size)
        except (OSError, UnidentifiedImageError) as exc:
            raise FieldError(_f(name), f"cannot read the image: {exc}", "use a PNG or JPEG file") from None

    # ---- candidates: cache lookup, else generate (best-of-N seeds, chunks) -----------------------------------
    def generate_candidates(self, run: _Run) -> list:
        """One clip per seed: from the cache when it holds it, else generated and stored."""
        plan, ctx, fam = run.plan, run.ctx, self.info.family
        request = Request(plan.prompt, plan.negative, plan.first_seed, plan.steps, plan.guidance,
                          self.spec.scheduler, plan.width, plan.height, plan.frames, plan.start, plan.mem.is_previous,
                          self.spec.loop, plan.end, round((ctx.n_frames - 1) * fam.native_fps / ctx.fps),
                          plan.mem.strength)
        out = []
        for seed, key in zip(plan.seeds, plan.keys):
            entry = cache.load(ctx.cache_dir, key, with_meta=True) if ctx.use_cache else None
            if entry is not None:
                out.append(Candidate(entry[0], entry[1].get("notes", []), True))
                continue
            request.seed = seed
            result = self._generate(run, request, seed)
            run.report.setdefault("seam_offsets", {})[seed] = result.seam_offsets
            run.report.setdefault("chunks", {})[seed] = result.chunks
            if result.end_offset is not None:
                run.report.setdefault("end_offsets", {})[seed] = result.end_offset
            cache.store(ctx.cache_dir, key, result.frames, sound=run.sounds.pop(seed, None), meta={
                "prompt": plan.prompt, "negative": plan.negative, "model": str(self.info.folder),
                "pipeline": self.info.class_name, "seed": seed, "steps": plan.steps, "guidance": plan.guidance,
                "scheduler": self.spec.scheduler, "shot": ctx.shot_id, "notes": result.notes,
                "conditioned_by": self.conditioned_by(plan)})
            out.append(Candidate(result.frames, result.notes, False))
        return out

    def _generate(self, run: _Run, request: Request, seed: int):
        """Chunks through the loaded pipeline (the only place torch runs); a model's sound joined on the way."""
        from compositor.diffusion import pipeline

        ctx, fam = run.ctx, self.info.family
        loaded = pipeline.load(self.info, pipeline.resolve_device(self.spec.device))
        run.report["memory_savers"] = list(loaded.savers)

        def call(seed, frames, image, on_step, last=None, strength=1.0):
            return pipeline.call(loaded, prompt=request.prompt, negative=request.negative, seed=seed,
                                 steps=request.steps, guidance=request.guidance, width=request.width,
                                 height=request.height, frames=frames, scheduler=request.scheduler, image=image,
                                 last_image=last, progress=on_step, strength=strength,
                                 **_routed_kwargs(run.plan.routed))

        def progress(label, done, total):
            if ctx.progress is not None:
                ctx.progress(f"{ctx.shot_id}: generating (seed {seed}, {label})", done, total)

        if not fam.audio:
            return generate_chunks(request, fam, call, progress)
        calls = []

        def heard(**kwargs):          # each call's sound, laid on the clip's clock once the chunks are joined
            frames = call(**kwargs)
            calls.append((len(frames), loaded.sound))
            return frames

        result = generate_chunks(request, fam, heard, progress)
        total = request.frames + (loop_tail(request.frames) if request.loop else 0)
        run.sounds[seed] = gen_sound.join(calls, result.chunks, fam.native_fps, total,
                                          request.frames if request.loop else None)
        return result

    # ---- choose, grade, sound, report ------------------------------------------------------------------------
    def choose(self, run: _Run, clips: list) -> int:
        """Best of N: the most coherent candidate (the only one when N is 1)."""
        if len(clips) == 1:
            return 0
        try:
            from compositor.consistency.score import pick_best
        except ImportError:
            raise FieldError(_f("candidates"), "best-of-N needs the coherence scorer "
                             "(compositor.consistency.score), which is not installed",
                             "set `candidates: 1`") from None
        index, scores = pick_best([list(c) for c in clips], self.info.family.native_fps)
        run.report["scores"] = [float(s) for s in scores]
        run.report["chosen"] = int(index)
        run.adjusted.append(f"best of {len(clips)}: kept seed {run.plan.seeds[index]} "
                            f"(coherence scores {', '.join(f'{s:.4g}' for s in run.report['scores'])})")
        return int(index)

    def grade(self, run: _Run, clip: np.ndarray, chosen: int) -> tuple:
        """The built-in model's look: graded in float through the brand palette, grain added at the output size
        (builtin/backdrop.py); other models' clips pass as they are. (clip, finish, palette, look version)"""
        if self.info.folder != BUILTIN:
            return clip, None, None, None
        from compositor.diffusion.builtin.backdrop import LOOK_VERSION, finish as finish_look

        palette = _brand_palette(run.ctx)
        clip, finish, notes = finish_look(clip, palette, run.plan.seeds[chosen])
        run.adjusted += notes
        return clip, finish, palette, LOOK_VERSION

    def sound(self, run: _Run, key: str):
        """The chosen clip's sound, kept in its cache entry (None for a model that makes none)."""
        return cache.load_sound(run.ctx.cache_dir, key) if self.info.family.audio else None

    def finish_report(self, run: _Run, candidates: list, chosen: int, clip: np.ndarray) -> dict:
        """What the run did: conditioning, keys and cache hits, the seed kept, every adjustment."""
        plan = run.plan
        run.report.update({"conditioned_by": self.conditioned_by(plan), "key": plan.keys[chosen],
                           "keys": list(plan.keys), "cache_hits": [c.hit for c in candidates],
                           "seed": plan.seeds[chosen], "adjusted": run.adjusted, "upscaler": UPSCALER,
                           "size": [plan.width, plan.height], "native_frames": int(clip.shape[0])})
        return run.report

    def conditioned_by(self, plan: Plan) -> list:
        """Which frames conditioned this clip (recorded in its cache entry): start_from/continuity, end_on, and
        continue_from, each with the SHA-256 of the frame's pixels."""
        out = list(plan.mem.conditioned_by)
        if self.spec.continue_from is not None and plan.start is not None:
            out.append({"as": "continue_from", "shot": self.spec.continue_from, "frame": "end",
                        "sha256": memory.digest(plan.start)})
        if plan.end is not None:
            out.append(memory.record("end_on", self.spec.end_on, plan.end))
        return out


# ---- helpers -------------------------------------------------------------------------------------------------
def _routed_kwargs(routed: routing.Inputs) -> dict:
    """The routed references and placeholder, as pipeline.call takes them."""
    from PIL import Image

    out = {}
    if routed.reference_images:
        out["reference_images"] = [Image.fromarray(px) for px in routed.reference_images]
    if routed.placeholder is not None:
        out["placeholder"] = routed.placeholder
    return out


def _brand_palette(ctx):
    if ctx.brand is not None and hasattr(ctx.brand, "palette"):
        return [tuple(int(v) for v in c) for c in ctx.brand.palette()] or None
    return None


def selections_path(cache_dir) -> Path:
    """Where the kept regeneration attempt of each clip lives, beside the cache (every worker reads it)."""
    return Path(cache_dir) / cache.SUBDIR / "selections.json"


def keep_attempt(cache_dir, base_key: str, attempt: int) -> None:
    """Remember the chosen attempt for `base_key`, so every later render (and every worker) uses it."""
    path = selections_path(cache_dir)
    data = _read_json(path)
    data[base_key] = int(attempt)
    from compositor.atomic import atomic_write_bytes

    atomic_write_bytes(path, json.dumps(data, indent=1, sort_keys=True).encode())


def _read_json(path: Path) -> dict:
    try:
        return json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {}
