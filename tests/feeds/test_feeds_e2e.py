"""End to end on loopback: ``syndicate serve`` and ``syndicate ingest`` as subprocesses, a feed
found by autodiscovery from ``/``, and newsboat (a stock feed reader) polling it.

newsboat does not do HTML autodiscovery itself (given ``/`` it finds 0 articles; upstream
issue newsboat#55), so the test discovers the feed the way a reader that does would: fetch
``/``, take the first ``<link rel="alternate" type="application/atom+xml">``, resolve it
against the page URL, and give that to newsboat.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urljoin

import httpx
import pytest

from tests.conftest import SEED
from tests.feed_support import tags_of

SYNDICATE = str(Path(sys.executable).parent / "syndicate")
NEWSBOAT = shutil.which("newsboat")
TIMEOUT = 60


@dataclass
class Server:
    base: str
    access: IO[str]

    def next_access(self) -> str:
        """The next access-log line (uvicorn logs each request after answering it)."""
        return self.access.readline()


@contextmanager
def serve(env: dict[str, str]) -> Iterator[Server]:
    with subprocess.Popen(
        [SYNDICATE, "serve", "--listen", "127.0.0.1:0"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        try:
            base = ""
            for line in proc.stderr:
                if m := re.search(r"running on (http://127\.0\.0\.1:\d+)", line):
                    base = m[1]
                    break
            assert base, "syndicate serve did not start"
            yield Server(base, proc.stdout)
        finally:
            proc.terminate()
            proc.wait(timeout=TIMEOUT)


def discover(page_url: str) -> str:
    """The page's first Atom autodiscovery link, as an absolute URL."""
    html = httpx.get(page_url, timeout=TIMEOUT).text
    for tag, attrs in tags_of(html):
        a = dict(attrs)
        if (
            tag == "link"
            and a.get("rel") == "alternate"
            and a.get("type") == "application/atom+xml"
        ):
            return urljoin(page_url, a["href"] or "")
    raise AssertionError(f"no Atom autodiscovery link on {page_url}")


def newsboat(home: Path, *commands: str) -> str:
    assert NEWSBOAT is not None, "newsboat is not installed (Debian package newsboat)"
    out = subprocess.run(
        [NEWSBOAT, "-u", "urls", "-c", "cache.db", "-C", "config", "-x", *commands],
        cwd=home,
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return out.stdout


def cached_items(home: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(home / "cache.db") as db:
        rows = db.execute("SELECT guid, title, unread FROM rss_item ORDER BY guid").fetchall()
    return [(str(g), str(t), int(u)) for g, t, u in rows]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "syndicate.toml"
    config.write_text(f'data_dir = "{tmp_path / "var"}"\n', encoding="utf-8")
    return {**os.environ, "SYNDICATE_CONFIG": str(config), "PYTHONUNBUFFERED": "1"}


@pytest.mark.slow
def test_a_feed_reader_subscribes_through_the_home_page(
    tmp_path: Path, env: dict[str, str]
) -> None:
    with serve(env) as server:
        ingest = subprocess.run(
            [SYNDICATE, "ingest", str(SEED)],
            env={**env, "SYNDICATE_BASE_URL": server.base},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
        assert ingest.returncode == 0, ingest.stderr
        assert ingest.stdout.splitlines()[-1] == "jngx/2022-03-25"
        feed_url = discover(server.base + "/")
        assert feed_url == f"{server.base}/jngx/feeds/atom.xml"
        assert "GET / " in server.next_access()

        home = tmp_path / "reader"
        home.mkdir()
        (home / "urls").write_text(feed_url + "\n", encoding="utf-8")
        (home / "config").write_text("", encoding="utf-8")

        assert newsboat(home, "reload", "print-unread").strip() == "9 unread articles"
        assert '"GET /jngx/feeds/atom.xml HTTP/1.1" 200' in server.next_access()
        items = cached_items(home)
        assert len(items) == 9
        assert items[0][0] == "tag:syndicate.invalid,2022:jngx/2022-03-25/p1-1"
        assert all(unread == 1 for _, _, unread in items)
        # In full: the first article's last paragraph is in the reader's cache.
        with sqlite3.connect(home / "cache.db") as db:
            first = db.execute("SELECT content FROM rss_item WHERE guid LIKE '%/p1-1'").fetchone()
        assert "争当国家高新区高质量发展新标杆" in first[0]

        # Second poll: nothing new. (newsboat only stores the validators from its second
        # fetch on, newsboat#2734, so the third poll is the first conditional one.)
        assert newsboat(home, "reload", "print-unread").strip() == "9 unread articles"
        assert cached_items(home) == items
        server.next_access()
        assert newsboat(home, "reload", "print-unread").strip() == "9 unread articles"
        assert '"GET /jngx/feeds/atom.xml HTTP/1.1" 304' in server.next_access()
        assert cached_items(home) == items


@pytest.mark.slow
def test_validators_give_304_on_a_real_socket(tmp_path: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [SYNDICATE, "ingest", str(SEED)], env=env, capture_output=True, timeout=TIMEOUT, check=True
    )
    with serve(env) as server, httpx.Client(base_url=server.base, timeout=TIMEOUT) as http:
        for path in ("/jngx/feeds/atom.xml", "/jngx/2022-03-25/p1-1.html"):
            first = http.get(path)
            assert first.status_code == 200 and first.headers["content-encoding"] == "br"
            by_etag = http.get(path, headers={"if-none-match": first.headers["etag"]})
            assert by_etag.status_code == 304 and by_etag.content == b""
            since = {"if-modified-since": first.headers["last-modified"]}
            assert http.get(path, headers=since).status_code == 304
            head = http.head(path)
            assert head.status_code == 200 and head.content == b""
            assert head.headers["content-length"] == first.headers["content-length"]
