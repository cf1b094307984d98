import sys

from aideon_desktop.cli import main

sys.exit(main())
