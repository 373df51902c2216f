"""gzip for the kit's server, compressing each static file once for the whole room.

A notebook page pulls 100 scripts, styles and fonts, 5.4 MB raw and 1.6 MB gzipped: on a room's Wi-Fi or a
phone's hotspot, those bytes decide how long 40 attendees wait. Tornado's transform compresses every response
anew, on the server's one event loop (0.2 s of CPU per attendee, which made everyone else wait). Static files
carry an Etag, a hash of their content, so their compressed body is kept and served again to every attendee.
"""

from __future__ import annotations

from tornado import httputil
from tornado.web import GZipContentEncoding

from kit.env import MIB
from kit.serving import internals

CACHE_LIMIT = 32 * MIB  # compressed bytes kept; the kit's pages need about 2 MB


class CachedGZip(GZipContentEncoding):
    """Tornado's gzip transform; a GET answered 200 with an Etag is compressed once, then served from memory."""

    _cache: dict[str, bytes] = {}  # Etag → compressed body
    _cached_bytes = 0

    def __init__(self, request: httputil.HTTPServerRequest) -> None:
        super().__init__(request)
        self._cacheable = request.method == "GET"
        self._etag: str | None = None
        self._parts: list[bytes] = []
        self._hit = False

    def transform_first_chunk(
        self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        etag = headers.get("Etag") if self._cacheable and status_code == 200 else None
        gzipping = etag and internals.gzipping(self) and "Content-Encoding" not in headers
        cached = self._cache.get(etag) if etag and gzipping else None
        if cached is not None:
            self._hit = True
            headers["Vary"] = f"{headers['Vary']}, Accept-Encoding" if "Vary" in headers else "Accept-Encoding"
            headers["Content-Encoding"] = "gzip"
            headers["Content-Length"] = str(len(cached))
            return status_code, headers, cached
        status_code, headers, chunk = super().transform_first_chunk(status_code, headers, chunk, finishing)
        if etag and internals.gzipping(self):
            self._etag = etag
            self._keep(chunk, finishing)
        return status_code, headers, chunk

    def transform_chunk(self, chunk: bytes, finishing: bool) -> bytes:
        if self._hit:
            return b""  # the whole compressed body went with the first chunk
        chunk = super().transform_chunk(chunk, finishing)
        if self._etag:
            self._keep(chunk, finishing)
        return chunk

    def _keep(self, chunk: bytes, finishing: bool) -> None:
        self._parts.append(chunk)
        if finishing and self._etag is not None:
            body = b"".join(self._parts)
            if CachedGZip._cached_bytes + len(body) <= CACHE_LIMIT and self._etag not in self._cache:
                CachedGZip._cache[self._etag] = body
                CachedGZip._cached_bytes += len(body)
            self._parts, self._etag = [], None
