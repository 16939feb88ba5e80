"""HTTP sources: poll a URL for a new issue file with a conditional GET, safely.

- Only ``http`` and ``https``; at most ``max_bytes`` read; a timeout on every phase.
- ``If-None-Match`` / ``If-Modified-Since`` from the last fetch; 304 means nothing new.
- SSRF: the host is resolved and every address must be globally routable unicast
  (``is_global``: not private, loopback, link-local, shared 100.64.0.0/10, multicast,
  reserved), judged by the IPv4 address it wraps for IPv4-mapped, 6to4, Teredo and NAT64
  forms, unless it lies in ``allow_networks``. The connection is
  pinned to the checked address (no DNS rebinding between check and connect), and every
  redirect is checked again the same way.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from syndicate.errors import SourceError

MAX_REDIRECTS = 5
USER_AGENT = "syndicate/0.1 (+newspaper syndication)"
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Fetched:
    """The outcome of one poll. ``body`` is None when the source had nothing new (304)."""

    url: str
    body: bytes | None
    etag: str | None
    last_modified: str | None
    filename: str


def networks(specs: Iterable[str]) -> tuple[Network, ...]:
    """Parse ``allow_networks`` entries like ``127.0.0.0/8`` (ConfigError-style message)."""
    out: list[Network] = []
    for s in specs:
        try:
            out.append(ipaddress.ip_network(s, strict=False))
        except ValueError as e:
            raise SourceError(f"sources: '{s}' is not a network; use CIDR like 10.0.0.0/8") from e
    return tuple(out)


# Local-use NAT64 (RFC 8215): a private translator, wherever in the prefix the IPv4 sits.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")


def _wrapped(ip: Address) -> tuple[Address, ...]:
    """The IPv4 addresses an IPv6 address carries (IPv4-mapped, 6to4, Teredo server and
    client, NAT64 64:ff9b::/96), else the address itself: the wrapped one is where it goes."""
    if isinstance(ip, ipaddress.IPv4Address):
        return (ip,)
    if ip.ipv4_mapped:
        return (ip.ipv4_mapped,)
    if ip.sixtofour:
        return (ip.sixtofour,)
    if ip.teredo:
        return ip.teredo
    if ip in _NAT64:
        return (ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF),)
    return (ip,)


def _global(ip: Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and (ip.is_site_local or ip in _NAT64_LOCAL):
        return False
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified)


def _public(ip: Address) -> bool:
    """Only globally routable unicast addresses, judged by the address they wrap."""
    return all(_global(inner) for inner in _wrapped(ip))


def check_url(url: str, allow: tuple[Network, ...]) -> tuple[str, str]:
    """Return ``(host, ip)`` to connect to, or raise SourceError saying why not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise SourceError(f"source {url}: only http and https URLs are allowed")
    host = parts.hostname
    if not host:
        raise SourceError(f"source {url}: the URL has no host")
    try:
        infos = socket.getaddrinfo(host, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise SourceError(f"source {url}: cannot resolve {host} ({e})") from e
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    for ip in addresses:
        if not _public(ip) and not any(ip in n for n in allow):
            raise SourceError(
                f"source {url}: refused: {host} resolves to the non-public address {ip}; "
                "add its network to allow_networks to allow it"
            )
    return host, str(addresses[0])


def _pinned(url: str, ip: str) -> str:
    parts = urlsplit(url)
    netloc = f"[{ip}]" if ":" in ip else ip
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    allow_networks: tuple[Network, ...] = (),
    max_bytes: int = 20 * 1024 * 1024,
    timeout: float = 30.0,
) -> Fetched:
    """GET ``url`` (conditionally), following redirects safely. Raises SourceError."""
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    with httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            host, ip = check_url(url, allow_networks)
            response = _get(client, url, host, ip, headers, max_bytes)
            if response is None:
                return Fetched(url, None, etag, last_modified, _filename(url))
            if isinstance(response, str):
                url = response
                continue
            return response
    raise SourceError(f"source {url}: more than {MAX_REDIRECTS} redirects")


def _get(
    client: httpx.Client, url: str, host: str, ip: str, headers: dict[str, str], max_bytes: int
) -> Fetched | str | None:
    """One request: a Fetched, the next URL of a redirect (str), or None for 304."""
    host_header = urlsplit(url).netloc.rsplit("@", 1)[-1]
    req_headers = {**headers, "Host": host_header}
    extensions = {"sni_hostname": host} if url.startswith("https:") else {}
    try:
        with client.stream(
            "GET", _pinned(url, ip), headers=req_headers, extensions=extensions
        ) as r:
            if r.status_code == 304:
                return None
            if r.status_code in (301, 302, 303, 307, 308) and "location" in r.headers:
                return urljoin(url, r.headers["location"])
            if r.status_code != 200:
                raise SourceError(f"source {url}: HTTP {r.status_code} {r.reason_phrase}")
            declared = int(r.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise SourceError(f"source {url}: {declared} bytes is over the {max_bytes} cap")
            body = bytearray()
            for chunk in r.iter_bytes():
                body += chunk
                if len(body) > max_bytes:
                    raise SourceError(f"source {url}: more than the {max_bytes}-byte cap")
            return Fetched(
                url,
                bytes(body),
                r.headers.get("etag"),
                r.headers.get("last-modified"),
                _filename(url, r.headers.get("content-disposition")),
            )
    except httpx.HTTPError as e:
        raise SourceError(f"source {url}: {type(e).__name__}: {e}") from e


def _filename(url: str, disposition: str | None = None) -> str:
    """A file name for the fetched issue (its date may be in it)."""
    if disposition and "filename=" in disposition:
        name = disposition.split("filename=", 1)[1].strip().strip('"')
        if name and "/" not in name and "\\" not in name:
            return name
    name = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
    return name or "issue.txt"
