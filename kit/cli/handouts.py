"""`kit handouts OUTDIR`: the printable handouts (checklist, "what feeds Meta's AI"), in French and English."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit.content.names import listing, taxonomy_names
from kit.env import LANGS


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `handouts` subcommand."""
    parser = subparsers.add_parser("handouts", help="write the printable handouts (PDF, French and English)")
    parser.add_argument("outdir", type=Path, help="folder to write the PDFs into (created if needed)")
    parser.add_argument("--region", default="eu", metavar="REGION",
                        help=f"region the handouts are for (default: eu): {listing(taxonomy_names('regions'))}")
    parser.add_argument("--platforms", default="", metavar="LIST",
                        help="the checklist only for these services, comma-separated (default: all): "
                             f"{', '.join(taxonomy_names('platforms'))}")
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help="language of the messages (default: French if the system locale is); "
                             "the handouts are written in both")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the PDFs and list them."""
    from kit.content import default_content
    from kit.env import terminal_language
    from kit.print.handouts import handouts

    lang = args.lang or terminal_language()
    content = default_content()
    if args.region not in content.regions:
        print(content.text("handouts.unknown-region", lang, region=args.region, known=", ".join(content.regions)),
              file=sys.stderr)
        return 2
    platforms = frozenset(filter(None, (name.strip() for name in args.platforms.split(","))))
    if unknown := sorted(platforms - set(content.platforms)):
        print(f"kit handouts: unknown service(s) {', '.join(unknown)}; choose among: {', '.join(content.platforms)}",
              file=sys.stderr)
        return 2
    args.outdir.mkdir(parents=True, exist_ok=True)
    written = handouts(content, args.region, platforms=platforms or None)
    for name, pdf in written.items():
        (args.outdir / name).write_bytes(pdf)
        print(args.outdir / name)
    print(content.text("handouts.written", lang, count=len(written), folder=args.outdir))
    return 0
