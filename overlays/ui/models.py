"""The project-file shape of every `ui.*` component: typed, strict (unknown keys are errors), JSON-Schema ready.

A component is a mapping with exactly one `ui.<name>` key, whether it is a layer or nested inside `content:`.
Nested components are not layers (no at/start/enter…), so they get their own small models here; the layer
models (overlays/ui/layers.py) wrap the same specs with the keys every layer shares.
"""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Discriminator, Field, PrivateAttr, Tag, field_validator, model_validator

from compositor.vocab.bounds import MAX_FONT, MAX_LINES, MAX_SECONDS, MAX_SIZE, MAX_VALUE, Coord, Seconds, Stroke

Spacing = Union[Stroke, str]                   # px or a spacing token: xs sm md lg xl 2xl
Value = Annotated[float, Field(ge=-MAX_VALUE, le=MAX_VALUE)]    # a number shown (stat, chart)
# NaN/inf would reach layout arithmetic; refused at the field's line like everywhere in the project file
STRICT = ConfigDict(extra="forbid", allow_inf_nan=False)
Overflow = Literal["shrink", "wrap", "ellipsize", "error"]
Tone = Literal["primary", "accent", "success", "danger", "muted"]


class Spec(BaseModel):
    # Built on first use, not at import: the specs nest through the recursive `Component` union, and building
    # them eagerly (then again once `Component` exists) cost a preview of any project a few hundred ms.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True, allow_inf_nan=False)
    id: Optional[str] = None
    width: Optional[float] = Field(None, gt=0, le=MAX_SIZE)      # fixed size inside a row / stack (px)
    height: Optional[float] = Field(None, gt=0, le=MAX_SIZE)


class HasChildren(Spec):
    """`ui.stack: [a, b]` is `ui.stack: {children: [a, b]}`; the model remembers which form the file used, so
    errors found later point at the right line."""

    _shorthand: bool = PrivateAttr(False)

    @model_validator(mode="wrap")
    @classmethod
    def _short(cls, data: Any, handler):
        if isinstance(data, list):
            model = handler({"children": data})
            model._shorthand = True
            return model
        return handler(data)

    def child_path(self, path: tuple, i: int) -> tuple:
        return path + ((i,) if self._shorthand else ("children", i))


class TimeSpan(BaseModel):
    """When an animation runs: `at` seconds (shot time; default: the layer's start) for `duration` seconds."""

    model_config = STRICT
    at: Optional[Seconds] = None
    duration: Seconds = 1.0


class TypingSpec(BaseModel):
    """Typing animation: starts `at` (shot seconds; default the layer's start), `speed` characters a second."""

    model_config = STRICT
    at: Optional[Seconds] = None
    speed: float = Field(14.0, gt=0, le=10_000)


# --- layout ------------------------------------------------------------------------------------------------
class StackSpec(HasChildren):
    children: list["Component"] = Field(default_factory=list)
    gap: Spacing = "lg"
    padding: Spacing = 0
    align: Literal["stretch", "start", "center", "end"] = "stretch"
    fill: Optional[str] = None                      # background colour token behind the stack


class RowSpec(StackSpec):
    align: Literal["stretch", "start", "center", "end"] = "stretch"   # vertical alignment of the children
    justify: Literal["fill", "start", "center", "end", "between"] = "fill"


class GridSpec(StackSpec):
    columns: int = Field(2, ge=1, le=12)


class CardSpec(HasChildren):
    title: Optional[str] = None
    subtitle: Optional[str] = None
    children: list["Component"] = Field(default_factory=list)
    padding: Spacing = "lg"
    gap: Spacing = "md"
    fill: Optional[str] = None
    elevated: bool = True
    overflow: Overflow = "shrink"


class TextSpec(Spec):
    text: str
    role: Literal["title", "heading", "body", "label", "caption"] = "body"
    color: Optional[str] = None
    align: Literal["left", "center", "right"] = "left"
    overflow: Overflow = "wrap"


