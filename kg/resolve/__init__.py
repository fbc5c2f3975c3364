"""Resolve: the mentions of every document in, one ``Entity`` per real entity out.

Names meet under normalised keys (``names``); single names join full names, places their
aliases, and each mention gets the id of its entity (``Resolution``).
"""

from kg.resolve.entities import Resolution, resolve

__all__ = ["Resolution", "resolve"]
