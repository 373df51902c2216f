"""The kit's content: typed models of data/ and their loader."""

from kit.content.loader import DATA_DIR, Content, ContentError, load_content
from kit.content.models import LANGS

__all__ = ["DATA_DIR", "LANGS", "Content", "ContentError", "load_content"]
