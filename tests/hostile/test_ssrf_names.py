"""SSRF through names and odd spellings (issue 8): a source URL whose host is a *name* that
resolves to loopback, or loopback written the ways URL parsers and resolvers disagree on, is
refused before any connection. tests/service/test_sources.py covers literal private, link-local and
IPv4-mapped addresses, redirects to them, and the pinned connection."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from syndicate.errors import SourceError
from syndicate.service.sources import fetch
from tests.conftest import SEED
from tests.http_fixtures import Site, serve


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    s.file("/jngx/2022-03-25.txt", SEED.read_bytes())
    with serve(s) as running:
        yield running


@pytest.mark.parametrize(
    "host",
    ["localhost", "LOCALHOST", "127.1", "0x7f000001", "2130706433", "0177.0.0.1"],
)
def test_loopback_by_any_name_is_refused(site: Site, host: str) -> None:
    port = site.base.rsplit(":", 1)[1]
    with pytest.raises(SourceError, match="resolves to the non-public address 127.0.0.1"):
        fetch(f"http://{host}:{port}/jngx/2022-03-25.txt")
    assert site.requests == []  # refused before connecting
