"""Where the kit's own files live: the clone's data/ and notebooks/, or the copies the wheel carries.

The build maps the repository's top-level data/ and notebooks/ into the package as kit/_data and
kit/_notebooks (pyproject.toml, setup.py). An installed wheel reads those copies; an editable install from a
clone has none and reads the clone's folders, so facilitators' edits to data/ take effect at once.
"""

import os
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _kit_folder(packaged: str, in_clone: str) -> Path:
    """The folder the wheel carries inside the package, else the one at the top of the clone."""
    copy = files("kit") / packaged
    # The kit is installed as files on disk (Voilà serves the notebooks from a real folder), never zipped.
    return Path(str(copy)) if copy.is_dir() else ROOT / in_clone


# KIT_DATA_DIR points every command at another copy of the content (a fork's, or a test's).
DATA_DIR = Path(os.environ["KIT_DATA_DIR"]) if os.environ.get("KIT_DATA_DIR") else _kit_folder("_data", "data")
NOTEBOOKS_DIR = _kit_folder("_notebooks", "notebooks")
