"""Recent search results kept for repeated requests (a page reloaded, the next page's facets).

The service empties it whenever it opens a changed index, and never keeps a
result that ran out of time, since another try may finish.
"""

from __future__ import annotations

from collections import OrderedDict

from searchapp.engine.results import SearchResult


class ResultCache:
    """The `size` most recently used results by key (0: none kept); least recently used go first."""

    def __init__(self, size: int = 0):
        self.size = size
        self._results: OrderedDict[tuple, SearchResult] = OrderedDict()

    def get(self, key: tuple) -> SearchResult | None:
        found = self._results.get(key) if self.size > 0 else None
        if found is not None:
            self._results.move_to_end(key)
        return found

    def put(self, key: tuple, result: SearchResult) -> None:
        if self.size <= 0 or result.timed_out:
            return
        self._results[key] = result
        while len(self._results) > self.size:
            self._results.popitem(last=False)

    def keys(self) -> list[tuple]:
        """The keys kept, least recently used first."""
        return list(self._results)

    def clear(self) -> None:
        self._results.clear()
