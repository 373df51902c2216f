"""Read a participant's own Meta "Download Your Information" JSON export into a tidy inventory.

    result = read_export([Path("facebook-….zip"), Path("instagram-….zip")])   # or zip bytes in memory
    result.rows            # DataFrame: platform, category, count, first, last, visibility, source
    result.problems        # [Problem(code, params)]: messages in data/ui/exports.yaml
    result.read_categories, result.failed                                    # partial success

Nothing is extracted, written to disk or logged; media files are never opened.
"""

from kit.exports.archive import ExportPart, Limits
from kit.exports.messages import describe_result, format_problem
from kit.exports.problems import Failure, Problem
from kit.exports.reader import ExportResult, read_export
from kit.exports.records import CATEGORIES, PLATFORMS

__all__ = [
    "CATEGORIES",
    "PLATFORMS",
    "ExportResult",
    "Failure",
    "Limits",
    "Problem",
    "ExportPart",
    "describe_result",
    "format_problem",
    "read_export",
]
