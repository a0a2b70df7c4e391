"""`python -m ios_lob_kit.conformance`: the conformance suite's command line."""

import sys

from ios_lob_kit.conformance.cli import main

sys.exit(main())
