"""Workshop kit: what Meta's AI learns from you, and how to take back control (FR/EN)."""

__version__ = "0.1.0"
