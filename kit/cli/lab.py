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


def interface_language_config(lang: str, config_dir: Path | None = None) -> Path:
    """A Jupyter config folder read only by the JupyterLab `kit lab` starts: `lang` as default language, no news."""
    # Not the environment's share/jupyter/lab/settings: every other JupyterLab of that environment would follow.
    if config_dir is None:
        from jupyter_core.paths import jupyter_config_dir

        config_dir = Path(jupyter_config_dir())
    folder = config_dir / "kit-lab" / lang
    # <config path>/labconfig/default_setting_overrides.json: defaults JupyterLab layers over overrides.json
    path = folder / "labconfig" / "default_setting_overrides.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    defaults = {TRANSLATION_PLUGIN: {"locale": LOCALES[lang]}, NOTIFICATION_PLUGIN: NO_NEWS}
    path.write_text(json.dumps(defaults, indent=2) + "\n", encoding="utf-8")
    return folder


def run(args: argparse.Namespace) -> int:
    """Set the interface language, say where to start, then become JupyterLab on notebooks/<lang> until Ctrl-C."""
    import secrets

    from kit.content import default_content
    from kit.env import terminal_language

    lang = args.lang or terminal_language()
    t = default_content().text
    config = interface_language_config(lang)
    env = dict(os.environ)
    env["JUPYTER_CONFIG_PATH"] = os.pathsep.join(filter(None, [str(config), env.get("JUPYTER_CONFIG_PATH")]))
    if not args.verbose:  # Jupyter Server's own deprecation notices are for developers, not for a self-learner
        env.setdefault("PYTHONWARNINGS", "ignore::DeprecationWarning")
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
    os.execve(sys.executable, command, env)  # JupyterLab takes this process over: Ctrl-C and signals reach it directly
    return 0  # not reached
