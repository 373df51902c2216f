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
    parser.add_argument("--lang", choices=LANGS, default="fr", help="language of the slides (default fr)")
    parser.add_argument("--port", type=int, default=PORT, help=f"port to listen on (default {PORT})")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.set_defaults(run=run)


def slides_url(port: int, lang: str) -> str:
    """Where the slides of notebook 01 in `lang` open."""
    return f"http://localhost:{port}/voila/render/{lang}/{NOTEBOOK}"


def run(args: argparse.Namespace) -> int:
    """Serve the slides until Ctrl-C; a busy port is a clear error, never a silent move."""
    from kit.serving import PortInUseError, serve
    from kit.serving.app import Room
    from kit.serving.slides import TEMPLATE, revealjs_dir

    if revealjs_dir() is None:
        print("kit slides: reveal.js is missing (the sphinx-revealjs package): reinstall the kit with make serve "
              "or pip install -e .", file=sys.stderr)
        return 2
    print_stale_facts("kit slides")
    try:
        serve(port=args.port, open_browser=not args.no_browser, template=TEMPLATE,
              room=Room(url=slides_url(args.port, args.lang)), announce=print_slides,
              listed=f"*/{NOTEBOOK}")  # the other modules are no slides
    except PortInUseError:
        print(f"kit slides: port {args.port} is already in use. Stop the other server, "
              f"or choose another port: kit slides --port {args.port + 1}", file=sys.stderr)
        return 2
    return 0


def print_slides(room, port: int) -> None:
    """The start-up message: where the slides are, the keys, how to stop."""
    print(f"\nkit slides: open  {room.url}\n"
          "Keys: → or Space next, ← previous, Esc overview, F full screen, S speaker view.\n"
          "Stop with Ctrl-C.\n", flush=True)
