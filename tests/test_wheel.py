"""The package as a user gets it: build the wheel, install it into a fresh venv, then ingest,
render every channel and serve over real HTTP from an empty working directory.

The wheel is built from a copy of the checkout's tracked files, so a file that only exists
untracked in a developer's tree cannot hide a missing one. The fresh venv has no pip of its
own: the project's pip installs the wheel into it (``pip --python``) with its declared
dependencies from the configured index, so a dependency missing from pyproject.toml fails
here too. That takes about 13 s; ``python -m venv`` with its own pip took about 24 s.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import feedparser
import httpx
import pytest

from tests.conftest import SEED

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300
HEADLINE = "跑出现代产业聚链成群加速度"


def clean_copy(dest: Path) -> Path:
    """The checkout's tracked files (as they are in the work tree), copied to ``dest``."""
    if not (ROOT / ".git").exists():
        return ROOT  # not a git checkout (e.g. an unpacked sdist): build it as it is
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"],
        capture_output=True,
        check=True,
        timeout=TIMEOUT,
    ).stdout
    for name in filter(None, listed.decode().split("\0")):
        src = ROOT / name
        if src.is_file():  # a tracked file deleted in the work tree is gone from the copy too
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def build_wheel(tmp: Path) -> Path:
    src = clean_copy(tmp / "src")
    out = tmp / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out), str(src)],
        capture_output=True,
        check=True,
        timeout=TIMEOUT,
    )
    (wheel,) = out.glob("syndicate-*.whl")
    return wheel


def install(wheel: Path, venv: Path) -> Path:
    """A fresh venv with the wheel and its dependencies; its ``bin`` directory."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=TIMEOUT
    )
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(wheel)],
        capture_output=True,
        check=True,
        timeout=TIMEOUT,
    )
    return venv / "bin"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(bin_dir: Path, cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [str(bin_dir / "syndicate"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, f"syndicate {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def wait_until_up(server: subprocess.Popen[str]) -> None:
    """Read uvicorn's start-up lines until it says it is listening (or the server exits)."""
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


@pytest.mark.slow
def test_the_wheel_works_from_an_empty_directory(tmp_path: Path) -> None:
    bin_dir = install(build_wheel(tmp_path), tmp_path / "venv")
    work = tmp_path / "work"
    work.mkdir()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    config = work / "syndicate.toml"
    config.write_text(
        f'data_dir = "{tmp_path / "data"}"\nbase_url = "{base}"\nlisten = "127.0.0.1:{port}"\n',
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SYNDICATE_", "PYTHON"))}
    env |= {"SYNDICATE_CONFIG": str(config), "PYTHONUNBUFFERED": "1"}

    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import syndicate; print(syndicate.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=TIMEOUT,
    ).stdout.strip()
    assert Path(where).is_relative_to(tmp_path / "venv"), where

    assert run(bin_dir, work, env, "ingest", str(SEED)).splitlines()[-1] == "jngx/2022-03-25"
    for channel, expected in [
        ("atom", "jngx/feeds/atom.xml"),
        ("wechat", "draft.json"),
        ("email", "newsletter.eml"),
    ]:
        out = tmp_path / "render" / channel
        assert expected in run(
            bin_dir, work, env, "render", "jngx/2022-03-25", "--channel", channel, "--out", str(out)
        )
        assert (out / expected).stat().st_size > 0
    assert HEADLINE in (tmp_path / "render/wechat/draft.json").read_text(encoding="utf-8")

    with subprocess.Popen(
        [str(bin_dir / "syndicate"), "serve"],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ) as server:
        try:
            wait_until_up(server)
            check_served(base)
        finally:
            server.terminate()
            server.wait(timeout=TIMEOUT)
