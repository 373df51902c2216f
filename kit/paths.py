"""Where the kit's own files live (the kit is installed editable, from its repository)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# KIT_DATA_DIR points every command at another copy of the content (a fork's, or a test's).
DATA_DIR = Path(os.environ.get("KIT_DATA_DIR") or ROOT / "data")
NOTEBOOKS_DIR = ROOT / "notebooks"
