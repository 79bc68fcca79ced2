"""Prompt rules of the built-in model: call settings for prompts that name a family the model confuses.

Measured on the shipped weights (docs/builtin-model.md): "soft bokeh" at guidance 4 with no negative prompt came
out as soft glows the held-aside classifier read as light leaks (0/5); a negative prompt of "light leak" at
guidance 4 overshot to particles (0/5 bokeh), and at guidance 2.5 gave bokeh 5/5. So a prompt that names bokeh
and sets neither `negative:` nor `guidance:` gets those settings. The rules are data in the model folder's
`compositor.json` (`prompt_rules`), because they belong to these weights; a retrained model ships its own.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Optional

from .config import PROMPT_RULES


def rules_of(folder: Path | str | None) -> list[dict]:
    """The folder's `prompt_rules` (the built-in defaults when the folder names none)."""
    if folder is not None:
        try:
            hints = json.loads((Path(folder) / "compositor.json").read_text())
        except (OSError, ValueError):
            hints = {}
        if "prompt_rules" in hints:
            return list(hints["prompt_rules"])
    return [dict(r) for r in PROMPT_RULES]


def settings(prompt: str, negative: Optional[str], guidance: Optional[float], default_guidance: float,
             folder: Path | str | None = None) -> tuple[str, float, list[str]]:
    """(negative, guidance, notes): what to call the model with.

    A rule applies only when the project set neither value: its negative prompt and guidance were measured as a
    pair (the negative alone, at the default guidance, overshoots), so a project's own choice is kept whole.
    """
    if negative is not None or guidance is not None:
        return (negative or ""), (default_guidance if guidance is None else float(guidance)), []
    words = " " + " ".join(re.findall(r"[a-z]+", (prompt or "").lower())) + " "
    for rule in rules_of(folder):
        if any(f" {w} " in words for w in rule["when"]):
            neg = str(rule.get("negative", ""))
            g = float(rule.get("guidance", default_guidance))
            return neg, g, [f"negative prompt {neg!r} and guidance {g:g}: the built-in model's rule for "
                            f"{rule['when'][0]!r} prompts"]
    return "", default_guidance, []
