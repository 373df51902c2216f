"""`kit serve`: serve the notebooks as apps with Voilà."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `serve` subcommand."""
    parser = subparsers.add_parser("serve", help="serve the notebooks with Voilà (http://localhost:8866)")
    parser.add_argument("--port", type=int, default=8866, help="port to listen on (default 8866)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--notebooks", type=Path, default=None, help="notebooks folder (default: the kit's)")
    parser.add_argument("--allow-upload", action="store_true",
                        help="let attendees upload their export; it is read in this computer's memory")
    parser.add_argument("--upload-limit", type=int, default=200, metavar="MB",
                        help="largest upload accepted with --allow-upload (default 200 MB)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Start the server; a busy port is a clear error, never a silent move."""
    from kit.paths import NOTEBOOKS_DIR
    from kit.serving import PortInUseError, serve

    notebooks = args.notebooks or NOTEBOOKS_DIR
    if not notebooks.is_dir():
        print(f"kit serve: no notebooks folder at {notebooks}", file=sys.stderr)
        return 2
    try:
        serve(port=args.port, open_browser=not args.no_browser, notebooks_dir=notebooks,
              upload_limit_mb=args.upload_limit if args.allow_upload else 0)
    except PortInUseError:
        print(
            f"kit serve: port {args.port} is already in use. Stop the other server, "
            f"or choose another port: kit serve --port {args.port + 1}",
            file=sys.stderr,
        )
        return 2
    return 0
