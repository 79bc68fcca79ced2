"""A brand kit: a folder with brand.yaml, fonts and logos, resolved once into tokens overlays can use.

Every lookup that a project makes (`color: primary`, `style: headline`, `logo: default`) goes through here, and so
does the brand lock: under `lock: strict` a literal colour, a font file or a logo path is refused with the list of
tokens that are allowed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from compositor.confine import confined
from compositor.errors import FieldError, UserError
from compositor.vocab.validation import validate
from compositor.vocab.yamlmarks import read_marked

from .colors import RGBA, is_literal, parse_literal
from .schema import BrandSpec, StyleSpec

KITS_DIR = Path(__file__).parent / "kits"
DEFAULT_KIT = "neutral"
FONT_SUFFIXES = (".otf", ".ttf", ".ttc", ".woff", ".woff2")


@dataclass(frozen=True)
class TextStyle:
    """A style with its font file(s) and colour resolved. `font` is the style's own font; `fonts` the whole
    fallback chain it is set in (the first font that covers a run of text shapes it)."""

    font: Path
    size: float
    color: RGBA
    line_height: float = 1.2
    tracking: float = 0.0
    align: str = "center"
    uppercase: bool = False
    fonts: tuple[Path, ...] = ()

    @property
    def chain(self) -> tuple[Path, ...]:
        return self.fonts or (self.font,)


class BrandKit:
    def __init__(self, spec: BrandSpec, folder: Path, file: Path):
        self.spec = spec
        self.folder = folder
        self.file = file
        self.name = spec.name
        self.lock = spec.lock
        self.safe_area = spec.safe_area
        self.colors: dict[str, RGBA] = {k: parse_literal(v) for k, v in spec.colors.items()}
        self.fonts: dict[str, Path] = {k: (folder / v).resolve() for k, v in spec.fonts.items()}
        self.logos: dict[str, Path] = {k: (folder / v).resolve() for k, v in spec.logo.items()}
        self.icons: dict[str, Path] = {k: (folder / v).resolve() for k, v in spec.icons.items()}

    # --- tokens -------------------------------------------------------------------------------------------
    @property
    def strict(self) -> bool:
        return self.lock == "strict"

    def color(self, value: str) -> RGBA:
        """A colour token, or a literal where the lock allows it."""
        if not isinstance(value, str):
            raise FieldError((), f"a colour must be a token name or '#hex', got {value!r}",
                             f"use one of: {self._names(self.colors)}")
        if value in self.colors:
            return self.colors[value]
        if is_literal(value):
            if self.strict:
                raise FieldError((), f"literal colour {value!r} is off-brand (the kit '{self.name}' is locked)",
                                 f"use a colour token: {self._names(self.colors)}")
            return parse_literal(value)
        raise FieldError((), f"unknown colour {value!r}",
                         f"use a colour token ({self._names(self.colors)})"
                         + ("" if self.strict else " or a '#RRGGBB' literal"))

    def font(self, value: str, base_dir: Optional[Path] = None) -> Path:
        """A font token, or a font file (relative to the project) where the lock allows it."""
        if value in self.fonts:
            return self.fonts[value]
        if str(value).lower().endswith(FONT_SUFFIXES):
            if self.strict:
                raise FieldError((), f"font file {value!r} is not part of the locked kit '{self.name}'",
                                 f"use a font token: {self._names(self.fonts)}")
            path = (base_dir / value) if base_dir else Path(value)
            if not path.exists():
                raise FieldError((), f"font file not found: {path}", "check the path (relative to the project file)")
            return readable_font(confined(path, (base_dir, self.folder), (), str(value)), str(value))
        raise FieldError((), f"unknown font {value!r}", f"use a font token: {self._names(self.fonts)}")

    def style(self, name: str) -> TextStyle:
        spec = self.spec.styles.get(name)
        if spec is None:
            raise FieldError((), f"unknown text style {name!r}", f"use one of: {self._names(self.spec.styles)}")
        return self._style(spec)

    def _style(self, spec: StyleSpec) -> TextStyle:
        names = [spec.font] if isinstance(spec.font, str) else list(spec.font)
        fonts = tuple(self.font(n, self.folder) for n in names)
        return TextStyle(font=fonts[0], size=spec.size, color=self.color(spec.color),
                         line_height=spec.line_height, tracking=spec.tracking, align=spec.align,
                         uppercase=spec.uppercase, fonts=fonts)

    def font_names(self, chain) -> str:
        """`body (NotoSans-Regular.ttf), arabic (…)`: the fonts of a chain as the kit names them."""
        by_path = {v: k for k, v in self.fonts.items()}
        return ", ".join(f"{by_path[p]} ({p.name})" if p in by_path else p.name for p in map(Path, chain))

    def logo(self, value: str, base_dir: Optional[Path] = None) -> Path:
        if value in self.logos:
            return self.logos[value]
        if str(value).lower().endswith((".svg", ".png", ".jpg", ".jpeg", ".webp")):
            if self.strict:
                raise FieldError((), f"logo file {value!r} is not from the locked kit '{self.name}'",
                                 f"use a logo variant: {self._names(self.logos)}")
            path = (base_dir / value) if base_dir else Path(value)
            if not path.exists():
                raise FieldError((), f"logo file not found: {path}", "check the path (relative to the project file)")
            return confined(path, (base_dir, self.folder), (), str(value))
        raise FieldError((), f"unknown logo variant {value!r}", f"use one of: {self._names(self.logos)}")

    def palette(self) -> list[tuple[int, int, int]]:
        """The colours generated footage is mapped to: the kit's `look.palette` tokens, else a calm backdrop's
        (its primary, dark and neutral colours; never a state colour such as `danger`: brand/palette.py)."""
        from .palette import calm_names

        names = self.spec.look.palette if self.spec.look and self.spec.look.palette else calm_names(self.colors)
        return [self.colors[n][:3] for n in names]

    @property
    def look_prompt(self) -> str:
        return self.spec.look.prompt if self.spec.look else ""

    @property
    def look_negative(self) -> str:
        return self.spec.look.negative if self.spec.look else ""

    def default_text_color(self) -> RGBA:
        for name in ("ink", "text", "foreground", "black"):
            if name in self.colors:
                return self.colors[name]
        return (17, 17, 17, 255)

    @staticmethod
    def _names(d) -> str:
        return ", ".join(sorted(d)) or "(the kit defines none)"


def readable_font(path: Path, shown: str) -> Path:
    """A font file the text engine can open; anything else is refused at load, not when the first frame draws."""
    import skia

    if skia.Typeface.MakeFromFile(str(path)) is None:
        raise FieldError((), f"{shown} is not a font file that can be read (TrueType/OpenType expected)",
                         "point at a .ttf/.otf/.ttc font file")
    return path


def readable_icon(path: Path, shown: str) -> Path:
    """An icon is an SVG file (drawn in one colour; the UI kit that draws it reports SVG that does not parse)."""
    if path.suffix.lower() != ".svg":
        raise FieldError((), f"{shown}: an icon must be an .svg file", "give an SVG file")
    return path


KITS_ENV = "COMPOSITOR_KITS"


def kit_folders(base_dir: Path) -> list[Path]:
    """Where a kit named by a bare name is looked for, in order: the project's folder, the folders of
    COMPOSITOR_KITS (an os.pathsep list), the kits shipped with Compositor."""
    env = [Path(p).expanduser() for p in os.environ.get(KITS_ENV, "").split(os.pathsep) if p.strip()]
    return [Path(base_dir), *env, KITS_DIR]


def find_kit(ref: str, base_dir: Path) -> Path:
    """A kit folder: a folder with brand.yaml named by a path (relative to the project file, anywhere the user
    chooses: a kit is shared between projects), or a kit's bare name found in `kit_folders`. The kit folder is
    then the one root of what the kit names (load_kit confines its fonts and logos to it)."""
    ref = str(ref)
    candidate = Path(base_dir) / Path(ref).expanduser()
    if candidate.is_dir() and (candidate / "brand.yaml").exists():
        return candidate.resolve()
    if candidate.is_file() and candidate.name in ("brand.yaml", "brand.yml"):
        return candidate.resolve().parent
    bare = ref and not any(sep in ref for sep in ("/", "\\")) and ref not in (".", "..")
    if bare:
        for folder in kit_folders(base_dir)[1:]:
            if (folder / ref / "brand.yaml").is_file():
                return (folder / ref).resolve()
    where = ", ".join(str(f) for f in kit_folders(base_dir)) if bare else str(candidate)
    shipped = ", ".join(sorted(p.name for p in KITS_DIR.iterdir() if (p / "brand.yaml").exists()))
    raise FieldError((), f"brand kit not found: {ref!r} (looked in {where})",
                     f"give a folder with brand.yaml (a path relative to the project file), the name of a kit in "
                     f"the project's folder or in a folder of {KITS_ENV}, or a shipped kit: {shipped}")


def load_kit(folder: Path) -> BrandKit:
    """Load and check a kit folder: every font, logo and style token must resolve."""
    file = folder / "brand.yaml"
    data, lines = read_marked(file)
    if not isinstance(data, dict):
        raise lines.error((), "brand.yaml must be a mapping", "start with 'name: ...'")
    spec = validate(BrandSpec, data, lines)
    issues = []
    for key, value in spec.colors.items():
        if not is_literal(value):
            issues.append(lines.issue(("colors", key), f"{value!r} is not a colour", "write it as '#RRGGBB'"))
    for section, table in (("fonts", spec.fonts), ("logo", spec.logo), ("icons", spec.icons)):
        for key, rel in table.items():
            if not (folder / rel).exists():
                issues.append(lines.issue((section, key), f"file not found: {rel}",
                                          f"put it in {folder} or fix the path"))
                continue
            try:
                confined(folder / rel, (folder,), (), str(rel))
                if section == "fonts":
                    readable_font(folder / rel, str(rel))
                if section == "icons":
                    readable_icon(folder / rel, str(rel))
            except FieldError as exc:
                issues.append(lines.issue((section, key), exc.message, exc.fix))
    if issues:
        raise UserError(issues)
    if spec.look:
        for i, name in enumerate(spec.look.palette):
            if name not in spec.colors:
                issues.append(lines.issue(("look", "palette", i), f"unknown colour token {name!r}",
                                          f"use one of: {', '.join(spec.colors)}"))
    if issues:
        raise UserError(issues)
    kit = BrandKit(spec, folder, file)
    for name, style in spec.styles.items():
        try:
            kit._style(style)
        except FieldError as exc:
            field = "font" if "font" in exc.message else "color"
            raise lines.error(("styles", name, field), exc.message, exc.fix)
    return kit


def default_kit() -> BrandKit:
    return load_kit(KITS_DIR / DEFAULT_KIT)
