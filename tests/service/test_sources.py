"""Source polling against a real HTTP server: conditional GET, caps, and SSRF refusals."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from syndicate.errors import SourceError
from syndicate.service.sources import fetch, networks
from tests.conftest import SEED
from tests.http_fixtures import Site, serve

LOOPBACK = networks(["127.0.0.0/8"])


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.file("/jngx/2022-03-25.txt", SEED.read_bytes())
    with serve(s) as running:
        yield running


def test_conditional_get(site: Site) -> None:
    first = fetch(f"{site.base}/jngx/2022-03-25.txt", allow_networks=LOOPBACK)
    assert first.body == SEED.read_bytes() and first.filename == "2022-03-25.txt"
    assert first.etag and first.last_modified
    again = fetch(
        first.url, etag=first.etag, last_modified=first.last_modified, allow_networks=LOOPBACK
    )
    assert again.body is None
    assert site.requests[-1][1]["If-None-Match"] == first.etag


def test_loopback_is_refused_by_default(site: Site) -> None:
    with pytest.raises(SourceError, match="non-public address 127.0.0.1"):
        fetch(f"{site.base}/jngx/2022-03-25.txt")
    assert site.requests == []  # refused before connecting


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/x",
        "http://[::1]:1/x",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
        # issue 16: shared address space and addresses wrapping loopback
        "http://100.100.100.200/latest/meta-data/",
        "http://[2002:7f00:1::1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",
    ],
)
def test_redirects_are_checked_again(site: Site, target: str) -> None:
    site.redirect("/moved", target)
    with pytest.raises(SourceError, match="non-public address"):
        fetch(f"{site.base}/moved", allow_networks=LOOPBACK)
    assert [r[0] for r in site.requests] == ["/moved"]  # the refused hop was never requested


def test_redirect_within_allowed_networks_is_followed(site: Site) -> None:
    site.redirect("/latest", "/jngx/2022-03-25.txt")
    got = fetch(f"{site.base}/latest", allow_networks=LOOPBACK)
    assert got.url.endswith("/jngx/2022-03-25.txt") and got.body


def test_redirect_loops_stop(site: Site) -> None:
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    with pytest.raises(SourceError, match="redirects"):
        fetch(f"{site.base}/a", allow_networks=LOOPBACK)


def test_size_cap(site: Site) -> None:
    site.file("/big.txt", b"x" * 5000)
    with pytest.raises(SourceError, match="cap"):
        fetch(f"{site.base}/big.txt", allow_networks=LOOPBACK, max_bytes=4096)


def test_http_errors_and_schemes(site: Site) -> None:
    with pytest.raises(SourceError, match="HTTP 404"):
        fetch(f"{site.base}/missing.txt", allow_networks=LOOPBACK)
    for url in ("ftp://example.org/x", "file:///etc/passwd", "gopher://x/"):
        with pytest.raises(SourceError, match="only http and https"):
            fetch(url)
    with pytest.raises(SourceError, match="non-public"):
        fetch("http://localhost:9/x")


def test_bad_network_spec() -> None:
    with pytest.raises(SourceError, match="not a network"):
        networks(["10.0.0.0/33"])
