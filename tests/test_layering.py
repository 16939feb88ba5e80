"""The pure core (model, config, parse/, each channel's renderer, plan) does no I/O: it imports
no I/O library and reads no file (templates come in as a ``jinja2.Environment``)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent / "syndicate"
PURE = [
    "model.py",
    "config.py",
    "errors.py",
    "summary.py",
    "verse.py",
    "script.py",
    "grams.py",
    "production.py",
    "parse",
    "service/plan.py",
    "feeds/rss.py",
    "feeds/jsonfeed.py",
    "feeds/formats.py",
    "feeds/directory.py",
    "service/approval.py",
    "web/charts.py",
    "feeds/atom.py",
    "feeds/article_html.py",
    "feeds/edition.py",
    "feeds/ids.py",
    "feeds/media.py",
    "web/server_config.py",
    "feeds/pages.py",
    "feeds/navigation.py",
    "feeds/search_page.py",
    "newsletter/render.py",
    "newsletter/headers.py",
    "newsletter/confirmation.py",
    "newsletter/preferences.py",
    "newsletter/editions.py",
    "newsletter/digest_render.py",
    "newsletter/dkim_sign.py",
    "newsletter/aimd.py",
    "newsletter/reports.py",
    "newsletter/verp.py",
    "newsletter/relay_events.py",
    "wechat/render.py",
    "wechat/check.py",
]
FORBIDDEN = {
    "httpx",
    "aiosmtplib",
    "smtplib",
    "apscheduler",
    "sqlite3",
    "psycopg",
    "sqlalchemy",
    "asyncio",
    "socket",
    "urllib.request",
    "subprocess",
    "os",
    "io",
    "shutil",
    "tempfile",
    "glob",
    "importlib.resources",
    "uvicorn",
    "starlette",
    "syndicate.store.engine",
    "syndicate.cli",
    "syndicate.newsletter.smtp",
    "syndicate.wechat.client",
    "syndicate.web.app",
    "syndicate.service.scheduler",
    "syndicate.service.sources",
}


def pure_files() -> list[Path]:
    out: list[Path] = []
    for name in PURE:
        p = ROOT / name
        if p.is_dir():
            out += sorted(p.rglob("*.py"))
        elif p.exists():
            out.append(p)
    return out


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


#: Calls that touch the file system, by name: ``open(...)``, ``path.read_text()``, a
#: template loader that reads a directory.
FILE_CALLS = {
    "open",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "iterdir",
    "glob",
    "rglob",
    "exists",
    "is_file",
    "is_dir",
    "stat",
    "mkdir",
    "unlink",
    "FileSystemLoader",
    "PackageLoader",
}


def file_access(path: Path) -> set[str]:
    """Names of file-system calls (and ``__file__``) in ``path``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Name) and node.id == "__file__":
            found.add("__file__")
        elif isinstance(node, ast.Call):
            f = node.func
            name = (
                f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            )
            if name in FILE_CALLS:
                found.add(name)
    return found


def is_forbidden(module: str) -> bool:
    return any(module == f or module.startswith(f + ".") for f in FORBIDDEN)


@pytest.mark.parametrize("path", pure_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_core_does_no_io(path: Path) -> None:
    bad = sorted(m for m in imported(path) if is_forbidden(m))
    assert not bad, f"{path.name} imports I/O modules {bad}"


@pytest.mark.parametrize("path", pure_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_core_reads_no_file(path: Path) -> None:
    assert not file_access(path), f"{path.name} touches files: {sorted(file_access(path))}"


def test_the_check_catches_a_file_read(tmp_path: Path) -> None:
    p = tmp_path / "x.py"
    p.write_text(
        "import jinja2\nfrom pathlib import Path\n"
        "T = Path(__file__).parent / 't'\n"
        "def f(p: Path) -> str:\n    return p.read_text() + open('x').read()\n"
        "E = jinja2.Environment(loader=jinja2.FileSystemLoader(str(T)))\n"
    )
    assert file_access(p) == {"__file__", "read_text", "open", "FileSystemLoader"}


def test_the_check_catches_an_io_import(tmp_path: Path) -> None:
    p = tmp_path / "x.py"
    p.write_text("import httpx\nfrom sqlalchemy.orm import Session\nimport json\n")
    assert sorted(m for m in imported(p) if is_forbidden(m)) == ["httpx", "sqlalchemy.orm"]


def test_the_pure_core_is_there() -> None:
    names = {p.name for p in pure_files()}
    assert {"model.py", "config.py", "articles.py", "masthead.py", "render.py", "atom.py"} <= names
    assert all(p.exists() for p in (ROOT / n for n in PURE))
