"""``*_FILE`` twins of the secret environment variables (container secrets, as Docker and
Kubernetes mount them): ``SYNDICATE_SMTP_FILE=/run/secrets/smtp`` reads the value of
``SYNDICATE_SMTP`` from that file. An edge module: it reads files so ``config`` need not."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from syndicate.config import FILE_VARS
from syndicate.errors import ConfigError


def with_secret_files(environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` with each ``NAME_FILE`` in ``FILE_VARS`` replaced by ``NAME`` = the file's
    text (one trailing newline dropped). Raises ConfigError naming the variable."""
    out = dict(environ)
    for name in FILE_VARS:
        path = environ.get(f"{name}_FILE")
        if not path:
            continue
        where = f"{name}_FILE"
        if environ.get(name):
            raise ConfigError(f"{where}: set {name} or {where}, not both")
        try:
            value = Path(path).read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as e:
            raise ConfigError(f"{where}: cannot read {path} ({e})") from e
        if not value.strip():
            raise ConfigError(f"{where}: {path} is empty; write the secret into it")
        out[name] = value
        del out[where]
    return out
