"""`kit lab`: the notebooks in JupyterLab for self-study, its interface in French or English."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kit.env import NOTEBOOKS_DIR

LOCALES = {"fr": "fr_FR", "en": "en"}
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `lab` subcommand."""
    parser = subparsers.add_parser("lab", help="open the notebooks in JupyterLab (self-study)")
    parser.add_argument("--lang", choices=sorted(LOCALES), default="fr", help="notebooks and interface language")
    parser.add_argument("--port", type=int, default=8888, help="port for JupyterLab (default 8888)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("lab_args", nargs=argparse.REMAINDER, help="after --: options passed to JupyterLab")
    parser.set_defaults(run=run)


def set_interface_language(lang: str, prefix: Path = Path(sys.prefix)) -> Path:
    """Make `lang` JupyterLab's default interface language in this environment (overrides.json)."""
    path = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    overrides = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    overrides.setdefault(TRANSLATION_PLUGIN, {})["locale"] = LOCALES[lang]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(overrides, indent=2) + "\n", encoding="utf-8")
    return path


def run(args: argparse.Namespace) -> int:
    """Set the interface language, then become JupyterLab on notebooks/<lang> until Ctrl-C."""
    set_interface_language(args.lang)
    extra = [a for a in args.lab_args if a != "--"]
    command = [sys.executable, "-m", "jupyterlab", str(NOTEBOOKS_DIR / args.lang), f"--port={args.port}",
               "--ServerApp.port_retries=0", *(["--no-browser"] if args.no_browser else []), *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines run as root
    sys.stdout.flush()
    os.execv(sys.executable, command)  # JupyterLab takes this process over: Ctrl-C and signals reach it directly
    return 0  # not reached
