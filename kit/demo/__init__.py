"""A synthetic Meta export of a fictional French participant, for demos and tests.

Camille Dupré does not exist. The zip holds an Accounts Center download combining a Facebook and an
Instagram tree (Threads inside Instagram) in the 2025–2026 layouts, with Meta's quirks: text written
with Meta's mojibake (keys included), numbered splits, a single check-in written as a bare object,
wrapper keys and bare lists, `label_values` records, two reaction files that overlap, a photo found
both in an album and among uncategorised photos, and small media files that must never be opened.

One builder per file kind (kit/demo/facebook.py, kit/demo/instagram.py) writes its files and records what an
inventory must find in them; the texts and dates depend on the seed, the counts do not.
"""

from kit.demo.builder import meta_json
from kit.demo.export import DemoExport, build_demo_export, demo_visibility, write_demo_export
from kit.demo.persona import FB_ROOT, IG_ROOT

__all__ = [
    "DEMO_COUNTS",
    "FB_ROOT",
    "IG_ROOT",
    "DemoExport",
    "build_demo_export",
    "demo_visibility",
    "meta_json",
    "write_demo_export",
]


def __getattr__(name: str):
    # Built on first use, not on import: `kit --help` imports this package and should not build an export.
    if name == "DEMO_COUNTS":  # the default seed's counts
        return build_demo_export().counts
    raise AttributeError(f"module 'kit.demo' has no attribute {name!r}")
