"""`kit handouts OUTDIR`: the printable handouts (checklist, "what feeds Meta's AI"), in French and English."""

from __future__ import annotations

import argparse
from pathlib import Path

from kit.content.names import listing, taxonomy_names


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `handouts` subcommand."""
    parser = subparsers.add_parser("handouts", help="write the printable handouts (PDF, French and English)")
    parser.add_argument("outdir", type=Path, help="folder to write the PDFs into (created if needed)")
    parser.add_argument("--region", default="eu", metavar="REGION",
                        help=f"region the handouts are for (default: eu): {listing(taxonomy_names('regions'))}")
    parser.add_argument("--platforms", default="", metavar="LIST",
                        help="the checklist only for these services, comma-separated (default: all): "
                             f"{', '.join(taxonomy_names('platforms'))}")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the PDFs and list them."""
    from kit.content import default_content
    from kit.handouts import handouts

    content = default_content()
    if args.region not in content.regions:
        print(f"kit handouts: unknown region '{args.region}'; choose one of: {', '.join(content.regions)}")
        return 2
    platforms = frozenset(filter(None, (name.strip() for name in args.platforms.split(","))))
    if unknown := sorted(platforms - set(content.platforms)):
        print(f"kit handouts: unknown service(s) {', '.join(unknown)}; choose among: {', '.join(content.platforms)}")
        return 2
    args.outdir.mkdir(parents=True, exist_ok=True)
    for name, pdf in handouts(content, args.region, platforms=platforms or None).items():
        (args.outdir / name).write_bytes(pdf)
        print(args.outdir / name)
    return 0
