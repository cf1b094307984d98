"""PySide6 user interface: a thin layer over aideon_desktop.core."""

from aideon_desktop.ui.refcount_guard import make_singletons_immortal

make_singletons_immortal()  # before any Qt callback can run (see refcount_guard)
