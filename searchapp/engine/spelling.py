"""Did you mean: a respelled query, offered when it finds more than the query typed.

The words come from the vocabulary side file the reindex writes (word -> number
of articles), not from a spelling field: indexing every word twice cost 2.3x
the indexing time.
"""

from __future__ import annotations

from pathlib import Path

from searchapp.engine.budget import Budget
from searchapp.index.storage import read_json

SUGGEST_BELOW = 3  # offer "did you mean" when a query has fewer hits than this
SUGGEST_AT_MOST = 3  # ... and at most this many words unknown to the index
CANDIDATES = 4  # nearest words tried for each unknown word, each by one count of what it finds


class Speller:
    """The vocabulary side file as a corrector, read again when a reindex has rewritten it."""

    def __init__(self, path: Path):
        self.path = path
        self._stamp: tuple[int, int] | None = None
        self._corrector = None
        self._made_by = None  # the search path that made the corrector

    def corrector(self, search_path):
        try:
            stat = self.path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            stamp = None
        if self._corrector is None or self._stamp != stamp or self._made_by is not search_path:
            counts = {w: n for w, n in read_json(self.path).items() if isinstance(n, int) and n > 0}
            self._corrector = search_path.corrector(counts, sorted(counts))
            self._stamp, self._made_by = stamp, search_path
        return self._corrector

    def suggestion(self, opened, q, text: str, total: int, count, budget: Budget) -> str | None:
        """A respelling of the query text (parsed as q, total hits) that finds more, by count(text); or None.

        Each unknown word is tried with its CANDIDATES nearest words, one word at a time,
        and keeps the one whose query finds the most ("Scarborough Shaol": "Shoal", not the
        commoner "Show"); a respelling is offered only when it finds more than was typed,
        in the case the words were typed in. A query with many unknown words, or one out
        of time, gets none: each costs a walk over the vocabulary.
        """
        if total >= SUGGEST_BELOW or budget.expired():
            return None
        unknown = {}  # (start, end) in text -> the indexed word typed there
        for leaf in q.leaves():
            word = getattr(leaf, "text", None)
            start, end = getattr(leaf, "startchar", None), getattr(leaf, "endchar", None)
            if leaf.field() == "body" and isinstance(word, str) and start is not None and end is not None:
                typed = text[start:end]
                if any(s <= start < e for s, e in unknown):
                    continue  # a form an alias added where the word was typed: the typed word is respelled
                if ("body", word) not in opened.reader and ("title", word) not in opened.reader and typed.strip():
                    # a word only headlines hold (a feed's items without text) is no misspelling; the
                    # vocabulary holds words as written, not stemmed: "intrfering", not "intrfer"
                    unknown[(start, end)] = typed.lower() if typed.isalnum() else word
        if not unknown or len(unknown) > SUGGEST_AT_MOST:
            return None
        try:
            corrector = self.corrector(opened.path)
            chosen: dict[tuple[int, int], str] = {}
            found = total
            for place, word in sorted(unknown.items()):
                tried = []  # (what it finds, the corrector's rank, the word)
                for rank, candidate in enumerate(corrector.suggest(word, limit=CANDIDATES, prefix=1)):
                    if budget.expired():
                        return None
                    tried.append((count(in_typed_case(text, {**chosen, place: candidate})), -rank, candidate))
                if tried:
                    found, _, chosen[place] = max(tried)
            respelled = in_typed_case(text, chosen)
        except Exception:  # a suggestion is a nicety: Whoosh's corrector must never break a search
            return None
        return respelled if chosen and found > total and respelled != text else None


def in_typed_case(text: str, words: dict[tuple[int, int], str]) -> str:
    """text with words put in at their (start, end), each in the case typed there ("Shaol" -> "Shoal", "PRC" stays upper)."""
    out, at = [], 0
    for (start, end), word in sorted(words.items()):
        out += [text[at:start], typed_case(text[start:end], word)]
        at = end
    return "".join(out) + text[at:]


def typed_case(typed: str, word: str) -> str:
    """word in typed's case: upper when typed was an upper-case acronym, capitalised when typed was."""
    if len(typed) > 1 and typed.isupper():
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
