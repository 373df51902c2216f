"""Widget panels for the notebooks: one class per panel, built then returned, never displayed here."""

from kit.language import notebook_language
from kit.widgets.always_public import AlwaysPublicPanel
from kit.widgets.checklist import (
    ChecklistPanel,
    ChecklistSession,
    LanguageSwitch,
    LetterPanel,
    QuickQuestionsPanel,
    TakeawayPanel,
)
from kit.widgets.explorer import ExplorerPanel
from kit.widgets.inventory import ExportImportPanel, InventoryResultPanel, InventorySession, ManualInventoryPanel
from kit.widgets.quiz import QuizPanel
from kit.widgets.selfcheck import SelfCheckPanel
from kit.widgets.timeline import TimelinePanel

__all__ = [
    "AlwaysPublicPanel",
    "ChecklistPanel",
    "ChecklistSession",
    "ExplorerPanel",
    "ExportImportPanel",
    "InventoryResultPanel",
    "InventorySession",
    "LanguageSwitch",
    "LetterPanel",
    "ManualInventoryPanel",
    "QuickQuestionsPanel",
    "QuizPanel",
    "SelfCheckPanel",
    "TakeawayPanel",
    "TimelinePanel",
    "notebook_language",
]
