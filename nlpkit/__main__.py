import sys

from nlpkit.cli import main

sys.exit(main())
