"""Union-find over hashable items: the clusters entity resolution grows by merging."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Generic, TypeVar

__all__ = ["UnionFind"]

T = TypeVar("T", int, str)


class UnionFind(Generic[T]):
    """Disjoint sets of ints or strings; the smallest item of a set is its root, so the result
    does not depend on the order of the unions."""

    def __init__(self, items: Iterable[T] = ()):
        self.parent: dict[T, T] = {}
        for item in items:
            self.add(item)

    def add(self, item: T) -> None:
        self.parent.setdefault(item, item)

    def find(self, item: T) -> T:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: T, second: T) -> T:
        a, b = self.find(first), self.find(second)
        if a == b:
            return a
        low, high = (a, b) if a <= b else (b, a)
        self.parent[high] = low
        return low

    def groups(self) -> dict[T, list[T]]:
        """Root -> members, members in insertion order."""
        found: dict[T, list[T]] = defaultdict(list)
        for item in self.parent:
            found[self.find(item)].append(item)
        return dict(found)