# --- data ----------------------------------------------------------------------------------------------------
class StatSpec(Spec):
    label: str
    value: Value
    delta: Optional[str] = None                     # "+12%" (green), "-3%" (red); tone from the sign
    delta_tone: Optional[Tone] = None
    prefix: str = ""
    suffix: str = ""
    decimals: int = Field(0, ge=0, le=6)
    separator: str = ","                            # thousands separator ("" for none)
    count: Union[bool, TimeSpan] = True             # count-up from 0; false: show the value at once
    overflow: Overflow = "shrink"


class UpdateSpec(BaseModel):
    """New data for a chart at a time or when a component is clicked (`trigger: approve`), over `duration`."""

    model_config = STRICT
    data: Union[dict[str, Value], list[tuple[str, Value]]]
    at: Optional[Seconds] = None
    trigger: Optional[str] = None                   # a component id: the update starts when it is clicked
    duration: Seconds = 0.6

    @model_validator(mode="after")
    def _when(self):
        if (self.at is None) == (self.trigger is None):
            raise ValueError("give exactly one of at: (seconds) or trigger: (a component id that gets clicked)")
        return self


class ChartSpec(Spec):
    type: Literal["bar", "line", "donut"] = "bar"
    data: Union[dict[str, Value], list[tuple[str, Value]]]
    title: Optional[str] = None
    colors: Optional[list[str]] = None              # colour tokens (donut slices / bars); default: the theme
    grow: Union[bool, TimeSpan] = True              # animated growth from zero
    update: Optional[UpdateSpec] = None
    values: bool = True                             # exact value labels on bars / points / legend
    axis: bool = True                               # y axis with gridlines and tick numbers (bar, line)
    separator: str = ","
    decimals: int = Field(0, ge=0, le=6)
    suffix: str = ""

    @field_validator("data")
    @classmethod
    def _nonempty(cls, v):
        if not v:
            raise ValueError("a chart needs data — e.g. {Mon: 120, Tue: 180}")
        return v


class PillCell(BaseModel):
    """A table cell drawn as a pill: `{pill: Matched, tone: success}`."""

    model_config = STRICT
    pill: str
    tone: Tone = "primary"
    color: Optional[str] = None                     # a colour token instead of a tone


class AvatarCell(BaseModel):
    """A table cell drawn as an avatar: `{avatar: Jane Doe}` (initials in a circle) or with `image:` (a photo)."""

    model_config = STRICT
    avatar: str = Field(min_length=1)               # the person's name (initials are drawn from it) or initials
    image: Optional[str] = None                     # a photo: relative to the project, else to the kit's folder
    color: Optional[str] = None


class IconCell(BaseModel):
    """A table cell drawn as an icon: `{icon: check, tone: success}` — the kit's icons, then the built-in set."""

    model_config = STRICT
    icon: str
    tone: Optional[Tone] = None                     # default: the text colour
    color: Optional[str] = None


CELL_MODELS = {"pill": PillCell, "avatar": AvatarCell, "icon": IconCell}


def _cell_kind(v: Any):
    if isinstance(v, (str, int, float)) and not isinstance(v, bool):
        return "text"
    if isinstance(v, dict):
        keys = [k for k in v if k in CELL_MODELS]
        return keys[0] if len(keys) == 1 else None
    return next((k for k, m in CELL_MODELS.items() if isinstance(v, m)), None)


Cell = Annotated[
    Union[Annotated[Union[str, Value, int], Tag("text")], *(Annotated[m, Tag(k)] for k, m in CELL_MODELS.items())],
    Discriminator(_cell_kind, custom_error_type="table_cell",
                  custom_error_message="a table cell is text, a number, or a mapping with one of pill:, avatar:, "
                                       "icon: — e.g. {pill: Matched, tone: success}, {avatar: Jane Doe}, "
                                       "{icon: check}"),
]


class TableSpec(Spec):
    columns: Optional[list[str]] = None
    rows: Optional[list[list[Cell]]] = None
    csv: Optional[str] = None                       # a CSV file (relative to the project); first row = header
    highlight: Optional[Union[int, str]] = None     # row index (0 = first data row) or the row's first cell
    highlight_at: Optional[Seconds] = None   # shot time the highlight appears (default: always)
    align: Optional[list[Literal["left", "center", "right"]]] = None   # default: numbers right, text left
    max_rows: Optional[int] = Field(None, ge=1, le=MAX_LINES)
    overflow: Overflow = "ellipsize"

    @model_validator(mode="after")
    def _source(self):
        if (self.rows is None) == (self.csv is None):
            raise ValueError("give rows: (inline data) or csv: (a file), not both and not neither")
        if self.rows is not None and self.columns is None:
            raise ValueError("inline rows need columns: [...] — the header")
        return self


