"""The article reader on the real samples and on one small fixture per format and failure."""

import datetime
import json
import re
from pathlib import Path

import pytest

from searchapp.knowledge import Knowledge
from searchapp.reading import (
    Article,
    ReadResult,
    Skip,
    archive_files,
    archive_listing,
    find_recurring_lines,
    normalize_line,
    parse_date,
    read_file,
)

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed"
FORMATS = DATA / "formats"
GOLD = json.loads((DATA / "seed-gold.json").read_text(encoding="utf-8"))


def read_one(path: Path, root: Path, boilerplate: frozenset[str] = frozenset()) -> Article:
    result = read_file(path, root, boilerplate)
    assert (result.skipped, result.warnings, len(result.articles)) == ([], [], 1)
    return result.articles[0]


def paragraphs(article: Article) -> list[str]:
    return article.body.split("\n\n")


# --- The five samples ----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GOLD))
def test_sample_title_and_date_match_gold(name):
    article = read_one(SEED / name, SEED)
    date = article.date.isoformat() if article.date else None
    assert (article.title, date) == (GOLD[name]["title"], GOLD[name]["date"])


@pytest.mark.parametrize("name", sorted(n for n, gold in GOLD.items() if gold["source"]))
def test_sample_source_matches_gold(name):
    assert read_one(SEED / name, SEED).source == GOLD[name]["source"]


PAGE_FURNITURE = [
    "CHINA TOPIX", "04/26/2024 10:54:55 pm", "Make CT Your Homepage", "Like Us on Facebook", "Real Time Analytics",
    "Back To Top", "MOST POPULAR", "LATEST NEWS", "subscribe", "피터빈트",
    "UPDATED", "SOUTH KOREA TAKES THE LEAD", "Updated 03-Apr-2021", "(", "No comments:", "Post a Comment",
    "Asia China Global News News North Korea South Korea", "Source : AA", "Translate", "Advertisement",
    "Accessibility links", "Breaking News", "update", "please wait", "No media source currently available",
    "0:00 0:01:26 0:00", "XS", "SM", "MD", "LG",
    "By Choi Si-young (siyoungchoi@heraldcorp.com)", "By Su Yuting CGTN",
]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_sample_page_furniture_is_removed(name):
    article = read_one(SEED / name, SEED)
    assert set(paragraphs(article)) & set(PAGE_FURNITURE) == set()


@pytest.mark.parametrize("name", sorted(GOLD))
def test_sample_real_paragraphs_all_survive(name):
    """Every sentence-length line of the page is in the body (a glued date prefix aside)."""
    article = read_one(SEED / name, SEED)
    raw = [" ".join(line.split()) for line in (SEED / name).read_text(encoding="utf-8").splitlines()]
    long_lines = [line for line in raw if len(line.split()) >= 12]
    missing = [line for line in long_lines if not any(line.endswith(p) for p in article.text.split("\n\n"))]
    assert missing == []


@pytest.mark.parametrize("name", sorted(GOLD))
def test_sample_body_shape(name):
    """Paragraphs apart by exactly one blank line; the title not repeated; no line twice in a row."""
    article = read_one(SEED / name, SEED)
    paras = paragraphs(article)
    assert [p for p in paras if not p.strip() or p != p.strip() or "\n" in p] == []
    assert paras[0] != article.title
    assert [a for a, b in zip(paras, paras[1:]) if a == b] == []


@pytest.mark.parametrize(
    ("name", "caption"),
    [
        ("001_0e9d00d26df36be8.txt", "The flags of South Korea (right) and the United States. (123rf)"),
        ("004_c0270b5819e0888a.txt", "U.S. Secretary of State John Kerry (L) shakes hands with Chinese President Xi "
         "Jinping at the Great Hall of the People in Beijing, China, May 17, 2015."),
    ],
)
def test_sample_caption_printed_twice_is_kept_once(name, caption):
    assert paragraphs(read_one(SEED / name, SEED)).count(caption) == 1


def test_sample_byline_is_recognised_and_out_of_body():
    article = read_one(SEED / "001_0e9d00d26df36be8.txt", SEED)
    assert (article.byline, "Choi Si-young" in article.body) == ("By Choi Si-young (siyoungchoi@heraldcorp.com)", False)


# --- Pages laid out as other news sites lay them out ----------------------------

