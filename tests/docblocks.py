"""Reading a doc's examples so tests run them verbatim: its fenced blocks, and the `compositor …` commands of
its shell block."""
from __future__ import annotations

import re


def fenced(text: str, lang: str) -> str:
    """The first ```lang block of a Markdown text."""
    return re.search(rf"```{lang}\n(.*?)```", text, re.S).group(1)


def compositor_commands(text: str) -> list[list[str]]:
    """The arguments of every `compositor …` line in the first ```sh block."""
    return [line.split()[1:] for line in fenced(text, "sh").splitlines() if line.startswith("compositor ")]


def fenced_all(text: str, lang: str) -> list[str]:
    """Every ```lang block of a Markdown text, in order."""
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def commands_of(block: str) -> list[list[str]]:
    """The arguments of every `compositor …` line of one shell block."""
    return [line.split()[1:] for line in block.splitlines() if line.startswith("compositor ")]
