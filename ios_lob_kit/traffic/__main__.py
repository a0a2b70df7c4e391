import sys

from ios_lob_kit.traffic.cli import main

sys.exit(main())
