"""Fixtures for the UI kit tests: the shipped Northwind kit, and a copy with the brand lock off."""
from __future__ import annotations

import shutil

import pytest

from brand.kit import KITS_DIR, load_kit


@pytest.fixture(scope="session")
def northwind():
    return load_kit(KITS_DIR / "northwind")


@pytest.fixture(scope="session")
def open_kit(tmp_path_factory):
    """The Northwind kit with the brand lock off (literal colours allowed), plus a custom `ui:` section."""
    folder = tmp_path_factory.mktemp("kit") / "northwind-open"
    shutil.copytree(KITS_DIR / "northwind", folder)
    text = (folder / "brand.yaml").read_text().replace("lock: strict", "lock: \"off\"")
    (folder / "brand.yaml").write_text(text)
    return load_kit(folder)


