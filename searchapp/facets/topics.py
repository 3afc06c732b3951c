"""Topics an article spends a sentence on, by weighted signal words and phrases."""

from __future__ import annotations

import bisect
import re

from searchapp.facets.model import FacetValue, Span
from searchapp.facets.patterns import CJK_RUN, FacetPatterns, cjk_finditer
from searchapp.facets.text import title_case_lines


def _is_list(sentence: str, k: FacetPatterns) -> bool:
    """A sentence that enumerates things ("climate change, the talks with Iran, aid, and
    Afghanistan": short items between commas, joined by "and" or "or") spends less than a
    sentence on each of them; so does a fragment of a few words (a caption such as
    "Coronavirus - USA", a label)."""
    if _words(sentence) < k.fragment_words and not re.search(r"[.!?。！？][\"”’']?\s*$", sentence):
        return True
    run = 0
    joined = False  # an "and" or "or" within the run of short items, or in the item that ends it
    sentence = sentence.rstrip()
    # a line cut off mid-sentence (wire copy keeps its hard wraps) may hold its join on the next line
    cut_off = not SENTENCE_CLOSE.search(sentence)
    for item in LIST_SEPARATOR.split(sentence.rstrip(",;")):
        joins = LIST_JOIN.search(item) is not None
        if 0 < len(item.split()) <= k.list_item_words:
            run, joined = run + 1, joined or joins
            continue
        if run >= k.list_items and (joined or joins):
            return True
        run, joined = 0, False
    return run >= k.list_items and (joined or cut_off)


def _words(text: str) -> int:
    """How many words a text has, a run of Chinese, Japanese or Korean letters counting one a two letters (the
    length of most words in those scripts, which put no spaces between them)."""
    if text.isascii():
        return len(re.findall(r"\w+", text))
    cjk = sum(len(run) for run in CJK_RUN.findall(text))
    return len(re.findall(r"\w+", CJK_RUN.sub(" ", text))) + (cjk + 1) // 2


# A list ends "..., A and B" or "..., A or B", or a dash sums it up ("arms, money, sanctions -
# on these three"); commas without one set off other things ("When Jane Roe, the country's
# president, arrives in Washington, DC, on Monday ...")
LIST_SEPARATOR = re.compile(r"(?<!\d),|,(?!\d)|;")  # "720,000 tonnes" is one number, not two items
LIST_JOIN = re.compile(r"(?<![\w-])(?:and|or)(?![\w-])|\s[—–-]\s")


def _headline_lines(text: str, k: FacetPatterns) -> list[tuple[int, int]]:
    """Title-case lines after the article's last sentence: the headlines of other stories that a
    page lists under the article ("APEC Leaders Vow to Maintain Free Trade System"), among its
    other furniture. Each names a topic without spending a sentence on it. Only after the last
    sentence: a title-case line amid the text may be hard-wrapped prose that happens to be
    capitalized ("BONN - U.S. Treasury Secretary James Baker met West" / "German ..."), and the
    first line is the article's own headline."""
    tail = _after_last_sentence(text)
    return [(s, e) for s, e in title_case_lines(text, k.headline_small_words) if s > 0 and s >= tail]


def _after_last_sentence(text: str) -> int:
    """Where the lines after the text's last line that ends a sentence begin (read from the end:
    the furniture under an article is short)."""
    end = len(text)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if SENTENCE_CLOSE.search(text, max(start, end - 4), end):
            return end
        end = start - 1
    return 0


SENTENCE_CLOSE = re.compile(r"[.!?…][\"”’')\]]?[ \t]*$")


def _within(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether text[start:end], less a closing line break, lies inside one of the sorted spans."""
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1] + 1


def _signals_in(text: str, k: FacetPatterns):
    """(start, end, phrase) of each topic signal: words, and signals in scripts without spaces ("会谈")."""
    yield from k.topic_index.finditer(text)
    if k.cjk_topic_re is not None and not text.isascii():
        for m in cjk_finditer(k.cjk_topic_re, text):
            yield m.start(), m.end(), m.group(0)


def topics_in(text: str, k: FacetPatterns, bounds, telling_headline: int = 0) -> list[FacetValue]:
    """Topics the article spends a sentence on: one sentence whose distinct signals reach the
    threshold, or different hints across sentences that reach spread_threshold (one word
    repeated is one hint: "meeting" five times says no more than once). A list, a fragment and
    a title-case line after the article's last sentence count half.

    telling_headline is where the headline ends when it is most of what the story says (a
    feed's item with no text or a line of summary): there one hint is enough."""
    starts = [s for s, _ in bounds]
    per_sentence: dict[int, dict[str, dict[str, float]]] = {}  # sentence -> topic -> signal -> weight
    evidence: dict[tuple[int, str], list[Span]] = {}
    for m_start, m_end, phrase in _signals_in(text, k):
        sentence = bisect.bisect_right(starts, m_start) - 1
        topics = per_sentence.setdefault(sentence, {})
        for topic, weight in k.topic_signals[phrase]:
            topics.setdefault(topic, {})[phrase] = weight
            evidence.setdefault((sentence, topic), []).append(Span(m_start, m_end, text[m_start:m_end]))
    strongest: dict[str, float] = {}
    in_headline: dict[str, float] = {}
    hints: dict[str, dict[str, float]] = {}  # topic -> each signal once, however often it recurs
    spans: dict[str, list[Span]] = {}
    seen: set[str] = set()  # a headline repeated on a page says its topic once
    headlines = _headline_lines(text, k) if per_sentence else []
    for sentence, topics in per_sentence.items():
        s, e = bounds[sentence]
        wording = " ".join(text[s:e].split()).lower()
        if wording in seen:
            continue
        seen.add(wording)
        factor = 0.5 if _is_list(text[s:e], k) or _within(headlines, s, e) else 1.0
        for topic, signals in topics.items():
            strongest[topic] = max(strongest.get(topic, 0.0), sum(signals.values()) * factor)
            if s < telling_headline:
                in_headline[topic] = max(in_headline.get(topic, 0.0), sum(signals.values()) * factor)
            seen_signals = hints.setdefault(topic, {})
            for phrase, weight in signals.items():
                seen_signals[phrase] = max(seen_signals.get(phrase, 0.0), weight * factor)
            spans.setdefault(topic, []).extend(evidence[(sentence, topic)])
    headline_threshold = min(k.topic_threshold, TELLING_HEADLINE_THRESHOLD)
    return [
        FacetValue(topic, tuple(spans[topic]))
        for topic in k.topic_ids
        if strongest.get(topic, 0.0) >= k.topic_threshold
        or in_headline.get(topic, 0.0) >= headline_threshold
        or sum(hints.get(topic, {}).values()) >= k.topic_spread_threshold
    ]


TELLING_HEADLINE_THRESHOLD = 1.0
