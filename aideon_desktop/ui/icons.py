"""The chat's line icons: SVG files in ``resources/ui/icons`` drawn in a theme colour."""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from aideon_desktop.core.resources import resource_path

SIZES = (16, 20, 24, 32, 40, 48, 64)


@functools.cache
def _svg(name: str) -> str:
    return resource_path(f"ui/icons/{name}.svg").read_text(encoding="utf-8")


@functools.cache
def icon(name: str, color: str) -> QIcon:
    """``name``'s icon stroked in ``color`` (a "#rrggbb" string), sharp at every size."""
    renderer = QSvgRenderer(QByteArray(_svg(name).replace("currentColor", color).encode()))
    result = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        result.addPixmap(pixmap)
    return result