class CodeSpec(Spec):
    code: str
    language: str = "python"
    title: Optional[str] = None                     # file name in the tab
    highlight: list[int] = Field(default_factory=list)   # 1-based line numbers
    line_numbers: bool = True
    typing: Optional[TypingSpec] = None
    size: Optional[float] = Field(None, gt=4, le=MAX_FONT)
    theme: Optional[Literal["light", "dark"]] = "dark"


# --- controls -------------------------------------------------------------------------------------------
class ButtonSpec(Spec):
    label: str
    variant: Literal["primary", "secondary", "ghost", "danger"] = "primary"
    state: Literal["idle", "hover", "pressed", "disabled"] = "idle"
    done_label: Optional[str] = None                # label after it is clicked ("Approved ✓")
    overflow: Overflow = "shrink"


class InputSpec(Spec):
    label: Optional[str] = None
    text: str = ""
    placeholder: str = ""
    typing: Union[bool, TypingSpec] = False         # type `text` character by character, with a caret
    focused: bool = False
    overflow: Overflow = "ellipsize"


class ToggleSpec(Spec):
    label: Optional[str] = None
    checked: bool = False                           # flips when clicked


class BadgeSpec(Spec):
    text: str
    tone: Tone = "primary"
    color: Optional[str] = None                     # a colour token instead of a tone


class AvatarSpec(Spec):
    name: str                                       # initials are drawn from it
    image: Optional[str] = None
    size: float = Field(48, gt=4, le=MAX_SIZE)
    color: Optional[str] = None


class ToastSpec(Spec):
    text: str
    title: Optional[str] = None
    tone: Tone = "success"
    overflow: Overflow = "wrap"


class NavItem(BaseModel):
    model_config = STRICT
    label: str
    badge: Optional[str] = None
    id: Optional[str] = None


class SidebarSpec(Spec):
    title: Optional[str] = None
    items: list[Union[str, NavItem]] = Field(min_length=1)
    active: Union[int, str] = 0


# --- frames -------------------------------------------------------------------------------------------------
ScrollKey = tuple[Seconds, Coord]


class FrameSpec(Spec):
    content: Optional[list["Component"]] = None     # one component, or a list (stacked)
    _content_list: bool = PrivateAttr(False)
    screenshot: Optional[str] = None
    scroll: Optional[list[ScrollKey]] = None        # [[t, y], ...]: content offset in px at shot time t
    theme: Optional[Literal["light", "dark"]] = None
    padding: Spacing = "xl"

    @model_validator(mode="wrap")
    @classmethod
    def _single(cls, data: Any, handler):
        """`content: {ui.stack: …}` is a one-item list; errors keep pointing at the mapping the file has."""
        is_list = isinstance(data, dict) and isinstance(data.get("content"), list)
        if isinstance(data, dict) and isinstance(data.get("content"), dict):
            data = {**data, "content": [data["content"]]}
        model = handler(data)
        model._content_list = is_list
        return model

    def content_path(self, path: tuple, i: int) -> tuple:
        return path + (("content", i) if self._content_list else ("content",))

    @model_validator(mode="after")
    def _one_body(self):
        if self.content is not None and self.screenshot is not None:
            raise ValueError("a frame shows content: or a screenshot:, not both")
        return self


class WindowSpec(FrameSpec):
    title: str = ""
    chrome: Literal["macos", "windows", "minimal"] = "macos"


class BrowserSpec(FrameSpec):
    url: str = ""
    tabs: Optional[list[str]] = None


class PhoneSpec(FrameSpec):
    time: str = "9:41"
    padding: Spacing = "lg"


class LaptopSpec(FrameSpec):
    pass


