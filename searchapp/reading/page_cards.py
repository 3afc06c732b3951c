"""A saved fragment that lists several stories as cards: a site template's news box, a section's list.

A file with no <title> and no title tags is no page of one article. When it repeats one kind of box
(the same tag and class under one parent), each holding one heading and some text, each box is a
story: its heading the headline, its lines the text, where the text reader finds its date line
("August 6, 2023", "20 October. 2018") as on any page. A page with a title of its own is read whole, so
an article's "related stories" boxes never split it.
"""

from __future__ import annotations

from lxml import etree

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
CARD_LINES = ("p", "small", "time", "li", "blockquote", "figcaption")  # the elements whose text a box's lines are
MIN_CARDS = 2


def story_cards(tree: etree._Element) -> list[tuple[str, str]] | None:
    """(headline, text) of each box of a titleless fragment's largest run of story boxes; None when it has no
    such run (the caller reads a page with a title of its own whole, without asking)."""
    best: list[etree._Element] = []
    for parent in tree.iter():
        groups: dict[tuple, list[etree._Element]] = {}
        for child in parent:
            if isinstance(child.tag, str):
                groups.setdefault((child.tag, child.get("class", "")), []).append(child)
        for group in groups.values():
            if len(group) >= MIN_CARDS and len(group) > len(best) and all(_one_heading(box) for box in group):
                best = group
    cards = [_card(box) for box in best]
    if len(cards) < MIN_CARDS or len({headline for headline, _ in cards}) < len(cards):
        return None  # the same heading in every box is a layout's label, not a list of stories
    return cards


def _one_heading(box: etree._Element) -> bool:
    """One heading with words, and text besides it."""
    headings = [h for h in box.iter(*HEADINGS) if " ".join(h.text_content().split())]
    return len(headings) == 1 and any(" ".join(e.text_content().split()) for e in box.iter(*CARD_LINES))


def _card(box: etree._Element) -> tuple[str, str]:
    heading = next(h for h in box.iter(*HEADINGS) if " ".join(h.text_content().split()))
    lines = []
    for element in box.iter(*CARD_LINES):
        if any(a.tag in CARD_LINES for a in element.iterancestors()):
            continue  # a <p> inside a <li> is read with it
        line = " ".join(element.text_content().split())
        if line and line not in lines:
            lines.append(line)
    return " ".join(heading.text_content().split()), "\n\n".join(lines)
