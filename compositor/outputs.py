"""Where a render may write: never over an input (the project file, its kit, a file it reads) and only into a
folder we can write to. One guard for every way a render starts (the CLI commands and the studio's button), so
each refuses the same outputs with the same message."""
from __future__ import annotations

import tempfile
from pathlib import Path

from .confine import overwrite_victim
from .errors import UserError


def check_writable(proj, out: Path, explicit: bool) -> None:
    """Raise a UserError before any work is done if `out` would destroy an input or its folder is not writable.
    `explicit`: the path came from a command-line option (-o), so the message names the option, not the file's
    output.file line."""
    where = () if explicit else ("output", "file")
    victim = overwrite_victim(proj, out)
    if victim:
        raise UserError(proj.lines.issue(where, f"the output {out} would overwrite {victim}",
                                         "write the video to another file (output.file or -o)"))
    folder = Path(out).resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        what = f"cannot write to {folder} ({exc.strerror or exc})"
        raise UserError(proj.lines.issue(where, f"-o {out}: {what}" if explicit else what,
                                         "choose a folder you can write to"))
