"""One page of text read: its title, date, source signs, byline and cleaned body (a Page).

assemble.py makes the article of a Page and the fields its file filed."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from searchapp.reading.credits import (
    byline_agency,
    byline_outlet,
    closing_byline_outlet,
    dateline_agency,
    first_publisher,
    self_named_outlet,
    sign_off_agency,
)
from searchapp.reading.dates import (
    DATELINE, ONLY_A_DATE, DateFound, date_at_start, dates_near_top, published_at_foot, year_clues,
)
from searchapp.reading.headlines import cut_headline_byline, title_and_body
from searchapp.reading.lines import (
    SENTENCE_END,
    TOP_LINES,
    as_byline,
    has_script,
    is_boilerplate,
    is_breadcrumb,
    is_long,
    main_script,
    split_lines,
    strip_markup,
    word_count,
)
from searchapp.reading.normalize import normalize_line
from searchapp.reading.page_titles import split_outlet_suffix
from searchapp.reading.rules import ReadingRules
from searchapp.reading.sources import (
    EMAIL,
    brand_in_furniture,
    copyright_holder,
    copyright_names,
    known_outlet,
    masthead_outlet,
    outlet_line,
    outlet_of_address,
    outlet_of_domain,
    source_from_line,
)

DATE_LINES_AFTER_LONG = 3  # a date line may follow a long standfirst
ARTICLE_HEAD_LINES = 8  # headline, byline, date, kicker: the lines above the first long paragraph
HEADLINE_BOX_LINES = 5  # short unpunctuated lines in a row between paragraphs: a box of other stories' headlines
HEADLINE_BOX_WORDS = 12
LIST_HEADING_CHARS = 48  # "more from the asia desk": a list heading is short; longer lines are not matched against them


@dataclass
class Page:
    title: str
    body: str
    date: datetime.date | None
    source: str | None
    byline: str | None
    date_from: str | None = None  # where the page's date was found
    wire: str | None = None  # the agency a dateline credits: whose story a republishing site printed
    self_named: str | None = None  # the one outlet the story names as told or shown something ("told Reuters")
    stand_in: bool = False  # the title is the body's first sentence: no headline was found


def read_page(
    text: str,
    boilerplate: frozenset[str],
    rules: ReadingRules,
    given: dict[str, str],
    *,
    masthead: bool,
) -> Page | None:
    """Title, date, source, byline and cleaned body of a page; None when no body is left.

    The source is the strongest evidence found: a "Source:" line, then the site's own name (masthead,
    an outlet's line at the top or foot, a title suffix), a copyright line, the byline's mail domain,
    the page's brand furniture ("ST's newsletters"), and last a wire dateline ("TOKYO (Reuters) -").
    """
    lines = split_lines(strip_markup(text), rules)
    given_title = given.get("title")
    site = _cut_masthead(lines, rules, headline_given=bool(given_title)) if masthead else None
    headline_byline = None if given_title else cut_headline_byline(lines, rules)

    long_lines = [i for i, line in enumerate(lines) if is_long(line) and not is_boilerplate(line, normalize_line(line), rules)]
    first_long = long_lines[0] if long_lines else len(lines)
    last_long = long_lines[-1] if long_lines else -1
    top = min(first_long + 1 + DATE_LINES_AFTER_LONG, TOP_LINES, len(lines))
    clues = year_clues(text, given.get("captured"), given.get("copyright_year"))
    dates, date_lines = dates_near_top(lines, top, rules, clues)
    if not dates and first_long > top:  # a scraped page's navigation came first: the article's head is further down
        head = max(top, first_long - ARTICLE_HEAD_LINES)
        dates, date_lines = dates_near_top(lines, min(first_long + 1 + DATE_LINES_AFTER_LONG, len(lines)), rules, clues, head)
    if not dates and top < TOP_LINES:  # a long photo caption opened the page: a line of a date alone may stand under it
        # ...above more of the text: a date under the last paragraph is no date line (published_at_foot's are labelled)
        found, _ = dates_near_top(list(lines), min(TOP_LINES, max(top, last_long)), rules, clues, top)  # cuts nothing
        dates = [d for d in found if ONLY_A_DATE.match(lines[d.line])]
        date_lines = {d.line for d in dates}
    if not dates and (at_foot := published_at_foot(lines, last_long, rules)):
        dates, date_lines = [at_foot], {at_foot.line}

    sorted_lines = _sort_lines(
        lines, boilerplate, rules, top=top, first_long=first_long, last_long=last_long, skip=date_lines,
        republished=outlet_of_address(given.get("url"), rules) in rules.aggregators,
    )
    site = site or sorted_lines.site
    byline = headline_byline or sorted_lines.byline
    kept = _without_story_lists(sorted_lines.kept, sorted_lines.list_starts)
    kept = _without_headline_boxes(kept)
    kept = _keep_subheads_the_prose_uses(kept, [lines[i] for i in long_lines])
    if given_title:
        title = given_title
        body_lines, title_at = _body_under_given_title(kept, given_title, max(top, first_long + 1), rules)
    else:
        title, body_lines, title_at = title_and_body(kept, first_long, rules, lines)
        title, title_outlet = split_outlet_suffix(title, rules)
        site = site or title_outlet
    if not body_lines and any(recurs for _, _, recurs in kept):
        # The recurring-line pass never empties an article: where its lines are all that is left, they stay.
        return read_page(text, frozenset(), rules, given, masthead=masthead)
    if not body_lines:
        return None
    # best rank first; of equals, one under the headline rather than a site's "today" or a scraper's stamp above it,
    # and on a page without a headline the story's own dateline rather than such a stamp at the top
    best = min(dates, key=lambda d: (d.rank, _above_the_story(d, title_at), d.line)) if dates else None
    credit = next((outlet for d in dates if d.credit and (outlet := known_outlet(d.credit, rules))), None)

    mail_domain = next((found for m in EMAIL.findall(byline or "") if (found := outlet_of_domain(m, rules))), None)
    return Page(
        title=title,
        body="\n\n".join(body_lines),
        date=best.date if best else None,
        date_from=best.where if best else None,
        source=next(
            (name for name in (sorted_lines.source_line, first_publisher(body_lines, rules),
                               closing_byline_outlet(body_lines, rules), sorted_lines.partner, site, credit,
                               sorted_lines.copyright_name, mail_domain, byline_outlet(byline, rules), sorted_lines.brand)
             if name and known_outlet(name, rules) not in rules.aggregators),
            None,
        ),
        byline=byline,
        wire=dateline_agency(body_lines, rules) or byline_agency(byline, rules) or sign_off_agency(body_lines, rules)
        or sorted_lines.signed_off,
        self_named=self_named_outlet(body_lines, rules),
        stand_in=not given_title and title_at == -1,
    )


def _above_the_story(date: DateFound, title_at: int) -> bool:
    """A date line printed above the headline, or above a headline-less story's dateline: the page's or a
    scraper's time stamp ("date 2024-02-23 Share:"), not the story's own date."""
    return date.line < title_at if title_at >= 0 else date.where != DATELINE


def _cut_masthead(lines: list[str], rules: ReadingRules, *, headline_given: bool) -> str | None:
    """The site's name printed first on the page (after furniture such as "Back To Top"), taken off the lines:
    a known outlet, a brand in capitals, or the name the page's own copyright notice gives ("The Daily Planet"
    over the story, "© 2023 The Daily Planet. All rights reserved." under it). Capitals right over the first
    paragraph of a page whose headline no field gives are that headline ("BAHIA COCOA REVIEW")."""
    first = next((i for i, line in enumerate(lines[:3]) if not is_boilerplate(line, normalize_line(line), rules)), None)
    if first is None:
        return None
    site = masthead_outlet(lines[first], rules)
    if site and not headline_given and not known_outlet(site, rules) and first + 1 < len(lines) and is_long(lines[first + 1]):
        site = None
    if site is None and normalize_line(lines[first]) in {normalize_line(name) for name in copyright_names(lines)}:
        site = lines[first].strip()
    if site:
        del lines[first]
    return site


def _body_under_given_title(
    kept: list[tuple[int, str, bool]], title: str, top: int, rules: ReadingRules
) -> tuple[list[str], int]:
    """The body under the headline printed on the page above line top (what stands above it is furniture: a
    printed page's menus may be long), and where it stands; the page prints it without the " | Outlet" a filed
    title may carry, on one line or wrapped onto two."""
    given_norms = {normalize_line(title), normalize_line(split_outlet_suffix(title, rules)[0])}
    above, lines = -1, 1
    for k, (i, line, _) in enumerate(kept):
        if i >= top:
            break
        if normalize_line(line) in given_norms:
            above = k
            break
        if k + 1 < len(kept) and normalize_line(f"{line} {kept[k + 1][1]}") in given_norms:
            above, lines = k, 2  # a headline wrapped onto two lines (a printed page, a hard-wrapped text)
            break
    title_at = kept[above][0] if above >= 0 else -1
    under = kept[above + lines:] if above >= 0 else kept
    body_lines = [line for _, line, recurs in under if not (recurs or normalize_line(line) in given_norms)]
    return body_lines, title_at


def _without_story_lists(kept: list[tuple[int, str, bool]], list_starts: list[int]) -> list[tuple[int, str, bool]]:
    """The lists of other stories ("MOST POPULAR") after the last long paragraph go, in one pass (a pass a list was quadratic)."""
    if not list_starts:
        return kept
    last_long_kept = max((k for k, (_, line, _) in enumerate(kept) if is_long(line)), default=-1)
    cut = next((start for start in list_starts if start > last_long_kept), None)
    return kept if cut is None else kept[:cut]


def _without_headline_boxes(kept: list[tuple[int, str, bool]]) -> list[tuple[int, str, bool]]:
    """A run of short lines that end in no full stop, between two long paragraphs, goes: an old news page's box of
    links to other stories ("Prison Abuse Scandal", "Witnesses: Soldiers Ordered Abuse"), whose countries and
    officials are not the article's. A subhead is one such line, not five in a row."""
    long_at = [k for k, (_, line, _) in enumerate(kept) if is_long(line)]
    if len(long_at) < 2:
        return kept
    drop: set[int] = set()
    for before, after in zip(long_at, long_at[1:]):
        between = range(before + 1, after)
        if len(between) >= HEADLINE_BOX_LINES and all(_headline_like(kept[k][1]) for k in between):
            drop.update(between)
    return [line for k, line in enumerate(kept) if k not in drop] if drop else kept


def _headline_like(line: str) -> bool:
    """A headline as a link to it is written: short, capitalized first and in most of its longer words, no full stop
    (a hard-wrapped line of prose starts in lower case or has few capitals)."""
    text = line.strip().rstrip("\"”’)")
    longer = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    return (
        0 < word_count(text) <= HEADLINE_BOX_WORDS
        and text[-1:] not in ".:;,"
        and (text[:1].isupper() or text[:1].isdigit())
        and sum(w[0].isupper() for w in longer) * 2 >= len(longer)
    )


@dataclass
class _SortedLines:
    """A page's lines sorted: the article's own, and what the furniture said about the page."""

    kept: list[tuple[int, str, bool]] = field(default_factory=list)  # (position, line, recurs across the archive)
    list_starts: list[int] = field(default_factory=list)  # where "MOST POPULAR" and the like begin lists of other stories
    source_line: str | None = None
    site: str | None = None
    copyright_name: str | None = None
    byline: str | None = None
    brand: str | None = None
    partner: str | None = None  # on an aggregator's page, the outlet named on a line of its own inside the story
    signed_off: str | None = None  # a wire's one-word name on the line right under the last paragraph (" Reuter")


def _sort_lines(
    lines: list[str],
    boilerplate: frozenset[str],
    rules: ReadingRules,
    *,
    top: int,
    first_long: int,
    last_long: int,
    skip: set[int],
    republished: bool = False,
) -> _SortedLines:
    """Each line is the article's, or furniture that may still name the page's source, outlet or byline.

    republished: the page is an aggregator's (AOL, Yahoo News), whose copy names its partner outlet on a line of
    its own inside the story ("The Independent" between two paragraphs)."""
    found = _SortedLines()
    kept, list_starts = found.kept, found.list_starts
    script = main_script(lines)
    other_stories = False  # past a list heading ("In Other News") after the article's start: other stories' lines
    for i, line in enumerate(lines):
        norm = normalize_line(line)
        if i in skip or not norm:
            continue
        other_stories = other_stories or (
            i > first_long and len(norm) <= LIST_HEADING_CHARS and bool(rules.list_heading.fullmatch(norm))
        )
        if i >= top and word_count(line) <= 6 and (seen := date_at_start(line, rules)) and seen.rest is None:
            continue  # "Updated 03-Apr-2021" further down: page furniture of an embedded story
        if found_source := source_from_line(line, rules):
            found.source_line = found.source_line or found_source
            continue
        if (i < top or i > last_long) and (outlet := outlet_line(line, rules)):
            if i == last_long + 1 and len(line.split()) == 1 and lines[last_long].rstrip("\"'”’)")[-1:] in SENTENCE_END:
                found.signed_off = outlet  # "... on February 27." then " Reuter": the wire's sign-off
            if not other_stories:  # a list's "Reuters" over its headline names that story's outlet, not this one's
                found.site = found.site or outlet
            continue  # "BBC News" under the byline, "with the Korea JoongAng Daily" at the foot
        partner = outlet_line(line, rules) if republished and not other_stories else None
        if partner and partner not in rules.aggregators:
            found.partner = found.partner or partner
            continue
        if holder := copyright_holder(line, rules):
            found.copyright_name = found.copyright_name or holder
            continue
        if as_byline(line, rules):
            found.byline = found.byline or line
            continue
        if named := brand_in_furniture(line, rules):
            found.brand = found.brand or named
            continue
        if not has_script(line, script):
            continue  # no letters, or none of the article's own script
        if is_boilerplate(line, norm, rules):
            if i > first_long and rules.list_heading.fullmatch(norm):
                list_starts.append(len(kept))
            continue
        if kept and normalize_line(kept[-1][1]) == norm:
            continue  # a photo caption printed twice
        if i < first_long and is_breadcrumb(line, rules):
            continue
        kept.append((i, line, norm in boilerplate))
    return found


def _keep_subheads_the_prose_uses(kept: list[tuple[int, str, bool]], prose: list[str]) -> list[tuple[int, str, bool]]:
    """A recurring short line that the article's own paragraphs also say ("South China Sea") is a subhead, not
    furniture: keeping it adds no word the article does not already use, dropping it would lose a heading."""
    if not any(recurs for _, _, recurs in kept):
        return kept
    text = " ".join(normalize_line(line) for line in prose)
    used: dict[str, bool] = {}  # each recurring line looked for once, however often the article repeats it

    def prose_uses(line: str) -> bool:
        norm = normalize_line(line)
        if norm not in used:
            used[norm] = re.search(rf"(?<!\w){re.escape(norm)}(?!\w)", text) is not None
        return used[norm]

    return [(i, line, recurs and not prose_uses(line)) for i, line, recurs in kept]
