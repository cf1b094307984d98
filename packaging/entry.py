"""Entry point of the frozen (PyInstaller) build."""

import sys

from aideon_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
