"""`python -m neutralitas_desktop [PATH]` opens the GUI, as `neutralitas-desktop` does."""

from __future__ import annotations

import sys

from neutralitas_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
