"""The `kit` command: one module per subcommand, each with register(subparsers) and run(args).

A subcommand module imports only what declaring its arguments needs; its heavy imports (pandas, reportlab,
Voilà, pydantic) go inside run(), so that `kit --help` and the light commands answer at once.
Adding a subcommand: its module, and its name in SUBCOMMANDS."""

from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS = ("serve", "slides", "lab", "facts", "verify", "inventory", "demo-export", "handouts", "clean-notebooks")


def build_parser() -> argparse.ArgumentParser:
    """Parser with every subcommand registered."""
    parser = argparse.ArgumentParser(prog="kit", description="Workshop kit: Meta AI and your data.")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(f"kit.cli.{name.replace('-', '_')}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `kit` console script and of `python -m kit`."""
    args = build_parser().parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
