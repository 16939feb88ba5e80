"""Every module imports on its own, in a fresh interpreter: no import cycles, no module that
works only after another one happened to be imported first."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import syndicate


def modules() -> list[str]:
    return sorted(
        m.name
        for m in pkgutil.walk_packages(syndicate.__path__, "syndicate.")
        # migrations are loaded by Alembic; __main__ runs the command line when imported
        if "migrations" not in m.name and m.name != "syndicate.__main__"
    )


def test_every_module_imports_alone() -> None:
    # One interpreter per module (a shared one would hide a cycle behind an earlier import).
    script = "import importlib, sys\nimportlib.import_module(sys.argv[1])\n"

    def attempt(name: str) -> tuple[str, str]:
        p = subprocess.run([sys.executable, "-c", script, name], capture_output=True, text=True)
        return name, (p.stderr.strip().splitlines() or ["?"])[-1] if p.returncode else ""

    with ThreadPoolExecutor(4) as pool:
        failed = {name: why for name, why in pool.map(attempt, modules()) if why}
    assert not failed, failed


def test_the_walk_sees_every_folder() -> None:
    names = set(modules())
    for pkg in ("parse", "store", "feeds", "newsletter", "wechat", "service", "web"):
        assert any(n.startswith(f"syndicate.{pkg}.") for n in names), pkg
    assert "syndicate.newsletter.subscriber_commands" in names
