"""Osmosi: community and advocacy intelligence on a graph.

The composition root (settings, logs, and the wiring of store and jobs in `osmosi.runtime`),
with the command line above it in `osmosi.cli`.
"""

__version__ = "0.1.0"
