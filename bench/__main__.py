"""``python -m bench``: run every benchmark module in bench/ (each rewrites its section)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run ``bench.NAME.main(options)`` for each module, or only those named in ``argv``.

    Arguments starting with ``-`` are options handed to every chosen module:
    ``python -m bench parse --no-write --seconds 0.5``.
    """
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]))
    wanted = [a for a in argv if not a.startswith("-") and a in names]
    options = [a for a in argv if a not in wanted]
    chosen = [n for n in names if not n.startswith("_") and (not wanted or n in wanted)]
    status = 0
    for name in chosen:
        print(f"== bench.{name}", flush=True)
        module = importlib.import_module(f"bench.{name}")
        status |= int(module.main(options))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
