"""Tests of the export readers (kit/exports), the demo export and their CLI subcommands."""