SITES = json.loads((FORMATS / "sites" / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(SITES))
def test_site_layouts_title_date_source(name):
    article = read_one(FORMATS / "sites" / name, FORMATS)
    date = article.date.isoformat() if article.date else None
    assert {"title": article.title, "date": date, "source": article.source} == SITES[name]


# --- Formats -------------------------------------------------------------------

FORMAT_CASES = {
    "caps-headline.txt": Article(
        id="caps-headline.txt",
        path="caps-headline.txt",
        title="PACIFIC PARTNERS REDRAW THE MAP OF NAVAL BASING",
        body="Three developments are changing the strategic picture for the island states of the Pacific, and each of "
        "them points towards closer naval cooperation between the larger powers.\n\n"
        "DEEP WATER PORTS\n\n"
        "Fiji and Papua New Guinea have both asked for help to dredge and extend their main harbours, officials in Suva "
        "said on Monday.",
        byline="By Professor Jane Example AM, Director, Institute of Maritime Studies",
    ),
    "wire-foot.txt": Article(
        id="wire-foot.txt",
        path="wire-foot.txt",
        title="Vietnam and Laos agree to speed up border railway",
        body="HANOI - Vietnam and Laos agreed on Tuesday to speed up work on a railway linking the Lao capital Vientiane "
        "with the Vietnamese port of Vung Ang, the two governments said.\n\n"
        "The line is expected to cost about five billion dollars, with most of the money still to be found.",
        date=datetime.date(2019, 3, 5),
        source="Reuters",  # from the copyright line: the wire that wrote it
        byline="(Reporting by Tran Van An in Hanoi; Editing by Jane Roe)",
        date_from='a “Published” line',
    ),
    "clipping.txt": Article(
        id="clipping.txt",
        path="clipping.txt",
        title="Seoul and Tokyo agree to resume shuttle diplomacy",
        body="Leaders meet in Tokyo\n\n"
        "South Korean President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida agreed on Thursday to resume "
        "regular visits between their capitals after a gap of twelve years.\n\n"
        "The two leaders also agreed to restore a military intelligence-sharing pact.",
        date=datetime.date(2023, 3, 16),
        source="Yonhap News Agency",  # filed in the header as "Yonhap": the outlet's own name
        url="https://example.org/clip/1",
        date_from="the file's header block",
    ),
    "masthead.txt": Article(
        id="masthead.txt",
        path="masthead.txt",
        title="Manila protests new Chinese coast guard manoeuvres near Scarborough Shoal",
        body="MANILA -- The Philippines lodged a diplomatic protest on Wednesday over what it called dangerous manoeuvres "
        "by a Chinese coast guard ship near Scarborough Shoal, the foreign ministry said.\n\n"
        "The ministry said the ship came within 150 metres of a Philippine patrol vessel and ignored radio warnings "
        "from its crew.\n\n"
        "A Philippine coast guard vessel near the shoal in 2021.\n\n"
        "Officials said the incident took place on Feb. 18, 2022, and lasted about an hour.",
        date=datetime.date(2022, 3, 2),
        source="Harbour Light News",
        byline="By Maria Santos (msantos@inquirer.net)",
        date_from='a “Published” line',
    ),
    "dateline.txt": Article(
        id="dateline.txt",
        path="dateline.txt",
        title="Vietnam and Japan lift ties to comprehensive strategic partnership",
        body="HANOI -- Vietnam and Japan upgraded their relations to the highest level on Monday during a visit to Tokyo "
        "by Vietnamese President Vo Van Thuong, the two governments said.\n\n"
        "The leaders discussed trade, security and the South China Sea.",
        date=datetime.date(2023, 11, 27),
        source="Kyodo News",
        date_from='a date line',
    ),
    "story.md": Article(
        id="story.md",
        path="story.md",
        title="Japan and Australia sign defence pact on reciprocal access",
        body="Analysis\n\n"
        "Japan and Australia signed a treaty on Thursday that lets their forces train in each other's countries, the "
        "first such pact Japan has agreed with a country other than the United States since 1960.\n\n"
        "The agreement was signed in a virtual summit between the two prime ministers.",
        byline="By Jane Doe and John Roe",
    ),
    "page.html": Article(
        id="page.html",
        path="page.html",
        title="Indonesia hosts ASEAN talks on Myanmar",
        body="Southeast Asian leaders met in Jakarta on Tuesday to discuss the crisis in Myanmar, with Indonesia urging "
        "the junta to honour a peace plan agreed two years ago.\n\n"  # the photo caption is not article text
        "The foreign ministers also discussed the South China Sea & trade.",
        date=datetime.date(2023, 9, 5),
        source="Jakarta Daily",
        url="https://jakarta-daily.example/asean-myanmar",
        byline="By Ahmad Rahman",
        date_from='page metadata (article:published_time)',
    ),
    "article-header.html": Article(
        id="article-header.html",
        path="article-header.html",
        title="Seoul, Hanoi widen defence ties",
        body="South Korea and Vietnam agreed on Monday to widen defence cooperation, including arms sales and joint "
        "training.",  # a data table is left out of the text
        date=datetime.date(2022, 12, 5),
        source="The Korea Herald",
        date_from='page metadata (<time datetime>)',
    ),
    "linked-data.html": Article(
        id="linked-data.html",
        path="linked-data.html",
        title="Philippines and Japan sign troop access pact",
        body="The Philippines and Japan signed a reciprocal access agreement on Monday that allows their troops to train "
        "in each other's territory, officials in Manila said.",
        date=datetime.date(2024, 7, 8),
        source="Harbour Light",
        date_from='page metadata (schema.org datePublished)',
    ),
    "plain.htm": Article(
        id="plain.htm",
        path="plain.htm",
        title="India and China hold border talks",
        body="India and China held a new round of talks on Friday on their disputed Himalayan border, the Indian "
        "foreign ministry said in a statement.\n\n"
        "Both sides agreed to keep talking.",
        date=datetime.date(2024, 1, 12),
        source="Frontier Post",
        date_from='page metadata (<time datetime>)',
    ),
}


@pytest.mark.parametrize("name", sorted(FORMAT_CASES))
def test_format_reads_whole_article(name):
    assert read_file(FORMATS / name, FORMATS) == ReadResult(articles=[FORMAT_CASES[name]])


def test_jsonl_reads_good_lines_and_skips_bad_ones_by_line():
    assert read_file(FORMATS / "records.jsonl", FORMATS) == ReadResult(
        articles=[
            Article(
                id="records.jsonl#1",
                path="records.jsonl",
                title="Blinken visits Hanoi",
                body="US Secretary of State Antony Blinken arrived in Hanoi on Saturday.\n\n"
                "He is expected to meet Vietnamese leaders.",
                date=datetime.date(2023, 4, 15),
                source="Associated Press",  # filed as "AP": one outlet is one value of the source facet
                url="https://example.org/a",
                date_from="record field date",
            ),
            Article(
                id="records.jsonl#2",
                path="records.jsonl",
                title="Seoul summons envoy",
                body="South Korea summoned the Japanese ambassador on Monday.",
            ),
            Article(
                id="records.jsonl#7",
                path="records.jsonl",
                title="A headline set by the writer",
                body="The Philippines and the United States agreed on Thursday to expand American access to Philippine "
                "military bases.",
                date=datetime.date(2022, 12, 1),
                date_from="record field date",
            ),
            Article(
                id="records.jsonl#8",
                path="records.jsonl",
                title="Numbers",
                body="Thailand and Cambodia agreed to reopen border crossings on Monday.",
            ),
        ],
        skipped=[
            Skip("records.jsonl#4", "not valid JSON: Expecting ',' delimiter (column 61)"),
            Skip("records.jsonl#5", "expected a JSON object, got list"),
            Skip(
                "records.jsonl#6",
                "no article text (none of the fields body, text, content, article, description, summary or the "
                "34 other names dumps give a story's text)",
            ),
        ],
        warnings=[
            "records.jsonl#2: date 'not a date' is not a plausible date; ignored",
            "records.jsonl#8: date 20230101 is not text; ignored",
        ],
    )


# --- Bad files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad/binary.txt", ReadResult(skipped=[Skip("bad/binary.txt", "binary file (contains NUL bytes), not text")])),
        ("bad/empty.txt", ReadResult(skipped=[Skip("bad/empty.txt", "empty file")])),
        ("bad/whitespace.md", ReadResult(skipped=[Skip("bad/whitespace.md", "only whitespace, no text")])),
        (
            "bad/furniture.txt",
            ReadResult(skipped=[Skip("bad/furniture.txt", "no article text left after removing page boilerplate")]),
        ),
        (
            "bad/cp1252.txt",
            ReadResult(
                articles=[
                    Article(
                        id="bad/cp1252.txt",
                        path="bad/cp1252.txt",
                        title="Café diplomacy in Hanoi",
                        body="The minister’s visit to the café district was brief, officials said on Tuesday after "
                        "the talks.",
                    )
                ],
                warnings=["bad/cp1252.txt: not valid UTF-8 (byte 3); read as cp1252"],
            ),
        ),
    ],
)
def test_bad_file(name, expected):
    assert read_file(FORMATS / name, FORMATS) == expected