# --- cursor ---------------------------------------------------------------------------------------------------
class ClickSpec(BaseModel):
    """`click: {target: approve, at: 1.3}` or the short form `click: "button#approve at 1.3"`."""

    model_config = STRICT
    target: Optional[str] = None
    at: Seconds

    @model_validator(mode="before")
    @classmethod
    def _short(cls, data):
        if isinstance(data, str):
            parts = data.replace("#", " #").split()
            if len(parts) >= 3 and parts[-2] == "at":
                target = next((p[1:] for p in parts[:-2] if p.startswith("#")), parts[0])
                return {"target": target, "at": float(parts[-1])}
            raise ValueError("write a click as {target: id, at: seconds} or \"button#id at 2.4\"")
        return data


Waypoint = tuple[Seconds, Union[tuple[Coord, Coord], str]]


class CursorSpec(Spec):
    path: list[Waypoint] = Field(min_length=1)
    click: Optional[Union[ClickSpec, list[ClickSpec]]] = None
    style: Literal["arrow", "dot"] = "arrow"          # dot: a touch indicator (phones)
    size: float = Field(36, gt=4, le=MAX_SIZE)

    @field_validator("path")
    @classmethod
    def _path(cls, v):
        for t, p in v:
            if isinstance(p, str) and not p.startswith("#"):
                raise ValueError(f"waypoint at t={t}: {p!r} — write a target as \"#component-id\"")
        times = [w[0] for w in v]
        if times != sorted(times):
            raise ValueError("waypoint times must increase — sort the path by time")
        return v

    @property
    def clicks(self) -> list[ClickSpec]:
        return [] if self.click is None else self.click if isinstance(self.click, list) else [self.click]


# --- the union ------------------------------------------------------------------------------------------------
SPECS: dict[str, type[Spec]] = {
    "ui.stack": StackSpec, "ui.row": RowSpec, "ui.grid": GridSpec, "ui.card": CardSpec, "ui.text": TextSpec,
    "ui.stat": StatSpec, "ui.chart": ChartSpec, "ui.table": TableSpec, "ui.code": CodeSpec,
    "ui.button": ButtonSpec, "ui.input": InputSpec, "ui.toggle": ToggleSpec, "ui.badge": BadgeSpec,
    "ui.avatar": AvatarSpec, "ui.toast": ToastSpec, "ui.sidebar": SidebarSpec,
    "ui.window": WindowSpec, "ui.browser": BrowserSpec, "ui.phone": PhoneSpec, "ui.laptop": LaptopSpec,
}
NESTABLE = [k for k in SPECS]          # frames nest too (a phone inside a card is legal, if unusual)


def _field(key: str) -> str:
    return key.replace(".", "_")


def _node_model(key: str, spec: type[Spec]) -> type[BaseModel]:
    ns = {"__annotations__": {_field(key): spec}, _field(key): Field(alias=key),
          "model_config": ConfigDict(extra="forbid", populate_by_name=True, defer_build=True, allow_inf_nan=False),
          "__doc__": f"A nested `{key}` component."}
    return type("Node_" + _field(key), (BaseModel,), ns)


NODE_MODELS = {k: _node_model(k, SPECS[k]) for k in NESTABLE}


def _node_kind(v: Any):
    if isinstance(v, dict):
        keys = [k for k in v if k in NODE_MODELS]
        return keys[0] if len(keys) == 1 and len(v) == 1 else None
    for k, m in NODE_MODELS.items():
        if isinstance(v, m):
            return k
    return None


Component = Annotated[
    Union[tuple(Annotated[m, Tag(k)] for k, m in NODE_MODELS.items())],
    Discriminator(_node_kind, custom_error_type="ui_component",
                  custom_error_message="a UI component is a mapping with exactly one key — one of: "
                                       + ", ".join(NODE_MODELS)),
]


def spec_of(node_model: BaseModel) -> tuple[str, Spec]:
    """(key, spec) of a nested component model."""
    key = _node_kind(node_model)
    return key, getattr(node_model, _field(key))

# Specs and nodes are deferred (see `Spec`): their "Component" annotations resolve from this module's namespace
# when a model is first used, by which time `Component` is defined.
