"""Widget panels for the notebooks: one class per panel, built then returned, never displayed here.

Each panel's module is imported when the panel is first named, so a kernel running one notebook loads only
that notebook's dependencies (notebooks 01 and 03 never load pandas; a room's kernels stay small).
"""

from importlib import import_module

_PANELS = {
    "AlwaysPublicPanel": "always_public",
    "ChecklistPanel": "checklist",
    "ChecklistSession": "checklist",
    "LanguageSwitch": "checklist",
    "LetterPanel": "checklist",
    "QuickQuestionsPanel": "checklist",
    "TakeawayPanel": "checklist",
    "ExplorerPanel": "explorer",
    "ExportImportPanel": "inventory",
    "InventoryResultPanel": "inventory",
    "InventorySession": "inventory",
    "ManualInventoryPanel": "inventory",
    "QuizPanel": "quiz",
    "SelfCheckPanel": "selfcheck",
    "TimelinePanel": "timeline",
}

__all__ = [*sorted(_PANELS), "notebook_language"]


def __getattr__(name: str):
    if name == "notebook_language":
        from kit.env import notebook_language

        return notebook_language
    if name in _PANELS:
        return getattr(import_module(f"kit.widgets.{_PANELS[name]}"), name)
    raise AttributeError(f"module 'kit.widgets' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