def test_utf8_with_byte_order_mark_reads_without_warning(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffTitle: Hanoi talks\n\nBody text.\n".encode("utf-8"))
    assert read_file(tmp_path / "bom.txt", tmp_path) == ReadResult(
        articles=[Article(id="bom.txt", path="bom.txt", title="Hanoi talks", body="Body text.")]
    )


def test_utf16_with_byte_order_mark_is_text_not_binary(tmp_path):
    (tmp_path / "wide.txt").write_bytes("Title: Hanoi talks\n\nBody text.\n".encode("utf-16"))
    assert read_file(tmp_path / "wide.txt", tmp_path) == ReadResult(
        articles=[Article(id="wide.txt", path="wide.txt", title="Hanoi talks", body="Body text.")]
    )


def test_header_block_may_carry_other_fields(tmp_path):
    page = f"Title: Hanoi talks\nAuthor: Jane Doe\nDate: 3 April 2021\n\nHEADLINE SITE\n\n{BODY}\n"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    article = read_one(tmp_path / "a.txt", tmp_path)
    assert (article.title, article.date, article.body) == ("Hanoi talks", datetime.date(2021, 4, 3), BODY)


def test_utf8_once_read_as_cp1252_is_repaired_with_a_warning(tmp_path):
    page = "Title: Hanoi talks\n\nWashington’s “firm view.\n"
    (tmp_path / "a.txt").write_text(page.encode("utf-8").decode("cp1252"), encoding="utf-8")
    assert read_file(tmp_path / "a.txt", tmp_path) == ReadResult(
        articles=[Article(id="a.txt", path="a.txt", title="Hanoi talks", body="Washington’s “firm view.")],
        warnings=["a.txt: UTF-8 read as cp1252 once (â€™); repaired"],
    )


def test_unreadable_file_is_skipped_not_raised(tmp_path):
    (tmp_path / "folder.txt").mkdir()
    result = read_file(tmp_path / "folder.txt", tmp_path)
    assert (result.articles, [s.path for s in result.skipped]) == ([], ["folder.txt"])
    assert result.skipped[0].reason.startswith("cannot read: ")


# --- Dates ---------------------------------------------------------------------

BODY = "Officials from both countries met in the capital on the day to discuss trade and security ties at length."
PARAGRAPHS = [BODY.replace("Officials", who) for who in ("Diplomats", "Ministers", "Envoys")]


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        (["04/26/2024 10:54:55 pm"], datetime.date(2024, 4, 26)),
        (["Updated 03-Apr-2021"], datetime.date(2021, 4, 3)),
        (["Published: 2019-07-08T10:00:00+09:00"], datetime.date(2019, 7, 8)),
        (["04/26/2024 10:54:55 pm", "Published: March 2, 2022"], datetime.date(2022, 3, 2)),
        (["Thursday, April 25, 2024", "THE MORNING LEDGER"], datetime.date(2024, 4, 25)),
        (["Posted : 2016-02-23 16:49 | Updated : 2016-02-24 18:10"], datetime.date(2016, 2, 23)),
        (["Published : Jun 21, 2023 - 15:51 Updated : Jun 22, 2023 - 15:51"], datetime.date(2023, 6, 21)),
        (["April 3, 20214:31 AM UTCUpdated 3 years ago"], datetime.date(2021, 4, 3)),
        (["Published: 10:54pm, 26 Apr, 2024"], datetime.date(2024, 4, 26)),
        (["KYODO NEWS - Apr 4, 2021 - 01:30 | World, All"], datetime.date(2021, 4, 4)),
        (["Sun 4 Apr 2021 01.30 BST"], datetime.date(2021, 4, 4)),
        (["Updated 10:54 PM GMT+9, April 26, 2024"], datetime.date(2024, 4, 26)),
        (["Posted on 12 May 2199"], None),
        (["By Jane Doe | April 4, 2021"], datetime.date(2021, 4, 4)),
        ([], None),
    ],
)
def test_date_from_lines_near_the_top(tmp_path, top, expected):
    page = "\n\n".join([*top, "Ministers meet in the capital for talks", BODY])
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    assert read_one(tmp_path / "a.txt", tmp_path).date == expected


