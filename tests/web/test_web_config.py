"""``syndicate web-config nginx`` against a real nginx (Debian ``nginx``; brotli with
``libnginx-mod-http-brotli-static``), started by the test as its own process on a free port
with its prefix in tmp_path, in front of a real ``syndicate serve``: for the same published
files both answer with the same bytes, types, codings, lifetimes and Last-Modified, each
honours its own ETag, a directory redirect stays on this host, and what is not a file
reaches the app. Caddy (Debian ``caddy``) likewise, on fewer checks."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from syndicate.config import Settings, load_settings
from syndicate.feeds.public import PublicFile, write_files
from syndicate.feeds.publish import publish_key
from syndicate.store.engine import ensure_schema
from syndicate.store.ingest import ingest_bytes
from syndicate.web.server_config import NGINX_BROTLI_MODULE
from tests.conftest import SEED

SYNDICATE = str(Path(sys.executable).parent / "syndicate")
NGINX = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
CADDY = shutil.which("caddy")
BROTLI = os.path.exists(NGINX_BROTLI_MODULE)
TIMEOUT = 30
AT = datetime(2022, 3, 25, 6, tzinfo=UTC)
EXTRA = {
    "/jngx/feeds/atom.json": b'{"version": "https://jsonfeed.org/version/1.1", "items": []}' * 9,
    "/jngx/feeds.opml": b'<?xml version="1.0"?><opml version="2.0"><body/></opml>' * 9,
    "/jngx/data.json": b'{"a": "\xe6\xb5\x8e\xe5\xae\x81"}',
    "/robots.txt": b"User-agent: *\n",
}
PATHS = [
    "/",
    "/jngx/",
    "/jngx/feeds/atom.xml",
    "/jngx/feeds/archive/2022-03-25.xml",
    "/jngx/2022-03-25/p1-1.html",
    *EXTRA,
]
COMPARED = (
    "content-type",
    "content-encoding",
    "cache-control",
    "last-modified",
    "vary",
    "x-content-type-options",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            CLIENT.get(url, timeout=1)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    tmp = tmp_path_factory.mktemp("web-config")
    settings = load_settings(None, {"SYNDICATE_DATA_DIR": str(tmp / "var")})
    engine = ensure_schema(settings)
    try:
        key = ingest_bytes(engine, settings, SEED.read_bytes(), source="seed", now=AT).key
        publish_key(engine, settings, key, ping=False)
    finally:
        engine.dispose()
    write_files(settings.public_dir, [PublicFile(p, b, AT) for p, b in EXTRA.items()])
    return settings


@contextmanager
def syndicate_serve(settings: Settings) -> Iterator[str]:
    env = {**os.environ, "SYNDICATE_DATA_DIR": str(settings.data_dir), "PYTHONUNBUFFERED": "1"}
    cmd = [SYNDICATE, "serve", "--listen", "127.0.0.1:0"]
    with subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    ) as proc:
        assert proc.stderr is not None
        try:
            for line in proc.stderr:
                if m := re.search(r"running on (http://127\.0\.0\.1:\d+)", line):
                    yield m[1]
                    break
            else:
                raise AssertionError("syndicate serve did not start")
        finally:
            proc.terminate()
            proc.wait(timeout=TIMEOUT)


def web_config(settings: Settings, server: str, listen: str, upstream: str) -> str:
    env = {**os.environ, "SYNDICATE_DATA_DIR": str(settings.data_dir)}
    cmd = [SYNDICATE, "web-config", server, "--listen", listen, "--upstream", upstream]
    cmd += ["--server-name", "_"]  # any Host (the raw requests below send Host: x)
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    assert out.returncode == 0, out.stderr
    return out.stdout


@contextmanager
def nginx(settings: Settings, app: str, prefix: Path) -> Iterator[str]:
    assert NGINX, "nginx is not installed (Debian package nginx)"
    port = free_port()
    prefix.mkdir()
    server = web_config(settings, "nginx", f"127.0.0.1:{port}", app.removeprefix("http://"))
    assert ("\n    brotli_static on;" in server) is BROTLI
    (prefix / "server.conf").write_text(server, encoding="utf-8")
    user = pwd.getpwuid(os.geteuid()).pw_name  # workers run as the test's own user
    load = f"load_module {NGINX_BROTLI_MODULE};" if BROTLI else ""
    (prefix / "nginx.conf").write_text(
        f"""{load}
