"""``python -m bench``: run every benchmark module in bench/ (each rewrites its section)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Run ``bench.NAME.main([])`` for each module, or only those named in ``argv``."""
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]))
    chosen = [n for n in names if not n.startswith("_") and (not argv or n in argv)]
    status = 0
    for name in chosen:
        print(f"== bench.{name}", flush=True)
        module = importlib.import_module(f"bench.{name}")
        status |= int(module.main([]))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
