"""Many phrases (names, country forms, topic signals) matched in one pass over a text."""

from __future__ import annotations

import re


class PhraseIndex:
    """Many phrase patterns matched in one left-to-right pass, leftmost and longest first.

    Each word of the text tries only the patterns that start with its first three letters,
    which keeps thousands of names as fast as a handful (one big alternation tries every
    one at every position).
    """

    def __init__(self, entries):
        """entries: (phrase as written, regex source, ignore_case, payload)."""
        grouped: dict[tuple[str, bool], list] = {}
        for phrase, source, ignore_case, payload in entries:
            first = re.match(r"\w+", phrase)
            word = first.group(0) if first else phrase[:1]
            key = (word.lower() if ignore_case else word)[:3]
            grouped.setdefault((key, ignore_case), []).append((phrase, source, payload))
        self.exact: dict[str, _Group] = {}  # by the word's first letters as written
        self.folded: dict[str, _Group] = {}  # by its first letters in lower case
        for (key, ignore_case), items in grouped.items():
            items.sort(key=lambda item: -len(item[0]))
            body = "|".join(f"({source})" for _, source, _ in items)
            group = _Group(rf"(?:{body})(?![\w])", re.IGNORECASE if ignore_case else 0, [p for _, _, p in items])
            (self.folded if ignore_case else self.exact)[key] = group
        # Only words starting as some phrase starts are worth a look; the regex engine skips the
        # others (a Python step for every word of the text was most of the time).
        firsts = {key[0] for key in self.exact} | {c for key in self.folded for c in (key[0], key[0].upper())}
        starts = [_prefix_trie(self.exact)] if self.exact else []
        starts += [f"(?i:{_prefix_trie(self.folded)})"] if self.folded else []
        first_class = "".join(re.escape(c) for c in sorted(firsts))
        self.words = re.compile(rf"(?<!\w)(?=[{first_class}])(?:{'|'.join(starts)})") if firsts else None

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        """(start, end, payload) of each match, not overlapping."""
        end = len(text) if end is None else end
        last = start
        exact, folded = self.exact, self.folded
        if self.words is None:
            return
        for word in self.words.finditer(text, start, end):
            at = word.start()
            if at < last:
                continue
            prefix = word.group(0)[:3]
            best = None
            for found in (exact.get(prefix), folded.get(prefix.lower())):
                if found is None:
                    continue
                m = found.pattern().match(text, at, end)
                if m and (best is None or m.end() > best[1]):
                    best = (at, m.end(), found.payloads[m.lastindex - 1])
            if best:
                yield best
                last = best[1]


class _Group:
    """The phrases starting with the same letters: one regex, compiled the first time a text
    has a word that starts so. Compiling every group up front was most of a small
    reindex's time (thousands of names, most never met in ten new articles)."""

    def __init__(self, source: str, flags: int, payloads: list):
        self.source, self.flags, self.payloads = source, flags, payloads
        self._compiled: re.Pattern | None = None

    def pattern(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled


def _prefix_trie(keys) -> str:
    """A regex for a word that starts with one of keys, a key shorter than 3 letters being the
    whole word (as PhraseIndex looks words up by their first 3 letters). Built as a trie, so
    hundreds of keys cost one walk down a word's letters."""
    tree: dict = {}
    for key in keys:
        node = tree
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = len(key) >= 3  # the key ends here: the word may go on, or must end
    return _trie_regex(tree)


def _trie_regex(node: dict) -> str:
    branches = []
    for ch, child in sorted(node.items()):
        if ch == "":
            branches.append(r"\w*" if child else r"(?!\w)")
        else:
            branches.append(re.escape(ch) + _trie_regex(child))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
