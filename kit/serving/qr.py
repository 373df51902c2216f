"""What attendees open: this computer's address on the room's network, and a QR code for it.

Nothing here sends a packet: the address is read from the routing table (a UDP socket's connect() only
picks the local address the system would use, it transmits nothing) and from the host's own name.
"""

from __future__ import annotations

import io
import ipaddress
import socket
from pathlib import Path

import segno

# Private ranges a room's network uses; connect() to them only asks the system which local address it would use.
_ROUTE_PROBES = ("10.255.255.255", "172.31.255.255", "192.168.255.255")
QR_SCALE = 16  # pixels per module: a version-3 code is about 650 px wide, readable from the back of a room


def lan_addresses() -> list[str]:
    """This computer's IPv4 addresses that another device on the room's network could reach, best first.

    Loopback and link-local addresses are left out; an empty list means no network is connected.
    """
    found: list[str] = []
    for target in _ROUTE_PROBES:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            try:
                probe.connect((target, 9))  # UDP: no packet is sent
                found.append(probe.getsockname()[0])
            except OSError:
                continue  # no route to that range
    for name in {socket.gethostname(), socket.getfqdn()}:
        try:
            infos = socket.getaddrinfo(name, None, socket.AF_INET, socket.SOCK_STREAM)
        except OSError:
            continue
        found.extend(str(info[4][0]) for info in infos)
    unique = list(dict.fromkeys(found))
    return [a for a in unique if not (ipaddress.ip_address(a).is_loopback or ipaddress.ip_address(a).is_link_local
                                      or ipaddress.ip_address(a).is_unspecified)]


def room_url(address: str, port: int, token: str | None = None) -> str:
    """The address attendees type or scan; it carries the access token when there is one."""
    return f"http://{address}:{port}/" + (f"?token={token}" if token else "")


def make_qr(url: str) -> segno.QRCode:
    """A regular QR code (never a Micro QR, which phones do not read) with at least 15 % error correction."""
    return segno.make(url, error="m", micro=False)


def qr_text(qr: segno.QRCode) -> str:
    """The QR code drawn with block characters, for the terminal."""
    out = io.StringIO()
    qr.terminal(out=out, compact=True)
    return out.getvalue().rstrip("\n") + "\n"


def save_png(qr: segno.QRCode, path: Path) -> Path:
    """Write the QR code as a PNG to put on the projector; returns the absolute path."""
    path = path.expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    qr.save(str(path), kind="png", scale=QR_SCALE, border=4)
    return path
