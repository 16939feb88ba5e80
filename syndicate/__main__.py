"""``python -m syndicate`` runs the CLI."""

import sys

from syndicate.cli import main

sys.exit(main())
