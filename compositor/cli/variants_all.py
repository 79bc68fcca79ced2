"""`compositor render PROJECT --variant all`: the main cut and every declared variant, each to its own file.

One failing cut does not stop the others; the command then exits 2 and names every cut that failed."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

import typer

from .app import err
from ..errors import EXIT_USER, UserError


def cuts(project: Path) -> list[Optional[str]]:
    """None (the main cut) and the variant names the project file declares, in file order."""
    from ..project.variants import names
    from ..vocab.yamlmarks import read_marked

    file = Path(project)
    if file.is_dir():
        file = next((file / n for n in ("project.yaml", "project.yml", "project.json") if (file / n).exists()), file)
    data, _ = read_marked(file)
    return [None, *names(data)]


def render_all(project: Path, output: Optional[Path], data: Optional[Path],
               render_one: Callable[[Optional[Path], Optional[str]], None]):
    """Render every cut with `render_one(output, variant)`; -o names the main cut's file, a variant's file is
    that name with `-VARIANT` before the extension."""
    if data is not None:
        raise typer.BadParameter("--variant all renders one project's cuts; with --data, render each variant's "
                                 "rows with its own --variant NAME")
    failed = []
    for name in cuts(project):
        out = output if output is None or name is None else output.with_name(f"{output.stem}-{name}{output.suffix}")
        try:
            render_one(out, name)
        except UserError as exc:
            for issue in exc.issues:
                err(str(issue))
            failed.append(name or "default")
    if failed:
        err(f"these cuts failed: {', '.join(failed)} (the others were written)")
        raise typer.Exit(EXIT_USER)
