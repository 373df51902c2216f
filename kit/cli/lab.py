"""`kit lab`: the notebooks in JupyterLab for self-study, its interface in French or English."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from kit.env import LANGS, NOTEBOOKS_DIR

LOCALES = {"fr": "fr_FR", "en": "en"}
TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
NOTIFICATION_PLUGIN = "@jupyterlab/apputils-extension:notification"
# No news pop-up and no request to jupyter.org: the news feed is turned off on the server (LabApp.news_url=None,
# which also tells the page that news is disabled) and in the interface's defaults (never fetch, never check).
NO_NEWS = {"fetchNews": "false", "checkForUpdates": False}
TOKEN_OPTION = "--IdentityProvider.token="


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `lab` subcommand."""
    parser = subparsers.add_parser("lab", help="open the notebooks in JupyterLab (self-study)")
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help="notebooks, interface and terminal language (default: French if the system locale is)")
    parser.add_argument("--port", type=int, default=8888, help="port for JupyterLab (default 8888)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--verbose", action="store_true", help="show JupyterLab's own logs")
    parser.add_argument("lab_args", nargs=argparse.REMAINDER, help="after --: options passed to JupyterLab")
    parser.set_defaults(run=run)


def set_interface_language(lang: str, prefix: Path = Path(sys.prefix)) -> Path:
    """Make `lang` JupyterLab's default interface language in this environment, with no news (overrides.json)."""
    path = prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    overrides = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    overrides.setdefault(TRANSLATION_PLUGIN, {})["locale"] = LOCALES[lang]
    overrides.setdefault(NOTIFICATION_PLUGIN, {}).update(NO_NEWS)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(overrides, indent=2) + "\n", encoding="utf-8")
    return path


def run(args: argparse.Namespace) -> int:
    """Set the interface language, say where to start, then become JupyterLab on notebooks/<lang> until Ctrl-C."""
    import secrets

    from kit.content import default_content
    from kit.env import terminal_language

    lang = args.lang or terminal_language()
    t = default_content().text
    set_interface_language(lang)
    extra = [a for a in args.lab_args if a != "--"]
    given = [a.removeprefix(TOKEN_OPTION) for a in extra if a.startswith(TOKEN_OPTION)]
    token = given[-1] if given else secrets.token_urlsafe(16)
    first = sorted((NOTEBOOKS_DIR / lang).glob("01-*.ipynb"))
    start = f"/lab/tree/{first[0].name}" if first else "/lab"
    quiet = [] if args.verbose else ["--ServerApp.log_level=WARN", "--LabApp.log_level=WARN"]  # problems only
    command = [sys.executable, "-m", "jupyterlab", str(NOTEBOOKS_DIR / lang), f"--port={args.port}",
               "--ServerApp.port_retries=0", "--LabApp.news_url=None", f"--ServerApp.default_url={start}", *quiet,
               *([] if given else [f"{TOKEN_OPTION}{token}"]),
               *(["--no-browser"] if args.no_browser else []), *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers and CI machines run as root
    print(t("lab.start", lang, url=f"http://localhost:{args.port}{start}?token={token}"))
    if first:
        print(t("lab.first-click", lang, notebook=first[0].stem))
    print(t("lab.stop", lang), flush=True)
    os.execv(sys.executable, command)  # JupyterLab takes this process over: Ctrl-C and signals reach it directly
    return 0  # not reached
