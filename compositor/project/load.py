"""project.yaml -> a resolved `Project`: validated once, brand tokens resolved once, assets checked, overlays built.

Everything a user can get wrong is found here, before any frame is drawn, and reported as FILE:LINE issues.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

from brand.kit import BrandKit, find_kit, load_kit
from overlays.base import BuildContext
from overlays.registry import KINDS
from overlays.ui import link_shot

from ..errors import FieldError, Issue, UserError
from ..layer import PlacedLayer
from .audio import placed_clips
from ..captions.project import caption_cues, caption_overlay, caption_placement
from ..links import resolve_background
from ..sources import Source, build_source
from ..timeline import ShotSpan, Timeline, plan
from ..vocab.bounds import MAX_RASTER
from ..vocab.layer import LayerCommon
from .params import apply_params
from . import variants
from .references import load_references
from .schema import ProjectSpec, ShotSpec, TransitionSpec, union_tags
from ..vocab.field_warnings import field_warnings
from ..vocab.validation import field_error_to_user, validate
from ..vocab.yamlmarks import LineMap, read_marked


@dataclass(frozen=True)
class Shot:
    """One shot as loaded: its validated spec, its background source *template* (a render session prepares its
    own fresh copy), its placed layers and its place on the timeline. Frozen."""

    spec: ShotSpec
    index: int
    source: Source
    layers: tuple[PlacedLayer, ...]
    duration: float
    transition: Optional[TransitionSpec]
    span: ShotSpan
    transition_color: tuple = (0, 0, 0, 255)

    @property
    def id(self) -> str:
        return self.spec.id


@dataclass(frozen=True)
class Project:
    """A validated, resolved project: what to render, never how far rendering got (see RenderSession)."""

    spec: ProjectSpec
    file: Path
    lines: LineMap
    kit: BrandKit
    shots: tuple[Shot, ...]
    timeline: Timeline
    size: tuple[int, int]
    fps: float
    output: Path
    fmt: str
    cache_dir: Path
    variant: Optional[str] = None              # the output variant this project was loaded for
    placed_clips: tuple = ()                   # audio clips with their start times (audio.timing.PlacedClip)
    captions: Optional[list] = None            # laid-out caption cues, None without `captions:`
    load_warnings: tuple[str, ...] = ()        # warning lines found while loading (cut texts, captions that needed help)
    references: Mapping = field(default_factory=dict)   # `references:` name -> diffusion.references.Reference
    given: Any = None                          # project.variants.Applied: what the variant gave in its own pixels

    @property
    def base_dir(self) -> Path:
        return self.file.parent

    @property
    def has_alpha(self) -> bool:
        return any(s.source.has_alpha for s in self.shots)

    def shot(self, shot_id: str) -> Shot:
        return next(s for s in self.shots if s.id == shot_id)


def default_cache_dir(base_dir: Path) -> Path:
    env = os.environ.get("COMPOSITOR_CACHE")
    return Path(env) if env else base_dir / ".compositor-cache"


def _project_output(base_dir: Path, rel: str, field: tuple, lines: LineMap) -> Path:
    from ..confine import confined_output

    try:
        return confined_output(base_dir, rel, ())
    except FieldError as exc:
        raise field_error_to_user(exc, lines, field)


def load_project(file: Path | str, output: Optional[Path] = None, variant: Optional[str] = None,
                 params: Optional[Mapping[str, Any]] = None) -> Project:
    """Load, validate and resolve a project file (optionally one of its output variants, with `params` values
    for its `params:`). Raises UserError with every problem found."""
    from ..encode import format_for

    file = Path(file).resolve() if Path(file).is_file() else Path(file)
    if file.is_dir():
        for name in ("project.yaml", "project.yml", "project.json"):
            if (file / name).exists():
                file = (file / name).resolve()
                break
    data, lines = read_marked(file)
    if not isinstance(data, dict):
        raise lines.error((), "a project file must be a mapping", "start with 'compositor: 1' and 'shots:'")
    data = apply_params(data, lines, file.parent, params)
    data, lines, applied = variants.apply(data, lines, variant)
    spec = validate(ProjectSpec, data, lines, hints=_allowed_keys, tags=union_tags())
    base_dir = file.parent

    try:
        kit = load_kit(find_kit(spec.brand or "neutral", base_dir))
    except FieldError as exc:
        raise field_error_to_user(exc, lines, ("brand",))

    _check_references(spec, lines)
    references = load_references(spec, lines, base_dir, (getattr(kit, "folder", None),))
    W, H = spec.output.size
    v = {**spec.output.variants, **spec.variants}[variant] if variant is not None else None
    if v is not None:
        W, H = v.size
        if output is None:
            where = (() if variant in spec.variants else ("output",)) + ("variants", variant, "file")
            output = _project_output(base_dir, variants.output_file(spec.output.file, variant, v.file),
                                     where if v.file else ("output", "file"), lines)
    fps = spec.output.fps

    durations = _durations(spec, lines, base_dir)
    with field_warnings(lines) as layer_warnings:      # a text cut to fit, found while the layers are laid out
        built = _build_shots(spec, lines, kit, base_dir, references, (W, H), fps, durations, v, applied)
    transitions = [0.0] + [s.transition.duration if s.transition and s.transition.kind != "cut" else 0.0
                           for s in spec.shots[1:]]
    timeline = plan(durations, transitions, fps)
    spans = {s.id: (sp.first / fps, (sp.first + sp.n_frames) / fps) for s, sp in zip(spec.shots, timeline.spans)}
    placed = placed_clips(spec, lines, spans, base_dir)     # checks every `at:`/`after:` reference now
    cues, warnings, where = None, list(layer_warnings), None
    if spec.captions is not None:
        cues, found = caption_cues(spec, lines, kit, (W, H), placed, base_dir, timeline.n_frames / fps)
        warnings += found
        if cues and spec.captions.burn_in:
            where, placing = caption_placement(spec, lines, kit, (W, H), cues)
            warnings += placing
    shots = []
    for i, (shot_spec, span, (source, layers, tcolor)) in enumerate(zip(spec.shots, timeline.spans, built)):
        caption = caption_overlay(spec, lines, kit, (W, H), cues, span.first / fps, where) if cues else None
        if caption is not None:     # burned-in captions: one caption layer on top of every shot
            layers.append(PlacedLayer(LayerCommon(at=list(where.center)), caption, durations[i], (W, H),
                                      kit.safe_area, kit.spec.motion))
        shots.append(Shot(shot_spec, i, source, tuple(layer.freeze() for layer in layers), durations[i],
                          shot_spec.transition, span, tcolor))

    out = Path(output) if output else _project_output(base_dir, spec.output.file, ("output", "file"), lines)
    try:
        fmt = spec.output.format if (spec.output.format and not output) else format_for(out)
    except ValueError as exc:
        if output is not None:     # the bad name came from the command line, not the file
            raise lines.error((), f"-o {output}: {exc}", "use .mp4, .mov, .webm or a folder name for PNG frames")
        raise lines.error(("output", "file"), str(exc), "use .mp4, .mov, .webm or a folder name for PNG frames")
    if fmt == "mp4" and (W % 2 or H % 2):
        raise lines.error(("output", "size"), f"H.264 needs an even width and height, got {W}x{H}",
                          "use even numbers (e.g. 1920x1080)")
    project = Project(spec, file, lines, kit, tuple(shots), timeline, (W, H), fps, out, fmt,
                      default_cache_dir(base_dir), variant, placed, cues, tuple(warnings), references, applied)
    if project.has_alpha and fmt == "mp4":
        raise lines.error(("output", "format"), "a transparent background (`none`) needs an output with alpha",
                          "render to .mov (ProRes 4444), .webm (VP9 alpha) or a PNG folder")
    return project


def _build_shots(spec, lines, kit, base_dir, references, size, fps, durations, v, applied) -> list[tuple]:
    """Per shot: (background source template, placed layers, transition colour); every problem at once."""
    W, H = size
    issues: list[Issue] = []
    built: list[tuple] = []
    for i, shot_spec in enumerate(spec.shots):
        path = ("shots", i)
        try:
            background = resolve_background(shot_spec.background, [s.id for s in spec.shots[:i]])
            source = build_source(background, kit, base_dir, spec.seed, references=references)
        except FieldError as exc:
            issues.extend(field_error_to_user(exc, lines, path + ("background",)).issues)
            source = None  # keep checking this shot's layers: report every problem at once
        ctx = BuildContext(kit=kit, base_dir=base_dir, size=(W, H), fps=fps, shot_duration=durations[i],
                           extras={"ui.compact_cursor": True})
        layers = []
        for j, layer_spec in enumerate(shot_spec.layers):
            lpath = path + ("layers", j)
            try:
                overlay = KINDS[type(layer_spec).kind].build(layer_spec, ctx, lpath)
            except FieldError as exc:
                issues.extend(field_error_to_user(exc, lines, ()).issues)
                continue
            placed = PlacedLayer(layer_spec, overlay, durations[i], (W, H), kit.safe_area, kit.spec.motion,
                                 design_size=tuple(spec.output.size), scale_rule=v.scale if v else "min",
                                 native=applied.native(i, j))
            too_big = _raster_too_big(placed, lines, lpath)
            if too_big is not None:
                issues.append(too_big)
                continue
            layers.append(placed)
        try:
            link_shot(layers, fps)     # cursors find their targets in this shot's layers; clicks reach them
        except FieldError as exc:
            issues.extend(field_error_to_user(exc, lines, ()).issues)
        tcolor = (0, 0, 0, 255)
        if shot_spec.transition and shot_spec.transition.kind == "fade-through":
            try:
                tcolor = kit.color(shot_spec.transition.color)
            except FieldError as exc:
                issues.extend(field_error_to_user(exc, lines, path + ("transition", "color")).issues)
        built.append((source, layers, tcolor))
    if issues:
        raise UserError(sorted(issues, key=lambda i: i.line))
    return built


def _raster_too_big(layer: PlacedLayer, lines: LineMap, path: tuple) -> Optional[Issue]:
    """A layer is drawn once into a raster of its size × the largest scale it reaches: refuse one the renderer
    could not allocate (every field is bounded, but a few bounded ones together can still ask for too much)."""
    import math

    w, h = layer.overlay.size()
    k = layer.max_scale()
    pw, ph = w * k, h * k
    if math.isfinite(pw) and math.isfinite(ph) and pw <= MAX_RASTER and ph <= MAX_RASTER:
        return None
    return lines.issue(path, f"this layer draws {pw:.0f}×{ph:.0f} px (its size × scale {k:g}), over the "
                             f"{MAX_RASTER} px a side a layer may be", "make it smaller (size, width, text, points)")


def _allowed_keys(mapping: Any, owner: Any = None) -> Optional[list[str]]:
    """The keys allowed in a layer, background or UI component mapping, judged by its kind key."""
    from overlays.ui.models import SPECS

    from .schema import BG_KINDS

    if not isinstance(mapping, dict):
        return None
    if isinstance(owner, str) and owner in SPECS:
        return [f.alias or name for name, f in SPECS[owner].model_fields.items()]
    for table in (KINDS, BG_KINDS):
        kinds = [k for k in mapping if k in table]
        if len(kinds) == 1:
            model = table[kinds[0]].model if table is KINDS else table[kinds[0]]
            return [f.alias or name for name, f in model.model_fields.items()]
    return None


def _check_references(spec: ProjectSpec, lines: LineMap) -> None:
    issues = []
    seen: dict[str, int] = {}
    for i, shot in enumerate(spec.shots):
        if shot.id in seen:
            issues.append(lines.issue(("shots", i, "id"), f"duplicate shot id {shot.id!r} (also shots[{seen[shot.id]}])",
                                      "give every shot its own id"))
        seen[shot.id] = i
        if i == 0 and shot.transition and shot.transition.kind != "cut":
            issues.append(lines.issue(("shots", 0, "transition"), "the first shot has nothing to transition from",
                                      "remove its transition"))
        if shot.transition and i > 0 and shot.duration != "auto":
            prev = spec.shots[i - 1].duration
            limit = min(shot.duration, prev) if prev != "auto" else shot.duration
            if shot.transition.duration > limit:
                issues.append(lines.issue(("shots", i, "transition"),
                                          f"a {shot.transition.duration}s transition is longer than a shot it joins",
                                          f"use at most {limit}s"))
        for j, layer in enumerate(shot.layers):
            for key in ("pin", "follow"):
                name = getattr(layer, key)
                if key == "follow" and name is not None and not isinstance(name, str):
                    name = name.track
                if name is not None and name not in shot.tracks:
                    known = ", ".join(shot.tracks) or "none defined"
                    issues.append(lines.issue(("shots", i, "layers", j, key), f"unknown track {name!r}",
                                              f"define it under this shot's tracks: (tracks here: {known})"))
        focus = getattr(shot.background, "focus", None)
        if isinstance(focus, str) and getattr(shot.tracks.get(focus), "kind", None) not in ("point", "planar"):
            known = ", ".join(k for k, t in shot.tracks.items() if t.kind != "camera") or "none defined"
            issues.append(lines.issue(("shots", i, "background", "focus"), f"no point or planar track {focus!r}",
                                      f"define it under this shot's tracks: (tracks here: {known}), or give "
                                      "[x, y] fractions of the footage"))
        gen = getattr(shot.background, "generate", None)
        cont = getattr(gen, "continue_from", None) if gen is not None else None
        if cont is not None:
            earlier = [s.id for s in spec.shots[:i]]
            if cont not in earlier:
                issues.append(lines.issue(("shots", i, "background", "generate", "continue_from"),
                                          f"no earlier shot {cont!r} to continue from",
                                          f"use one of: {', '.join(earlier) or '(no earlier shots)'}"))
        end = getattr(gen, "end_on", None) if gen is not None else None
        target = getattr(end, "shot", None)
        if target is not None and target not in [s.id for s in spec.shots[:i]]:
            earlier = [s.id for s in spec.shots[:i]]
            issues.append(lines.issue(("shots", i, "background", "generate", "end_on", "shot"),
                                      f"no earlier shot {target!r} to land on",
                                      f"use one of: {', '.join(earlier) or '(no earlier shots)'}"))
        issues.extend(_check_links(gen, i, [s.id for s in spec.shots[:i]], lines, getattr(spec, "references", {})))
    if issues:
        raise UserError(issues)


def _check_links(gen, i: int, earlier: list[str], lines: LineMap, references) -> list[Issue]:
    """`start_from: {shot: …}` and `continuity: {with: …}` must name an earlier shot, `start_from: NAME` a
    reference."""
    if gen is None:
        return []
    from ..links import PREVIOUS, resolve_with
    from ..diffusion.memory import is_reference_name

    issues = []
    where = ("shots", i, "background", "generate")
    still = getattr(gen, "start_from", None)
    if isinstance(still, str) and is_reference_name(still) and still not in references:
        issues.append(lines.issue(where + ("start_from",), f"no reference {still!r} (and it is not an image path)",
                                  f"declare it under `references:` (here: {', '.join(references) or 'none'}), or "
                                  "give a path to a PNG or JPEG"))
    start = getattr(still, "shot", None)
    if start is not None and start not in earlier:
        issues.append(lines.issue(where + ("start_from", "shot"), f"no earlier shot {start!r} to start from",
                                  f"use one of: {', '.join(earlier) or '(no earlier shots)'}"))
    cont = getattr(gen, "continuity", None)
    if cont is not None and resolve_with(cont.with_, earlier) is None:
        what = "the first shot has no previous shot" if cont.with_ == PREVIOUS else f"no earlier shot {cont.with_!r}"
        issues.append(lines.issue(where + ("continuity", "with"), f"{what} to continue",
                                  f"use `previous` or one of: {', '.join(earlier) or '(no earlier shots)'}"))
    return issues


def _durations(spec: ProjectSpec, lines: LineMap, base_dir: Path) -> list[float]:
    """Seconds per shot; `auto` fits the shot to the voice clip placed in it."""
    out = []
    for i, shot in enumerate(spec.shots):
        if shot.duration != "auto":
            out.append(float(shot.duration))
            continue
        auto = None
        if spec.audio is not None:
            try:
                from ..audio import timing
                auto = timing.auto_shot_duration(shot.id, spec.audio, base_dir)
            except FieldError as exc:
                raise field_error_to_user(exc, lines, ("audio",))
        if auto is None:
            raise lines.error(("shots", i, "duration"), "duration: auto needs a voice clip placed in this shot",
                              f"add audio.voice with `at: {shot.id}`, or give the duration in seconds")
        out.append(float(auto))
    return out
