"""SSRF round two (issue 16, item 1): only globally routable addresses pass, and an IPv6
address that wraps an IPv4 one (IPv4-mapped, 6to4, Teredo, NAT64 64:ff9b::/96) is judged by
the address it wraps. Literal URLs resolve without a network; redirects to wrapped and shared
addresses are in tests/service/test_sources.py::test_redirects_are_checked_again."""

from __future__ import annotations

import ipaddress

import pytest

from syndicate.errors import SourceError
from syndicate.service.sources import check_url, networks

REFUSED = [
    "100.100.100.200",  # shared address space 100.64.0.0/10: a cloud metadata address
    "100.64.0.1",
    "127.0.0.1",
    "127.1",  # getaddrinfo's short, decimal, hex and octal spellings of loopback
    "2130706433",
    "0x7f000001",
    "0177.0.0.1",
    "0.0.0.0",
    "10.0.0.1",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "198.18.0.1",  # benchmarking
    "192.0.2.1",  # documentation
    "224.0.0.1",  # multicast
    "239.1.1.1",
    "255.255.255.255",
    "[::1]",
    "[::]",
    "[fe80::1]",
    "[fc00::1]",
    "[fec0::1]",  # site-local (deprecated, still not public)
    "[ff0e::1]",
    "[2001:db8::1]",
    "[::127.0.0.1]",  # IPv4-compatible (deprecated)
    "[::ffff:127.0.0.1]",  # IPv4-mapped
    "[::ffff:100.100.100.200]",
    "[::ffff:10.0.0.1]",
    "[2002:7f00:1::1]",  # 6to4 wrapping 127.0.0.1
    "[2002:a9fe:a9fe::1]",  # 6to4 wrapping 169.254.169.254
    "[2002:6464:64c8::1]",  # 6to4 wrapping 100.100.100.200
    "[2001:0:4136:e378:8000:63bf:80ff:fffe]",  # Teredo, client 127.0.0.1
    "[2001:0:4136:e378:8000:63bf:f5ff:fffe]",  # Teredo, client 10.0.0.1
    "[64:ff9b::7f00:1]",  # NAT64 wrapping 127.0.0.1
    "[64:ff9b::a9fe:a9fe]",  # NAT64 wrapping 169.254.169.254
    "[64:ff9b::6464:64c8]",  # NAT64 wrapping 100.100.100.200
    "[64:ff9b:1::808:808]",  # local-use NAT64 (RFC 8215): a private translator
]

ALLOWED = [
    ("8.8.8.8", "8.8.8.8"),
    ("[2606:4700:4700::1111]", "2606:4700:4700::1111"),
    ("[::ffff:8.8.8.8]", "::ffff:8.8.8.8"),
    ("[2002:808:808::1]", "2002:808:808::1"),  # 6to4 of a public address
    ("[64:ff9b::808:808]", "64:ff9b::808:808"),  # NAT64 of a public address
]


@pytest.mark.parametrize("host", REFUSED)
def test_every_spelling_of_a_non_public_address_is_refused(host: str) -> None:
    with pytest.raises(SourceError, match="resolves to the non-public address"):
        check_url(f"http://{host}/issue.txt", ())


@pytest.mark.parametrize(("host", "ip"), ALLOWED)
def test_public_addresses_pass_and_are_pinned(host: str, ip: str) -> None:
    name, pinned = check_url(f"https://{host}/issue.txt", ())
    assert name == host.strip("[]") and ipaddress.ip_address(pinned) == ipaddress.ip_address(ip)


def test_an_allowed_network_lets_a_wrapped_address_through() -> None:
    allow = networks(["2002:7f00::/24"])
    assert check_url("http://[2002:7f00:1::1]/x", allow)[1] == "2002:7f00:1::1"
