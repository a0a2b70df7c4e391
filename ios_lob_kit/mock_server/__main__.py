import sys

from ios_lob_kit.mock_server.cli import main

sys.exit(main())
