"""PySide6 user interface: a thin layer over aideon_desktop.core."""