def test_a_published_field_with_an_implausible_date_gives_none_and_says_why(tmp_path):
    page = "\n\n".join(["Published: May 1, 1850", "Ministers meet in the capital for talks", BODY])
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    result = read_file(tmp_path / "a.txt", tmp_path)
    assert [a.date for a in result.articles] == [None]
    assert result.warnings == ["a.txt: date 'May 1, 1850' is not a plausible date; ignored"]


def test_date_under_the_headline_beats_a_sites_today_above_it(tmp_path):
    page = f"Thursday, April 25, 2024\n\nMinisters meet for talks\n\nApril 3, 2024\n\n{BODY}\n"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    assert read_one(tmp_path / "a.txt", tmp_path).date == datetime.date(2024, 4, 3)


def test_date_glued_to_a_dateline_is_read_and_cut_from_the_text(tmp_path):
    page = f"Ministers meet for talks\n\nApril 4, 2021 01:30 JSTBEIJING/SEOUL -- {BODY}\n"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    article = read_one(tmp_path / "a.txt", tmp_path)
    assert (article.date, article.body) == (datetime.date(2021, 4, 4), f"BEIJING/SEOUL -- {BODY}")


def test_no_date_from_a_caption_or_a_sentence(tmp_path):
    page = (
        "Ministers meet for talks\n\nMay 17, 2015 was the day the ministers first met, officials said in a statement.\n\n"
        f"{BODY}\n\nThe minister in Beijing, China, May 17, 2015.\n"
    )
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    assert read_one(tmp_path / "a.txt", tmp_path).date is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("04/26/2024 10:54:55 pm", datetime.date(2024, 4, 26)),
        ("April 4, 2021 01:30 JST", datetime.date(2021, 4, 4)),
        ("03-Apr-2021", datetime.date(2021, 4, 3)),
        ("2199-01-01", None),
        ("1850-01-01", None),
        ("soon", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


# --- Titles, sources, boilerplate ----------------------------------------------


@pytest.mark.parametrize(
    ("top", "title"),
    [
        (["THE MORNING LEDGER", "EXCLUSIVE", "Ministers meet in the capital for talks"], "Ministers meet in the capital for talks"),
        (["World | Asia | Politics", "Ministers meet in the capital for talks"], "Ministers meet in the capital for talks"),
        (["Home News World Asia", "Ministers meet in the capital for talks", "Talks"], "Ministers meet in the capital for talks"),
        (["China News North Korea", "Ministers meet in the capital for talks"], "Ministers meet in the capital for talks"),
        (["China Japan Korea Summit Opens", "Ministers meet in the capital for talks"], "China Japan Korea Summit Opens"),
        (["A LONG ALL CAPS KICKER LINE", "Ministers meet in the capital for talks"], "Ministers meet in the capital for talks"),
        (["Kyodo News - Apr 4, 2021 - 01:30 | World, All", "Ministers meet in the capital for talks"], "Ministers meet in the capital for talks"),
        (["2 hours ago", "Home > World", "Ministers meet in the capital for talks"], "Ministers meet in the capital for talks"),
        ([], BODY),  # no headline at all: the first sentence stands in
        (["ANALYSIS", "HARBOUR NOTES", "MINISTERS MEET IN THE CAPITAL FOR TALKS"], "MINISTERS MEET IN THE CAPITAL FOR TALKS"),
        (["OPINION", "MINISTERS MEET IN THE CAPITAL FOR TALKS"], "MINISTERS MEET IN THE CAPITAL FOR TALKS"),
        (["EXPLAINER", "Why ministers meet in the capital"], "Why ministers meet in the capital"),
        (["COMMENTARY", "INTERVIEW", "WATCH", "Ministers meet in the capital for talks"], "Ministers meet in the capital for talks"),
        (["FEATURE", "NORTH KOREA"], BODY),  # a label and a two-word kicker: no headline
        (["NEWS ANALYSIS"], BODY),
        (["REUTERS", "SUMMIT OPENS IN SEOUL"], "SUMMIT OPENS IN SEOUL"),  # the masthead is not the headline
        (["SUMMIT OPENS IN SEOUL", "Ministers meet in the capital for talks"], "Ministers meet in the capital for talks"),
    ],
)
def test_title_is_the_headline_not_masthead_kicker_or_breadcrumb(tmp_path, top, title):
    (tmp_path / "a.txt").write_text("\n\n".join([*top, BODY]), encoding="utf-8")
    assert read_one(tmp_path / "a.txt", tmp_path).title == title


@pytest.mark.parametrize(
    ("top", "title", "byline"),
    [
        (
            ["ANALYSIS", "MINISTERS MEET IN THE CAPITAL By Professor Jane Doe, University of Example"],
            "MINISTERS MEET IN THE CAPITAL",
            "By Professor Jane Doe, University of Example",
        ),
        (["Ministers meet in the capital for talks By Jane Doe"], "Ministers meet in the capital for talks", "By Jane Doe"),
        (["Missile Launch Condemned By South Korea"], "Missile Launch Condemned By South Korea", None),  # Title Case
        (["Talks in the capital end By Friday"], "Talks in the capital end By Friday", None),  # a day is no name
        (["MINISTERS MEET BY THE RIVER"], "MINISTERS MEET BY THE RIVER", None),  # no case change: no byline
    ],
)
def test_byline_on_the_headline_line_is_cut_off(tmp_path, top, title, byline):
    (tmp_path / "a.txt").write_text("\n\n".join([*top, BODY]), encoding="utf-8")
    article = read_one(tmp_path / "a.txt", tmp_path)
    assert (article.title, article.byline, article.body) == (title, byline, BODY)


@pytest.mark.parametrize(
    "line",
    [
        "By Kim Min-ji [newsroom@example.org]",
        "By Kim Min-ji [[email protected]]",
        "BY JOHN PARK [jpark@example.com]",
        "Kim Min-ji, Staff Writer",
        "Jane Doe, Senior Correspondent",
        "— Reporting by Jane Doe; Editing by John Roe",
        "(Reporting by Jane Doe and John Roe in Seoul; Additional reporting by Ann Lee; Editing by Sam Poe)",
    ],
)
def test_byline_at_the_foot_is_recognised_and_out_of_body(tmp_path, line):
    (tmp_path / "a.txt").write_text(f"Ministers meet for talks\n\n{BODY}\n\n{line}", encoding="utf-8")
    article = read_one(tmp_path / "a.txt", tmp_path)
    assert (article.byline, article.body) == (line, BODY)


@pytest.mark.parametrize(
    ("lines", "source"),
    [
        (["KOREA TIMES", "Ministers meet for talks", BODY], "The Korea Times"),
        (["NORTHERN STAR", "Ministers meet for talks", BODY], "Northern Star"),
        (["Ministers meet for talks", BODY, "Source: AFP"], "AFP"),
        (["Ministers meet for talks", BODY, "Source : Daily Planet"], "Daily Planet"),
        (["Ministers meet for talks", BODY, "(Source: Xinhua)"], "Xinhua"),
        (["Ministers meet for talks", BODY, "Source: Xinhua| 2021-04-03 22:11:38|Editor: huaxia"], "Xinhua"),
        (["NORTH KOREA", "Ministers meet for talks", BODY], None),
        (["KOREA TAKES THE LEAD", "Ministers meet for talks", BODY], None),
        (["Back To Top", "NORTHERN STAR", "Ministers meet for talks", BODY], "Northern Star"),
        (["Ministers meet for talks | VOA", BODY], "Voice of America"),
        (["Ministers meet for talks", BODY, "By Kim Min-ji (mj@koreatimes.co.kr)"], "The Korea Times"),
        (["Ministers meet for talks", BODY, "By Kim Min-ji (mj@unknown-site.example)"], None),
        (["Ministers meet for talks", f"SEOUL (Yonhap) -- {BODY}"], "Yonhap News Agency"),
        # a wire dateline counts in the body's first three paragraphs (after a standfirst), not deeper down
        (["Ministers meet for talks", BODY, f"SEOUL (Reuters) - {BODY}"], "Reuters"),
        (["Ministers meet for talks", *PARAGRAPHS, f"SEOUL (Reuters) - {BODY}"], None),
        (["Ministers meet for talks", f"SEOUL, Jan. 3 (UPI) -- {BODY}"], "UPI"),
        (["Ministers meet for talks", f"TOKYO (Reuters) - {BODY}"], "Reuters"),
        (["Ministers meet for talks", f"WASHINGTON (AP) — {BODY}"], "Associated Press"),
        (["Ministers meet for talks", f"(Yonhap) -- {BODY}"], "Yonhap News Agency"),
        (["Ministers meet for talks", f"HANOI (Harbour Wire) - {BODY}"], None),  # unknown agencies are not guessed
        # copyright lines name the holder
        (["Ministers meet for talks", BODY, "© Thomson Reuters 2021"], "Reuters"),
        (["Ministers meet for talks", BODY, "Copyright 2017 United Press International"], "UPI"),
        (["Ministers meet for talks", BODY, "(c) AFP"], "AFP"),
        (["Ministers meet for talks", BODY, "© Copyright Thomson Reuters 2024. All rights reserved."], "Reuters"),
        (["Ministers meet for talks", BODY, "Copyright © 2021 Example Media Group. All rights reserved."], None),
        # the outlet's own name on a furniture line of its own, at the top or the foot
        (["Korea JoongAng Daily", "Ministers meet for talks", BODY], "Korea JoongAng Daily"),
        (["Ministers meet for talks", BODY, "By Kim Min-ji", "with the Korea JoongAng Daily", "Log in"], "Korea JoongAng Daily"),
        (["Ministers meet for talks", BODY, "The Straits Times"], "The Straits Times"),
        # brand furniture names the outlet; its bare abbreviation does not
        (["Ministers meet for talks", "Sign up now: Get ST's newsletters delivered to your inbox", BODY], "The Straits Times"),
        (["Ministers meet for talks", BODY, "Download the SCMP app"], "South China Morning Post"),
        (["Ministers meet for talks", BODY, "Get our newsletters delivered to your inbox"], None),
        (["Ministers meet for talks", BODY, "ST"], None),
        # order of evidence: wire dateline > Source line > site name > copyright > byline mail > brand furniture:
        # a site that prints "TOKYO (Reuters) -" republished Reuters' story, whose source is Reuters
        (["Ministers meet for talks", BODY, "Source: Yonhap", "© Thomson Reuters 2021"], "Yonhap News Agency"),
        (["KOREA TIMES", "Ministers meet for talks", BODY, "© Thomson Reuters 2021"], "The Korea Times"),
        (["Ministers meet for talks", f"TOKYO (Reuters) - {BODY}", "© 2021 Kyodo News"], "Reuters"),
        (["Ministers meet for talks", BODY, "By Kim Min-ji (mj@koreatimes.co.kr)", "(c) AFP"], "AFP"),
        (["Ministers meet for talks", BODY, "By Kim Min-ji (mj@koreatimes.co.kr)", "Get ST's newsletters"], "The Korea Times"),
        (["Ministers meet for talks", "Get ST's newsletters", f"SEOUL (Reuters) - {BODY}"], "Reuters"),
        (["KOREA TIMES", "Ministers meet for talks", f"By Kim Min-ji SEOUL, Jan. 3 (Yonhap) -- {BODY}"], "Yonhap News Agency"),
        (["KOREA TIMES", "Ministers meet for talks", f"Officials (PA) - {BODY}"], "The Korea Times"),  # no dateline place
        # an aggregator's name is where the story was read, not whose it is
        (["Ministers meet for talks", BODY, "Source: AOL.com"], None),
        (["Ministers meet for talks", BODY, "Source: Yahoo News", "(c) AFP"], "AFP"),
        # a wire credited at a sentence's end, as South Asian papers print it; one outlet only, the weakest sign
        (["Ministers meet for talks", f"{BODY[:-1]}, reports BSS."], "Bangladesh Sangbad Sangstha"),
        (["Ministers meet for talks", f"{BODY[:-1]}, reports BSS. Officials said so, reports UNB."], None),
        (["Ministers meet for talks", f"{BODY[:-1]}, reports BSS.", "Source: AFP"], "AFP"),
    ],
)
def test_source(tmp_path, lines, source):
    (tmp_path / "a.txt").write_text("\n\n".join(lines), encoding="utf-8")
    assert read_one(tmp_path / "a.txt", tmp_path).source == source


@pytest.mark.parametrize(
    "line",
    ["© Thomson Reuters 2021", "(c) AFP", "with the Korea JoongAng Daily", "Sign up now: Get ST's newsletters delivered"],
)
def test_source_furniture_leaves_the_body(tmp_path, line):
    (tmp_path / "a.txt").write_text(f"Ministers meet for talks\n\n{BODY}\n\n{line}", encoding="utf-8")
    assert read_one(tmp_path / "a.txt", tmp_path).body == BODY


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Twitter", "Share this article", "Tweet", "Most Read", "Top Stories", "Back to top",
        "Make Example News Your Homepage", "Please wait", "1:02 / 3:45", "No comments", "3 Comments", "Post a Comment",
        "A A A", "XS SM MD LG", "ADVERTISEMENT", "Subscribe to our newsletter", "Google Analytics", "***", "2024",
        "Skip to main content", "Updated", "Photo", "한국어", "2 hours ago", "Posted by Jane at 3:05 AM",
        "Email This BlogThis! Share to Twitter Share to Facebook", "By Choi Si-young (siyoungchoi@heraldcorp.com)",
    ],
)
def test_boilerplate_classes_drop_whole_furniture_lines(tmp_path, line):
    (tmp_path / "a.txt").write_text(f"Ministers meet for talks\n\n{line}\n\n{BODY}", encoding="utf-8")
    assert read_one(tmp_path / "a.txt", tmp_path).body == BODY


