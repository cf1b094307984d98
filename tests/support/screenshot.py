"""Save a PNG of the whole X display given in $DISPLAY (used by display tests and by hand)."""

import sys

from PySide6.QtGui import QGuiApplication

app = QGuiApplication(sys.argv[:1])
screen = app.primaryScreen()
ok = screen.grabWindow(0).save(sys.argv[1], "PNG")
sys.exit(0 if ok else 1)
