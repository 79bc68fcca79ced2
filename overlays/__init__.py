"""Everything drawn on top of the background: one small interface (overlays.base.Overlay), many kinds.

Importing this package registers every built-in layer kind (overlays.registry.KINDS).
"""
import importlib.util

from . import lottie, media, shapes, text  # noqa: F401  (registration side effects)

if importlib.util.find_spec("overlays.ui") is not None:  # the UI kit registers its `ui.*` kinds
    from . import ui  # noqa: F401