user {user};
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 64; }}
http {{
  access_log off;
  client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;
  fastcgi_temp_path {prefix}/fastcgi; uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;
  include {prefix}/server.conf;
}}
""",
        encoding="utf-8",
    )
    cmd = [NGINX, "-p", str(prefix), "-e", str(prefix / "error.log"), "-c", "nginx.conf"]
    with subprocess.Popen([*cmd, "-g", "daemon off;"]) as proc:
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/")
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=TIMEOUT)


@pytest.fixture(scope="module")
def ours(published: Settings) -> Iterator[str]:
    with syndicate_serve(published) as base:
        yield base


@pytest.fixture(scope="module")
def servers(
    published: Settings, ours: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    prefix = tmp_path_factory.mktemp("nginx") / "prefix"
    with nginx(published, ours, prefix) as theirs:
        yield ours, theirs


@contextmanager
def caddy(settings: Settings, app: str, home: Path) -> Iterator[str]:
    assert CADDY, "caddy is not installed (Debian package caddy)"
    port = free_port()
    site = web_config(settings, "caddy", f"127.0.0.1:{port}", app.removeprefix("http://"))
    config = home / "Caddyfile"
    config.write_text("{\n\tadmin off\n}\n" + site, encoding="utf-8")  # no admin port to share
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home),
        "XDG_CONFIG_HOME": str(home),
    }
    cmd = [CADDY, "run", "--config", str(config), "--adapter", "caddyfile"]
    with subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ) as proc:
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/")
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=TIMEOUT)


CLIENT = httpx.Client(timeout=TIMEOUT)  # one TLS-less client: making one costs 50 ms


def raw_get(base: str, path: str, **headers: str) -> httpx.Response:
    """GET with the body as sent (not decoded) and the target exactly as given."""
    url = httpx.URL(base).copy_with(raw_path=path.encode())
    with CLIENT.stream("GET", url, headers=headers) as r:
        r._content = b"".join(r.iter_raw())
        return r


CODINGS = ["identity", "gzip", "gzip, deflate, br"]


@pytest.mark.slow
@pytest.mark.parametrize("coding", CODINGS)
def test_nginx_serves_the_files_as_syndicate_serve_does(
    servers: tuple[str, str], coding: str
) -> None:
    ours, theirs = servers
    for path in PATHS:
        a = raw_get(ours, path, **{"accept-encoding": coding})
        b = raw_get(theirs, path, **{"accept-encoding": coding})
        assert a.status_code == b.status_code == 200, path
        expected = "br" if "br" in coding and BROTLI else coding.split(",")[0]
        if path in ("/jngx/data.json", "/robots.txt"):  # under 256 bytes: never compressed
            expected = "identity"
        for name in COMPARED:
            assert a.headers.get(name) == b.headers.get(name), (path, coding, name)
        assert a.headers.get("content-encoding", "identity") == expected, (path, coding)
        assert a.content == b.content, (path, coding)  # the same file, byte for byte
        assert int(b.headers["content-length"]) == len(b.content)
        for base, r in ((ours, a), (theirs, b)):
            etag = r.headers["etag"]
            assert etag.startswith('"'), (path, etag)  # strong
            again = {"accept-encoding": coding, "if-none-match": etag}
            assert raw_get(base, path, **again).status_code == 304
            since = {"accept-encoding": coding, "if-modified-since": r.headers["last-modified"]}
            assert raw_get(base, path, **since).status_code == 304


NASTY = [
    "//evil.com",
    "//evil.com/",
    "/\\evil.com",
    "/%5cevil.com",
    "/%2f%2fevil.com",
    "/jngx/..//evil",
    "/jngx/%2e%2e//evil.com",
    "//jngx/%2e%2e/%2e%2e/",
]


def raw_request(base: str, target: str) -> tuple[int, str | None]:
    """Status and Location for a request line sent byte for byte."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=TIMEOUT) as s:
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
    location = next(
        (h.split(":", 1)[1].strip() for h in head if h.lower().startswith("location:")), None
    )
    return int(head[0].split()[1]), location


@pytest.mark.slow
def test_redirects_stay_on_this_host_on_both(servers: tuple[str, str]) -> None:
    for base in servers:
        assert raw_request(base, "//jngx") == (301, "/jngx/")
        assert raw_request(base, "/jngx/2022-03-25") == (301, "/jngx/2022-03-25/")
        for target in NASTY:
            status, location = raw_request(base, target)
            assert status in (301, 400, 404), (base, target, status)
            assert location is None or (
                location.startswith("/") and not location.startswith(("//", "/\\"))
            ), (base, target, location)


@pytest.mark.slow
def test_what_is_not_a_file_reaches_the_app(servers: tuple[str, str]) -> None:
    ours, theirs = servers
    for path in ("/jngx/subscribe", "/admin/", "/jngx/feeds/nope.xml", "/u/bad-token"):
        a, b = CLIENT.get(ours + path, timeout=TIMEOUT), CLIENT.get(theirs + path, timeout=TIMEOUT)
        assert a.status_code == b.status_code, path
        assert a.headers.get("content-type") == b.headers.get("content-type"), path
    form = CLIENT.get(theirs + "/jngx/subscribe", timeout=TIMEOUT)
    assert form.status_code == 200 and "<form" in form.text
    admin = CLIENT.get(theirs + "/admin/", timeout=TIMEOUT)  # the desk sends it to its login
    assert admin.status_code == 303 and admin.headers["location"].startswith("/admin/login")
    posted = CLIENT.post(theirs + "/jngx/subscribe", data={"email": "x"}, timeout=TIMEOUT)
    direct = CLIENT.post(ours + "/jngx/subscribe", data={"email": "x"}, timeout=TIMEOUT)
    assert posted.status_code == direct.status_code != 405


@pytest.mark.slow
def test_caddy_serves_the_files_as_syndicate_serve_does(
    published: Settings, ours: str, tmp_path: Path
) -> None:
    with caddy(published, ours, tmp_path) as theirs:
        for coding in CODINGS:
            for path in PATHS:
                a = raw_get(ours, path, **{"accept-encoding": coding})
                b = raw_get(theirs, path, **{"accept-encoding": coding})
                assert a.status_code == b.status_code == 200, path
                # Caddy 2.6 sends no Vary with identity: the rest must agree.
                for name in ("content-type", "content-encoding", "cache-control", "last-modified"):
                    assert a.headers.get(name) == b.headers.get(name), (path, coding, name)
                assert a.content == b.content, (path, coding)
                again = {"accept-encoding": coding, "if-none-match": b.headers["etag"]}
                assert raw_get(theirs, path, **again).status_code == 304
        # Caddy redirects with 308 where we send 301; the place is the same, on this host.
        assert raw_request(theirs, "//jngx") == (308, "/jngx/")
        assert raw_get(theirs, "/jngx/feeds/.atom.xml.1.x.tmp").status_code == 404
        assert CLIENT.get(theirs + "/jngx/subscribe").status_code == 200
        admin = CLIENT.get(theirs + "/admin/")
        assert admin.status_code == 303 and admin.headers["location"].startswith("/admin/login")
