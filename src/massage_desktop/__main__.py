"""Lets `python -m massage_desktop` behave like the `massage-desktop` command."""

from massage_desktop.cli import main

raise SystemExit(main())
