"""`python -m conformance`: the conformance suite's command line."""

import sys

from conformance.cli import main

sys.exit(main())
