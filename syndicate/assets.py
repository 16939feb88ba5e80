"""What ships with syndicate besides code: the templates, the sample issue, the default cover.

The top-level ``templates/`` and ``config/sample-issue.txt`` of a checkout are copied into the
wheel as ``syndicate/templates/`` and ``syndicate/config/`` (pyproject's force-include), so an
installed package finds them through ``importlib.resources``; a checkout (editable install)
finds them at the top level. This is an edge: it reads files, and builds each channel's
``jinja2.Environment`` for the pure renderers, which take it as an argument.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Literal

import jinja2

from syndicate import verse
from syndicate.errors import ConfigError

Kind = Literal["web", "email", "wechat", "subscribe", "admin"]
#: WeChat's ``thumb`` material: JPEG only, at most 64 KB (reference/wechat.md §1).
COVER_MAX_BYTES = 64 * 1024


@functools.cache
def shipped(name: str) -> Path:
    """The shipped directory or file ``name`` ("templates", "config/sample-issue.txt")."""
    packaged = Path(str(resources.files("syndicate"))) / name
    if packaged.exists():
        return packaged
    return Path(__file__).resolve().parent.parent / name  # a source checkout


@functools.cache
def environment(kind: Kind, override: Path | None = None) -> jinja2.Environment:
    """The templates of ``kind``: ``override`` first (a paper's own), then the shipped ones.

    One environment per (kind, directory), so templates compile once per process (jinja2
    still reloads a template whose file changed). HTML is autoescaped; email's text parts
    keep their trailing newline. Every kind has the ``lines`` filter (a paragraph as HTML, a
    stanza's lines joined by ``<br>``) and the ``verse`` test (``syndicate.verse``)."""
    dirs = [str(override)] if override else []
    loader = jinja2.FileSystemLoader([*dirs, str(shipped("templates") / kind)])
    if kind == "email":
        env = jinja2.Environment(
            loader=loader,
            autoescape=jinja2.select_autoescape(["html"]),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    else:
        env = jinja2.Environment(
            loader=loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
    env.filters["lines"] = verse.lines_html
    env.tests["verse"] = verse.is_verse
    return env


@contextlib.contextmanager
def template_errors(setting: str) -> Iterator[None]:
    """A template that does not compile or render (usually an override) becomes one
    ``ConfigError`` line: the file, the line, jinja2's message, and the setting to fix."""
    try:
        yield
    except jinja2.TemplateSyntaxError as e:
        where = f"{e.filename or e.name}:{e.lineno}"
        raise ConfigError(f"template {where}: {e.message}; fix it or unset {setting}") from e
    except jinja2.TemplateNotFound as e:
        raise ConfigError(f"template {e.name} not found; check {setting}") from e
    except jinja2.TemplateError as e:
        raise ConfigError(f"template error: {e.message}; check the templates in {setting}") from e


def sample_issue() -> bytes:
    """The sample issue (济宁高新新闻 总第627期) that ``make run`` drops into the inbox."""
    return shipped("config/sample-issue.txt").read_bytes()


def default_cover() -> bytes:
    """The shipped default cover (封面), a 900×383 JPEG of a stylised newspaper page."""
    return shipped("templates/wechat/cover.jpg").read_bytes()


def read_cover(path: Path | None) -> bytes:
    """A paper's own cover (``wechat_cover``), checked as WeChat will check it, or the
    default one. A bad file is a ``ConfigError`` naming it and the fix."""
    if path is None:
        return default_cover()
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"wechat_cover: cannot read {path} ({e.strerror or e})") from e
    check_cover(data, str(path))
    return data


def check_cover(data: bytes, name: str) -> None:
    """WeChat takes a ``thumb`` only as a JPEG of at most 64 KB."""
    if not data.startswith(b"\xff\xd8\xff"):
        raise ConfigError(f"wechat_cover: {name} is not a JPEG; WeChat takes JPEG covers only")
    if len(data) > COVER_MAX_BYTES:
        raise ConfigError(
            f"wechat_cover: {name} is {len(data):,} bytes; WeChat's limit for a cover is "
            f"{COVER_MAX_BYTES:,} (64 KB): save it smaller"
        )
