"""Options that apply to every command (given before the command name: `compositor --allow-outside render …`)."""
from __future__ import annotations

import os

import typer

from ..confine import ENV


def root(allow_outside: bool = typer.Option(
        False, "--allow-outside",
        help="let the project and its kit read files outside their own folders (for a project you trust; "
             "see docs/security.md)")):
    """Compositor: render on-brand product videos from a project file."""
    if allow_outside:
        os.environ[ENV] = "1"
