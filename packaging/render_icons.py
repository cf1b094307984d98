"""Render the source SVG to PNG icons at the usual sizes (hicolor theme layout)."""

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

app = QGuiApplication(sys.argv[:1])
source, target = Path(sys.argv[1]), Path(sys.argv[2])
renderer = QSvgRenderer(str(source))
for size in SIZES:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    out = target / f"{size}x{size}" / "apps" / "aideon-desktop.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(str(out))
