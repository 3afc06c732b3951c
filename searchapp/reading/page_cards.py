"""A saved fragment that lists several stories as cards: a site template's news box, a section's list.

A file with no <title> and no title tags is no page of one article. When it repeats one kind of box
(the same tag and class under one parent), each holding one heading and some text, each box is a
story: its heading the headline, its lines the text, where the text reader finds its date line
("August 6, 2023", "20 October. 2018") as on any page. A box without a heading may hold one link of a
headline's words over a summary (a digest page's list of stories): the link is the headline and its
address the story's. A page with a title of its own is read whole, so an article's "related stories"
boxes never split it.
"""

from __future__ import annotations

from typing import NamedTuple

from lxml import etree

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
CARD_LINES = ("p", "small", "time", "li", "blockquote", "figcaption")  # the elements whose text a box's lines are
MIN_CARDS = 2
LINKED_HEADLINE_WORDS = 3  # a link's words that may be a headline ("Read more" is none)
SUMMARY_WORDS = 5  # the words besides a linked headline that make them a story's summary, not a menu's entry


def story_cards(tree: etree._Element) -> list[Card] | None:
    """Each box of a titleless fragment's largest run of story boxes; None when it has no such run (the
    caller reads a page with a title of its own whole, without asking)."""
    best: list[etree._Element] = []
    for parent in tree.iter():
        groups: dict[tuple, list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str):
                groups.setdefault((child.tag, child.get("class", "")), []).append(child)
        for group in groups.values():
            if len(group) >= MIN_CARDS and len(group) > len(best) and all(_story_box(box) for box in group):
                best = group
    cards = [_card(box) for box in best]
    if len(cards) < MIN_CARDS or len({card.headline for card in cards}) < len(cards):
        return None  # the same heading in every box is a layout's label, not a list of stories
    return cards


class Card(NamedTuple):
    """One story box: its headline, its text, and the address its headline links to, if it does."""

    headline: str
    text: str
    url: str | None = None


def _story_box(box: etree._Element) -> bool:
    """One heading with words and text besides it; or, without headings, one link of a headline's words and a
    sentence besides it (a list of linked headlines, each over its summary)."""
    headings = [h for h in box.iter(*HEADINGS) if _words(h)]
    if headings:
        return len(headings) == 1 and any(_words(e) for e in box.iter(*CARD_LINES))
    links = [a for a in box.iter("a") if a.get("href", "").startswith(("http://", "https://")) and _words(a)]
    return (
        len(links) == 1
        and len(_words(links[0]).split()) >= LINKED_HEADLINE_WORDS
        and len(_words(box).split()) - len(_words(links[0]).split()) >= SUMMARY_WORDS
    )


def _card(box: etree._Element) -> Card:
    heading = next((h for h in box.iter(*HEADINGS) if _words(h)), None)
    if heading is None:  # a linked headline over its summary
        link = next(a for a in box.iter("a") if a.get("href", "").startswith(("http://", "https://")) and _words(a))
        headline = _words(link)
        return Card(headline, _words(box).replace(headline, "", 1).strip(), link.get("href").strip())
    lines = []
    for element in box.iter(*CARD_LINES):
        if any(a.tag in CARD_LINES for a in element.iterancestors()):
            continue  # a <p> inside a <li> is read with it
        line = _words(element)
        if line and line not in lines:
            lines.append(line)
    return Card(_words(heading), "\n\n".join(lines))


def _words(element: etree._Element) -> str:
    return " ".join(element.text_content().split())
