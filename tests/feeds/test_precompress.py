"""The precompressed variants publishing writes beside each public file (``NAME.br``,
``NAME.gz``): same bytes decoded, same mtime, kept in step with the file."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli

from syndicate.feeds import media
from syndicate.feeds.public import PublicFile, write_files
from tests.feed_support import AT

FEED = "/jngx/feeds/atom.xml"
BODY = ("<feed>" + "中共济宁高新区工委理论学习中心组。" * 100 + "</feed>").encode()


def variants(root: Path, rel: str) -> dict[str, bytes]:
    return {
        s: (root / (rel + s)).read_bytes() for s in (".br", ".gz") if (root / (rel + s)).exists()
    }


def test_a_text_file_gets_br_and_gz_with_its_mtime(tmp_path: Path) -> None:
    assert write_files(tmp_path, [PublicFile(FEED, BODY, AT)]) == [FEED]
    got = variants(tmp_path, "jngx/feeds/atom.xml")
    assert brotli.decompress(got[".br"]) == gzip.decompress(got[".gz"]) == BODY
    assert len(got[".br"]) < len(BODY) / 4
    mtimes = {os.stat(tmp_path / ("jngx/feeds/atom.xml" + s)).st_mtime for s in ("", ".br", ".gz")}
    assert mtimes == {AT.timestamp()}


def test_variants_follow_the_file(tmp_path: Path) -> None:
    write_files(tmp_path, [PublicFile(FEED, BODY, AT)])
    changed = BODY.replace(b"<feed>", b'<feed xml:lang="zh-CN">')
    write_files(tmp_path, [PublicFile(FEED, changed, AT)])
    got = variants(tmp_path, "jngx/feeds/atom.xml")
    assert brotli.decompress(got[".br"]) == gzip.decompress(got[".gz"]) == changed
    mtimes = {os.stat(tmp_path / ("jngx/feeds/atom.xml" + s)).st_mtime for s in ("", ".br", ".gz")}
    assert mtimes == {AT.timestamp() + 1}
    # Too small to be worth compressing now: the old variants go (nginx would send them).
    write_files(tmp_path, [PublicFile(FEED, b"<feed/>", AT)])
    assert variants(tmp_path, "jngx/feeds/atom.xml") == {}


def test_an_unchanged_file_published_before_variants_gets_them(tmp_path: Path) -> None:
    write_files(tmp_path, [PublicFile(FEED, BODY, AT)])
    (tmp_path / "jngx/feeds/atom.xml.br").unlink()
    assert write_files(tmp_path, [PublicFile(FEED, BODY, AT)]) == []  # the file is untouched
    assert brotli.decompress(variants(tmp_path, "jngx/feeds/atom.xml")[".br"]) == BODY


def test_only_text_of_some_size_is_compressed() -> None:
    assert [s for s, _ in media.precompress("/a/atom.rss", BODY)] == [".br", ".gz"]
    assert media.precompress("/a/cover.jpg", BODY) == []
    assert media.precompress("/a/atom.xml", b"<feed/>") == []
    # gzip without a timestamp: the same bytes give the same variant (no needless rewrite).
    assert media.precompress("/x.html", BODY) == media.precompress("/x.html", BODY)


def test_media_types_and_lifetimes() -> None:
    assert media.media_type("/jngx/feeds/atom.json") == "application/feed+json; charset=utf-8"
    assert media.media_type("/jngx/data.json") == "application/json"
    assert media.media_type("/jngx/feeds.opml") == "text/x-opml; charset=utf-8"
    assert media.media_type("/jngx/feeds/atom.rss") == "application/rss+xml; charset=utf-8"
    assert media.media_type("/jngx/README") == "application/octet-stream"
    assert media.cache_control("/jngx/hant-tw/feeds/archive/2022-03-25.xml") == (
        "public, max-age=3600"
    )
    assert media.cache_control("/jngx/feeds.opml") == "public, max-age=300"
    assert media.cache_control("/jngx/2022-03-25/p1-1.html") == "public, max-age=60"