@pytest.mark.parametrize(
    "line",
    [
        "Share prices fell in Seoul after the announcement.",
        "Subscribers to the service were not affected, the ministry said.",
        "South China Sea",
        "Please wait for the official statement, the spokesman told reporters.",
        "By The Numbers",
        "Posted by the ministry on its website, the statement said.",
        "Copyright laws were also on the agenda.",
        "By Monday, both sides had agreed to resume the talks.",
        "Kim Jong Un, Supreme Leader",
        "Seoul, South Korea",
        "Follow the money on Twitter",
        "Officials said they would follow Xinhua on Twitter",  # a sentence naming an outlet is no furniture
    ],
)
def test_real_lines_that_resemble_furniture_stay(tmp_path, line):
    (tmp_path / "a.txt").write_text(f"Ministers meet for talks\n\n{BODY}\n\n{line}", encoding="utf-8")
    assert paragraphs(read_one(tmp_path / "a.txt", tmp_path)) == [BODY, line]


@pytest.mark.parametrize(
    ("line", "normalized"),
    [("  Like Us on  Facebook ", "like us on facebook"), ("No comments:", "no comments"), ("(", ""), ("ＭＯＳＴ POPULAR", "most popular")],
)
def test_normalize_line(line, normalized):
    assert normalize_line(line) == normalized


