"""`kit lab`: the notebooks in JupyterLab for self-study, its interface in French or English."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kit.paths import NOTEBOOKS_DIR

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


def interface_language_config(lang: str, config_dir: Path | None = None) -> Path:
    """A Jupyter config folder, read only by the JupyterLab `kit lab` starts, making `lang` its default language."""
    # Not the environment's share/jupyter/lab/settings: every other JupyterLab of that environment would follow.
    if config_dir is None:
        from jupyter_core.paths import jupyter_config_dir

        config_dir = Path(jupyter_config_dir())
    folder = config_dir / "kit-lab" / lang
    # <config path>/labconfig/default_setting_overrides.json: defaults JupyterLab layers over overrides.json
    path = folder / "labconfig" / "default_setting_overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({TRANSLATION_PLUGIN: {"locale": LOCALES[lang]}}, indent=2) + "\n", encoding="utf-8")
    return folder


def run(args: argparse.Namespace) -> int:
    """Become JupyterLab on notebooks/<lang>, its interface in that language, until Ctrl-C."""
    config = interface_language_config(args.lang)
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(config), env.get("JUPYTER_CONFIG_PATH")]))
    extra = [a for a in args.lab_args if a != "--"]
    command = [sys.executable, "-m", "jupyterlab", str(NOTEBOOKS_DIR / args.lang), f"--port={args.port}",
               "--ServerApp.port_retries=0", *(["--no-browser"] if args.no_browser else []), *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines run as root
    sys.stdout.flush()
    os.execve(sys.executable, command, env)  # JupyterLab takes this process over: Ctrl-C and signals reach it directly
    return 0  # not reached
