"""The package as a user gets it: build the sdist and the wheel, install the wheel into a fresh
venv, then ingest, render every channel and serve over real HTTP from an empty working directory.

The sdist is built from a copy of the checkout's tracked files, so a file that only exists
untracked in a developer's tree cannot hide a missing one, and the wheel from the sdist, as
``python -m build`` does. The fresh venvs have no pip of their own: the project's pip installs
into them (``pip --python``) from the configured index, the wheel with its declared
dependencies, so a dependency missing from pyproject.toml fails here too. The whole test takes
about 20 s, 13 s of it that install; ``python -m venv`` with its own pip took 24 s for it, and a
``.pth`` onto the project venv 1 s, but that would not test the declared dependencies.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import feedparser
import httpx
import pytest

from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300
HEADLINE = "跑出现代产业聚链成群加速度"


def sh(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def clean_copy(dest: Path) -> Path:
    """The checkout's tracked files (as they are in the work tree), copied to ``dest``."""
    if not (ROOT / ".git").exists():
        return ROOT  # not a git checkout (e.g. an unpacked sdist): build it as it is
    for name in filter(None, sh("git", "-C", ROOT, "ls-files", "-z").split("\0")):
        src = ROOT / name
        if src.is_file():  # a tracked file deleted in the work tree is gone from the copy too
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def venv(path: Path, *requirements: str | Path) -> Path:
    """A fresh venv holding ``requirements`` and their dependencies; its ``bin`` directory."""
    sh(sys.executable, "-m", "venv", "--without-pip", path)
    python = path / "bin" / "python"
    sh(sys.executable, "-m", "pip", "--python", python, "install", "-q", *requirements)
    return path / "bin"


def build(tmp: Path) -> tuple[Path, Path]:
    """``(sdist, wheel)``: the sdist from the clean copy, the wheel from the sdist (as
    ``python -m build`` does), by the build backend that pyproject.toml names."""
    src = clean_copy(tmp / "src")
    backend = tomllib.loads((src / "pyproject.toml").read_text(encoding="utf-8"))
    tools = venv(tmp / "tools", *backend["build-system"]["requires"])
    sh(tools / "python", "-m", "hatchling", "build", "-t", "sdist", "-d", tmp / "dist", cwd=src)
    (sdist,) = (tmp / "dist").glob("syndicate-*.tar.gz")
    sh(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp / "dist", sdist)
    (wheel,) = (tmp / "dist").glob("syndicate-*.whl")
    return sdist, wheel


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def empty_directory(tmp: Path, port: int) -> tuple[Path, dict[str, str]]:
    """An empty working directory with only a config file; the environment that names it."""
    work = tmp / "work"
    work.mkdir()
    config = work / "syndicate.toml"
    config.write_text(
        f'data_dir = "{tmp / "data"}"\n'
        f'base_url = "http://127.0.0.1:{port}"\n'
        f'listen = "127.0.0.1:{port}"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNDICATE_", "PYTHON"))}
    return work, env | {"SYNDICATE_CONFIG": str(config), "PYTHONUNBUFFERED": "1"}


def wait_until_up(server: subprocess.Popen[str]) -> None:
    """Read the start-up lines until serve says it is listening (or the server exits)."""
    assert server.stderr is not None
    for line in server.stderr:
        if "running on http://127.0.0.1:" in line:
            return
    raise AssertionError(f"syndicate serve exited with {server.wait(timeout=TIMEOUT)}")


def check_served(base: str) -> None:
    """``/``, the issue page, the Atom feed and the subscribe page, over real HTTP."""
    with httpx.Client(base_url=base, timeout=30) as http:
        home = http.get("/")
        assert home.status_code == 200 and "济宁高新新闻" in home.text
        issue = http.get("/jngx/2022-03-25/")
        assert issue.status_code == 200 and HEADLINE in issue.text
        atom = http.get("/jngx/feeds/atom.xml")
        assert atom.status_code == 200
        feed = feedparser.parse(atom.content)
        assert not feed.bozo and len(feed.entries) == 9
        subscribe = http.get("/jngx/subscribe")
        assert subscribe.status_code == 200 and '<form method="post"' in subscribe.text


def check_shipped(sdist: Path, wheel: Path) -> None:
    with tarfile.open(sdist) as tar:
        in_sdist = {n.partition("/")[2] for n in tar.getnames()}  # without the top folder
    assert {"templates/web/issue.html", "config/sample-issue.txt"} <= in_sdist
    with zipfile.ZipFile(wheel) as whl:
        in_wheel = set(whl.namelist())
    assert {
        "syndicate/templates/web/issue.html",
        "syndicate/templates/wechat/cover.jpg",
        "syndicate/config/sample-issue.txt",
        "syndicate/py.typed",
        "syndicate/store/migrations/env.py",
        "syndicate/store/migrations/script.py.mako",
        "syndicate/store/migrations/versions/0001_initial_schema.py",
    } <= in_wheel


@pytest.mark.slow
def test_the_wheel_works_from_an_empty_directory(tmp_path: Path) -> None:
    sdist, wheel = build(tmp_path)
    check_shipped(sdist, wheel)
    bin_dir = venv(tmp_path / "venv", wheel)
    port = free_port()
    work, env = empty_directory(tmp_path, port)

    where = sh(
        bin_dir / "python", "-c", "import syndicate; print(syndicate.__file__)", cwd=work, env=env
    )
    assert Path(where.strip()).is_relative_to(tmp_path / "venv"), where

    def syndicate(*args: str | Path) -> str:
        return sh(bin_dir / "syndicate", *args, cwd=work, env=env)

    assert syndicate("ingest", SEED).splitlines()[-1] == "jngx/2022-03-25"
    for channel, name in [
        ("atom", "jngx/feeds/atom.xml"),
        ("wechat", "draft.json"),
        ("email", "newsletter.eml"),
    ]:
        out = tmp_path / "render" / channel
        assert name in syndicate("render", "jngx/2022-03-25", "--channel", channel, "--out", out)
        assert (out / name).stat().st_size > 0
    assert HEADLINE in (tmp_path / "render/wechat/draft.json").read_text(encoding="utf-8")

    with subprocess.Popen(
        [bin_dir / "syndicate", "serve"],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            wait_until_up(server)
            check_served(f"http://127.0.0.1:{port}")
        finally:
            server.terminate()
            server.wait(timeout=TIMEOUT)
