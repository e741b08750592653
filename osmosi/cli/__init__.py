"""The ``osmosi`` command line (``osmosi.cli:main``, or ``python -m osmosi.cli``): the only
importer of ``server``, above the composition root (`osmosi.runtime`)."""

from osmosi.cli.app import app, main

__all__ = ["app", "main"]
