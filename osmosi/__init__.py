"""Osmosi: community and advocacy intelligence on a graph.

This package is the composition root: settings, the wiring of store and jobs, and the CLI.
"""

__version__ = "0.1.0"
