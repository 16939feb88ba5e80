"""The pure core (model, config, parse/, render/, plan) imports no I/O library."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent / "syndicate"
PURE = ["model.py", "config.py", "errors.py", "parse", "render", "plan.py"]
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
    "uvicorn",
    "starlette",
    "syndicate.store",
    "syndicate.cli",
    "syndicate.smtp",
    "syndicate.wechat",
    "syndicate.web",
    "syndicate.scheduler",
    "syndicate.sources",
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


def is_forbidden(module: str) -> bool:
    return any(module == f or module.startswith(f + ".") for f in FORBIDDEN)


@pytest.mark.parametrize("path", pure_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_pure_core_does_no_io(path: Path) -> None:
    bad = sorted(m for m in imported(path) if is_forbidden(m))
    assert not bad, f"{path.name} imports I/O modules {bad}"


def test_the_check_catches_an_io_import(tmp_path: Path) -> None:
    p = tmp_path / "x.py"
    p.write_text("import httpx\nfrom sqlalchemy.orm import Session\nimport json\n")
    assert sorted(m for m in imported(p) if is_forbidden(m)) == ["httpx", "sqlalchemy.orm"]


def test_the_pure_core_is_there() -> None:
    names = {p.name for p in pure_files()}
    assert {"model.py", "config.py", "articles.py", "masthead.py"} <= names
