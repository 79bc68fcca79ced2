"""The one pattern every user-given name follows (shot and layer ids, track names): letters, digits, '_' and
'-'. Such names reach the studio page and file names, and dots separate the parts of variant override paths
("closing.title.at"), so markup, dots, spaces and lookalike letters are refused at load."""
from __future__ import annotations

import re

SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,63}")


def safe_id(value: str, what: str = "id") -> str:
    """`value` if it is a safe name, else a ValueError in the `what — how to fix` form validation prints."""
    if not isinstance(value, str) or not SAFE_ID.fullmatch(value):
        shown = repr(value) if len(str(value)) <= 40 else repr(str(value)[:37]) + "…"
        raise ValueError(f"{what} {shown} is not a plain name — use 1–64 letters, digits, '_' or '-' "
                         f"(not starting with '-'; no spaces, dots or markup), e.g. intro_2")
    return value
