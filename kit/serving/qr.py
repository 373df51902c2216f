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
CAPTION_PX = (48, 34, 22)  # the address under the code: largest size; smallest on one line, then on two lines


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


def room_view_url(address: str, port: int, key: str) -> str:
    """The facilitator's room view; its key is not the attendees' token, and opens nothing else."""
    return f"http://{address}:{port}/kit/room?key={key}"


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


def caption_lines(text: str, width: int, measure) -> tuple[list[str], int]:
    """The caption in as few lines as fit `width` (cut before "?token=" if need be) and its type size in px."""
    largest, one_line, two_lines = CAPTION_PX
    for lines, smallest in (([text], one_line), (text.replace("?", "\n?", 1).split("\n"), two_lines)):
        for size in range(largest, smallest - 1, -2):
            if all(measure(line, size) <= width for line in lines):
                return lines, size
    return lines, two_lines


def save_png(qr: segno.QRCode, path: Path, caption: str = "") -> Path:
    """Write the QR code as a PNG to put on the projector, with `caption` (its address) in large type under it,
    for those who cannot scan; returns the absolute path."""
    from PIL import Image, ImageDraw, ImageFont

    path = path.expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    qr.save(out, kind="png", scale=QR_SCALE, border=4)
    code = Image.open(io.BytesIO(out.getvalue())).convert("L")
    if not caption:
        code.save(path, format="PNG")
        return path
    fonts: dict[int, ImageFont.FreeTypeFont | ImageFont.ImageFont] = {}

    def font(size: int):
        return fonts.setdefault(size, ImageFont.load_default(size=size))

    margin = QR_SCALE * 2
    lines, size = caption_lines(caption, code.width - 2 * margin, lambda line, px: font(px).getlength(line))
    leading = int(size * 1.3)
    image = Image.new("L", (code.width, code.height + leading * len(lines) + margin), 255)
    image.paste(code, (0, 0))
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        x = (code.width - font(size).getlength(line)) / 2
        draw.text((x, code.height - QR_SCALE + number * leading), line, fill=0, font=font(size))
    image.save(path, format="PNG")
    return path


def save_join_sheet(qr: segno.QRCode, path: Path, url: str, token: str | None, wifi: str | None,
                    lang: str) -> Path:
    """Write the printable A4 join sheet (PDF): QR code, address, token, Wi-Fi name; returns the absolute path."""
    from kit.serving.join_sheet import join_sheet_pdf

    path = path.expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(join_sheet_pdf(qr, url, token, wifi, lang))
    return path
