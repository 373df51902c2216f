"""`kit serve`: serve the notebooks as apps with Voilà, on this computer or to a whole room (--lan)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kit.content.staleness import print_stale_facts
from kit.env import LANGS
from kit.serving.defaults import CULL_IDLE_SECONDS, CULL_INTERVAL_SECONDS, LAN_POOL, LOCAL_POOL, PORT

QR_FILENAME = "kit-qr.png"
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to read off a projector
TOKEN_LENGTH = 10  # about 49 bits: far beyond guessing over a room's network
ROOM_KEY_LENGTH = 16  # the facilitator's room view: about 79 bits, typed once at most


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `serve` subcommand."""
    parser = subparsers.add_parser("serve", help=f"serve the notebooks with Voilà (http://localhost:{PORT})")
    parser.add_argument("--port", type=int, default=PORT, help=f"port to listen on (default {PORT})")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--notebooks", type=Path, default=None, help="notebooks folder (default: the kit's)")
    parser.add_argument("--allow-upload", action="store_true",
                        help="let attendees upload their export; it is read in this computer's memory")
    parser.add_argument("--upload-limit", type=int, default=200, metavar="MB",
                        help="largest upload accepted with --allow-upload (default 200 MB)")
    parser.add_argument("--lang", choices=LANGS, default=None,
                        help="language of the terminal and the room view (default: French if the system locale is)")
    parser.add_argument("--verbose", action="store_true", help="show Jupyter's and Voilà's own logs")
    room = parser.add_argument_group("serving a room")
    room.add_argument("--lan", action="store_true",
                      help="serve every device on this computer's network: prints the address attendees open "
                           f"and its QR code, writes the QR code as a PNG, preheats {LAN_POOL} kernels per notebook")
    room.add_argument("--qr", type=Path, default=None, metavar="PATH",
                      help=f"where --lan writes the QR code PNG (default ./{QR_FILENAME})")
    room.add_argument("--pool", action="append", type=parse_pool, default=None, metavar="N|PATTERN=N",
                      help="kernels kept started, their notebook already run, so a page opens at once: N for every "
                           "notebook, or PATTERN=N for the notebooks matching PATTERN, e.g. 'fr/01-*=10' "
                           f"(repeatable, the last match wins; default {LAN_POOL} with --lan, {LOCAL_POOL} without; "
                           "each kernel holds 70 to 115 MB)")
    room.add_argument("--token", nargs="?", const="", default=None, metavar="SECRET",
                      help="require this access token (alone: generate one); the printed address and QR code "
                           "carry it")
    room.add_argument("--join-sheet", type=Path, default=None, metavar="PATH",
                      help="with --lan, also write a printable A4 page (PDF) with the QR code, address and token")
    room.add_argument("--wifi", default=None, metavar="NAME", help="the room's Wi-Fi name, for the join sheet")
    room.add_argument("--no-pulse", action="store_true",
                      help="no room pulse: attendees' pages show no done/help buttons, and there is no room view")
    advanced = parser.add_argument_group("advanced (kernel culling)")
    advanced.add_argument("--cull-idle", type=int, default=CULL_IDLE_SECONDS, metavar="SECONDS",
                          help="shut down a kernel nobody has been connected to for this long "
                               f"(default {CULL_IDLE_SECONDS}; a kernel whose page is open is never culled)")
    advanced.add_argument("--cull-interval", type=int, default=CULL_INTERVAL_SECONDS, metavar="SECONDS",
                          help=f"how often to look for such kernels (default {CULL_INTERVAL_SECONDS})")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Start the server; a busy port is a clear error, never a silent move."""
    from kit.env import NOTEBOOKS_DIR, terminal_language
    from kit.serving import PortInUseError, serve
    from kit.serving.app import check_port_free, preheat_pools
    from kit.serving.console import port_busy

    lang = args.lang or terminal_language()
    notebooks = args.notebooks or NOTEBOOKS_DIR
    problem = _check(args, notebooks)
    if problem:
        print(f"kit serve: {problem}", file=sys.stderr)
        return 2
    ip = "0.0.0.0" if args.lan else "localhost"
    token = None if args.token is None else (args.token or _new_token())
    sizes = [("*", LAN_POOL if args.lan else LOCAL_POOL), *(args.pool or [])]
    pools = preheat_pools(notebooks, sizes)
    unmatched = [pattern for pattern, _ in args.pool or [] if pattern != "*" and not preheat_pools(
        notebooks, [(pattern, 1)])]
    if unmatched:
        print(f"kit serve: no notebook matches --pool {unmatched[0]}=… "
              "(patterns look like 'fr/*' or '*/01-*')", file=sys.stderr)
        return 2
    from kit.serving.internals import untested_versions_message

    if untested := untested_versions_message("kit serve", lang):
        print(untested, file=sys.stderr)
        return 2
    print_stale_facts(lang=lang)
    try:
        check_port_free(ip, args.port)  # before the QR code is written: it must name a port that works
        room_key = _new_token(ROOM_KEY_LENGTH) if args.lan and not args.no_pulse else ""
        room = _room(args, token, pools, room_key, lang)
        serve(port=args.port, ip=ip, open_browser=not args.no_browser, notebooks_dir=notebooks,
              upload_limit_mb=args.upload_limit if args.allow_upload else 0,
              pools=pools, token=token, room=room, cull_idle=args.cull_idle, cull_interval=args.cull_interval,
              lang=lang, room_key=room_key, verbose=args.verbose)
    except PortInUseError:
        print(port_busy("kit serve", args.port, lang, " --lan" if args.lan else ""), file=sys.stderr)
        return 2
    return 0


def _check(args: argparse.Namespace, notebooks: Path) -> str | None:
    """One sentence saying what is wrong with the options, or None."""
    if not notebooks.is_dir():
        return f"no notebooks folder at {notebooks}"
    if args.qr is not None and not args.lan:
        return "--qr goes with --lan (a QR code for localhost would only work on this computer)"
    if args.join_sheet is not None and not args.lan:
        return "--join-sheet goes with --lan (the sheet gives the address on the room's network)"
    if args.cull_idle < 1 or args.cull_interval < 1:
        return "--cull-idle and --cull-interval must be at least 1 second"
    if args.token and not all((c.isascii() and c.isalnum()) or c in "-_.~" for c in args.token):
        return "--token may hold only letters, digits and - _ . ~ (it goes into the address)"
    return None


def parse_pool(value: str) -> tuple[str, int]:
    """`N` → ("*", N); `PATTERN=N` → (PATTERN, N)."""
    pattern, _, size = value.rpartition("=")
    if not size.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of kernels, or PATTERN=NUMBER")
    return pattern or "*", int(size)


def _new_token(length: int = TOKEN_LENGTH) -> str:
    import secrets

    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(length))


def _room(args: argparse.Namespace, token: str | None, pools: dict[str, int], room_key: str, lang: str):
    """What the start-up message says: the address, its QR code (terminal and PNG) with --lan, the room view."""
    from kit.content import default_content
    from kit.serving.app import Room
    from kit.serving.qr import lan_addresses, make_qr, qr_text, room_url, room_view_url, save_join_sheet, save_png

    common = {"token": token, "preheated": pools, "cull_idle": args.cull_idle, "cull_interval": args.cull_interval}
    addresses = lan_addresses() if args.lan else []
    view = room_view_url(addresses[0] if addresses else "localhost", args.port, room_key) if room_key else ""
    if not args.lan:
        return Room(url=room_url("localhost", args.port, token), **common)
    if not addresses:
        print(default_content().text("serve.no-network", lang), file=sys.stderr)
        return Room(url=room_url("localhost", args.port, token), room_view=view, **common)
    url = room_url(addresses[0], args.port, token)
    qr = make_qr(url)
    png = save_png(qr, args.qr or Path.cwd() / QR_FILENAME, caption=url)
    sheet = save_join_sheet(qr, args.join_sheet, url, token, args.wifi, lang) if args.join_sheet else None
    return Room(url=url, other_urls=tuple(room_url(a, args.port, token) for a in addresses[1:]),
                qr_text=qr_text(qr), qr_png=png, room_view=view, join_sheet=sheet, **common)