@pytest.mark.parametrize(
    "notice",
    [
        "We use cookies to give you the best experience on our website. By continuing to browse the site you agree "
        "to our use of cookies.",
        "Copyright © 2024 Example Media Group, a company of Example Holdings. All rights reserved.",
    ],
)
def test_long_notices_are_furniture_and_no_headline_hides_behind_them(tmp_path, notice):
    (tmp_path / "a.txt").write_text(f"{notice}\n\nMinisters meet for talks\n\n{BODY}\n\n{notice}", encoding="utf-8")
    article = read_one(tmp_path / "a.txt", tmp_path)
    assert (article.title, article.body) == ("Ministers meet for talks", BODY)


def test_page_without_headline_takes_its_first_sentence(tmp_path):
    text = "N. Korea fired a missile on Friday, the military said after the launch. Seoul condemned the launch at once."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    article = read_one(tmp_path / "a.txt", tmp_path)
    assert (article.title, article.body) == ("N. Korea fired a missile on Friday, the military said after the launch.", text)


@pytest.mark.parametrize("title", ["Ministers meet for talks | VOA", "Ministers meet for talks : VOA"])
def test_title_loses_an_outlet_suffix(tmp_path, title):
    (tmp_path / "a.txt").write_text(f"{title}\n\n{BODY}", encoding="utf-8")
    article = read_one(tmp_path / "a.txt", tmp_path)
    assert (article.title, article.source) == ("Ministers meet for talks", "Voice of America")


