"""``python -m osmosi.cli``."""

from osmosi.cli import main

main()
