"""`kit slides`: notebook 01 as reveal.js slides, served on this computer by the kit's Voilà app."""

from __future__ import annotations

import argparse
import sys

from kit.content.staleness import print_stale_facts
from kit.env import LANGS

NOTEBOOK = "01-what-feeds-meta-ai.ipynb"
PORT = 8868  # not kit serve's (8866): a facilitator may present the slides while serving the room


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `slides` subcommand."""
    parser = subparsers.add_parser("slides", help=f"present notebook 01 as slides (http://localhost:{PORT})")
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help="language of the slides and the terminal (default: French if the system locale is)")
    parser.add_argument("--port", type=int, default=PORT, help=f"port to listen on (default {PORT})")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--verbose", action="store_true", help="show Jupyter's and Voilà's own logs")
    parser.set_defaults(run=run)


def slides_url(port: int, lang: str) -> str:
    """Where the slides of notebook 01 in `lang` open."""
    return f"http://localhost:{port}/voila/render/{lang}/{NOTEBOOK}"


def run(args: argparse.Namespace) -> int:
    """Serve the slides until Ctrl-C; a busy port is a clear error, never a silent move."""
    from kit.content import default_content
    from kit.env import terminal_language
    from kit.serving import PortInUseError, serve
    from kit.serving.app import Room
    from kit.serving.console import port_busy
    from kit.serving.slides import TEMPLATE, revealjs_dir

    lang = args.lang or terminal_language()
    if revealjs_dir() is None:
        print(default_content().text("slides.no-revealjs", lang), file=sys.stderr)
        return 2
    from kit.serving.internals import untested_versions_message

    if untested := untested_versions_message("kit slides", lang):
        print(untested, file=sys.stderr)
        return 2
    print_stale_facts("kit slides", lang=lang)
    try:
        serve(port=args.port, open_browser=not args.no_browser, template=TEMPLATE,
              room=Room(url=slides_url(args.port, lang)), announce=print_slides,
              listed=f"*/{NOTEBOOK}", lang=lang, verbose=args.verbose)  # the other modules are no slides
    except PortInUseError:
        print(port_busy("kit slides", args.port, lang), file=sys.stderr)
        return 2
    return 0


def print_slides(console, room) -> None:
    """The start-up message: where the slides are, the keys, how to stop."""
    console.say("", console.t("slides.open", url=room.url), console.t("slides.keys"), console.t("slides.stop"), "")