def test_a_spaced_colon_before_no_outlet_stays_in_the_title(tmp_path):
    (tmp_path / "a.txt").write_text(f"Fisheries : ministers meet for talks\n\n{BODY}", encoding="utf-8")
    assert read_one(tmp_path / "a.txt", tmp_path).title == "Fisheries : ministers meet for talks"


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        (["MOST POPULAR", "Other story about Japan", "Another story about Iran"], []),
        (["Related articles", "Other story about Japan"], []),
        (["Read more", BODY.replace("Officials", "Diplomats")], [BODY.replace("Officials", "Diplomats")]),
    ],
)
def test_list_of_other_stories_after_the_article_is_cut(tmp_path, tail, kept):
    (tmp_path / "a.txt").write_text("\n\n".join(["Ministers meet for talks", BODY, *tail]), encoding="utf-8")
    assert paragraphs(read_one(tmp_path / "a.txt", tmp_path)) == [BODY, *kept]


def test_newsroom_knowledge_extends_outlets_and_boilerplate(tmp_path):
    knowledge, archive = tmp_path / "knowledge", tmp_path / "archive"
    knowledge.mkdir()
    archive.mkdir()
    outlets = {"outlets": [{"name": "Harbour Light News", "aliases": ["HLN"]}]}
    (knowledge / "outlets.json").write_text(json.dumps(outlets), encoding="utf-8")
    (knowledge / "boilerplate.json").write_text(json.dumps({"patterns": {"store": ["visit our store"]}}), encoding="utf-8")
    (archive / "a.txt").write_text(f"Ministers meet for talks\n\n{BODY}\n\nVisit our store\n\nSource: HLN", encoding="utf-8")
    bundled = read_one(archive / "a.txt", archive)
    extended = read_file(archive / "a.txt", archive, knowledge=Knowledge.load(knowledge)).articles[0]
    assert (bundled.source, bundled.body) == ("HLN", f"{BODY}\n\nVisit our store")
    assert (extended.source, extended.body) == ("Harbour Light News", BODY)


def test_newsroom_outlet_furniture_names_count_in_brand_furniture_only(tmp_path):
    knowledge, archive = tmp_path / "knowledge", tmp_path / "archive"
    knowledge.mkdir()
    archive.mkdir()
    outlets = {"outlets": [{"name": "Harbour Light News", "furniture_names": ["HL"]}]}
    (knowledge / "outlets.json").write_text(json.dumps(outlets), encoding="utf-8")
    sources, extended = {}, Knowledge.load(knowledge)
    for name, line in [("brand", "Get HL's newsletters"), ("bare", "Source: HL")]:
        (archive / f"{name}.txt").write_text(f"Ministers meet for talks\n\n{BODY}\n\n{line}", encoding="utf-8")
        sources[name] = read_file(archive / f"{name}.txt", archive, knowledge=extended).articles[0].source
    assert sources == {"brand": "Harbour Light News", "bare": "HL"}


# --- Archive-wide recurrence and ids -------------------------------------------


def write_archive(root: Path, count: int, furniture: dict[str, int]) -> None:
    """count articles; furniture line -> how many of them carry it."""
    for n in range(count):
        extra = [line for line, files in furniture.items() if n < files]
        lines = [f"Ministers meet for talks number {n}", BODY, *extra, f"The talks ended with statement {n}."]
        (root / f"{n:03}.txt").write_text("\n\n".join(lines), encoding="utf-8")


def test_lines_recurring_in_many_files_are_boilerplate(tmp_path):
    write_archive(
        tmp_path,
        8,
        {
            "Visit the Example Times store": 4,  # short, in half the files: furniture
            "Regional roundup": 2,  # short but in only two files: kept
            "This long line is repeated in many of the files of the archive": 8,  # too long to be furniture
        },
    )
    recurring = find_recurring_lines(archive_files(tmp_path), tmp_path)
    assert recurring == frozenset({"visit the example times store"})
    assert paragraphs(read_one(tmp_path / "000.txt", tmp_path, recurring)) == [
        BODY,
        "Regional roundup",
        "This long line is repeated in many of the files of the archive",
        "The talks ended with statement 0.",
    ]


def test_recurring_lines_need_two_percent_of_a_large_archive(tmp_path):
    write_archive(tmp_path, 400, {"Visit the Example Times store": 8, "Read our weekly digest": 7})
    assert find_recurring_lines(archive_files(tmp_path), tmp_path) == frozenset({"visit the example times store"})


@pytest.mark.parametrize(
    ("count", "files", "recurs"),
    [
        (12, 3, False),  # a subhead three of a dozen stories share is not furniture
        (12, 5, False),
        (12, 6, True),  # a small archive: half of its articles
        (19, 10, True),
        (20, 4, False),  # from 20 articles: max(5, 2%)
        (20, 5, True),
        (1, 1, False),  # one article has nothing to recur in
    ],
)
def test_recurring_lines_threshold_by_archive_size(tmp_path, count, files, recurs):
    write_archive(tmp_path, count, {"South China Sea": files})
    assert ("south china sea" in find_recurring_lines(archive_files(tmp_path), tmp_path)) == recurs


@pytest.mark.parametrize(
    ("prose", "kept"),
    [
        (f"{BODY} They also spoke about the South China Sea, the ministry said.", True),
        (f"{BODY} They also spoke about the South China Seas treaty, the ministry said.", False),  # whole phrase only
        (BODY, False),
    ],
)
def test_recurring_line_the_article_itself_uses_is_kept_as_a_subhead(tmp_path, prose, kept):
    page = f"Ministers meet for talks\n\n{prose}\n\nSouth China Sea\n\n{BODY.replace('Officials', 'Envoys')}"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    body = paragraphs(read_one(tmp_path / "a.txt", tmp_path, frozenset({"south china sea"})))
    assert ("South China Sea" in body) == kept


def test_recurring_lines_count_jsonl_records_as_articles(tmp_path):
    records = [{"title": f"T{n}", "body": f"{BODY}\n\nVisit the Example Times store"} for n in range(3)]
    (tmp_path / "a.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    assert find_recurring_lines(archive_files(tmp_path), tmp_path) == frozenset({"visit the example times store"})


def test_ids_are_posix_paths_relative_to_the_archive(tmp_path):
    for rel in ["2021/04/a.txt", "b.HTML", ".hidden/c.txt", "d/.e.txt", "notes.pdf"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"Ministers meet for talks\n\n{BODY}", encoding="utf-8")
    files = archive_files(tmp_path)
    ids = [a.id for path in files for a in read_file(path, tmp_path).articles]
    assert ids == ["2021/04/a.txt", "b.HTML"]


def test_the_listing_gives_each_article_file_once_with_its_size_and_time(tmp_path):
    root = tmp_path / "archive"
    for rel in ["b/z.txt", "b/a.md", "a.txt", "b.txt", "b/c/d.jsonl", ".git/x.txt", "b/.draft.txt", "img.png"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"Ministers meet for talks\n\n{BODY}{rel}", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "linked.txt").write_text("Linked folder", encoding="utf-8")
    (root / "linked").symlink_to(outside, target_is_directory=True)  # not followed, as os.walk does not
    (root / "alias.txt").symlink_to(root / "a.txt")  # a link to a file is a file
    (root / "broken.txt").symlink_to(root / "missing.txt")
    listing = archive_listing(root)
    assert [listed.path for listed in listing] == ["a.txt", "alias.txt", "b/a.md", "b/c/d.jsonl", "b/z.txt", "b.txt"]
    assert [root / listed.path for listed in listing] == sorted(root / listed.path for listed in listing)
    for listed in listing:
        st = (root / listed.path).stat()
        assert (listed.size, listed.mtime_ns) == (st.st_size, st.st_mtime_ns)
    assert archive_files(root) == [root / listed.path for listed in listing]


@pytest.mark.parametrize(
    "source_line, source",
    [
        ("source: [Al Jareeza](https://www.aljazeera.com/news/2024/1/13/blackout)", "Al Jazeera"),
        ("source: <a href='https://www.aljazeera.com/news/2024/1/13/blackout' target='_blank'>Al Jareeza</a>", "Al Jazeera"),
        ("source: [Harbour Notes](https://www.harbournotes.net/2024/01/13/blackout)", "Harbour Notes"),
    ],
)
def test_a_header_fields_link_gives_its_text_and_the_storys_address(tmp_path, source_line, source):
    """A bot's post under front matter: "source: <a href=...>Al Jareeza</a>" (its typo) after a blank line. The link's
    address is the story's, and a known outlet's address names the source, whatever the link's text says."""
    page = f"---\ntitle: Hanoi talks\ndate: 2024-01-13\n---\n\ntickers: NONE\n\n{source_line}\n\n{BODY}\n"
    (tmp_path / "a.md").write_text(page, encoding="utf-8")
    article = read_one(tmp_path / "a.md", tmp_path)
    assert (article.source, article.url) == (source, re.search(r"https://[^'\")]+", source_line)[0])
    assert article.body == BODY


def test_a_sources_line_of_several_is_a_charts_credit_not_the_outlet(tmp_path):
    page = f"Title: Hanoi talks\n\n{BODY}\n\nSources: Tasnim; U.K. Ministry of Defense\n\n{BODY}\n"
    (tmp_path / "a.txt").write_text(page, encoding="utf-8")
    assert read_one(tmp_path / "a.txt", tmp_path).source is None
