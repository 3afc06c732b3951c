"""The feed reader: RSS 2.0, RSS 1.0 (RDF) and Atom files built from real dev articles."""

import datetime
import html
from email.utils import format_datetime
from pathlib import Path

from searchapp.reading import Skip, read_file

from dev_articles import dev_article  # noqa: E402 (tests/ is on the path)


def rfc822(day: datetime.date, clock: str, offset_hours: int) -> str:
    zone = datetime.timezone(datetime.timedelta(hours=offset_hours))
    return format_datetime(datetime.datetime.combine(day, datetime.time.fromisoformat(clock), zone))


def as_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def read(path: Path):
    return read_file(path, path.parent)


def test_rss2_named_xml_reads_each_item_with_its_own_fields(tmp_path):
    title1, date1, paragraphs1 = dev_article("dev_005.md")
    title2, date2, paragraphs2 = dev_article("dev_013.md")
    entity_title = html.escape(title1).replace("‘", "&#8216;").replace("’", "&#8217;")
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Philippine Daily Inquirer - Editorial</title>
  <link>https://opinion.inquirer.net/category/editorial</link>
  <item>
    <title>{entity_title}</title>
    <link>https://opinion.inquirer.net/179500/repelling-a-monster-in-our-waters</link>
    <pubDate>{rfc822(date1, "05:07", 8)}</pubDate>
    <description>{html.escape(paragraphs1[0].split(",")[0])}</description>
    <content:encoded><![CDATA[{as_html(paragraphs1)}]]></content:encoded>
  </item>
  <item>
    <title>{html.escape(title2)}</title>
    <pubDate>{rfc822(date2, "05:00", 8)}</pubDate>
    <description>{html.escape(as_html(paragraphs2))}</description>
  </item>
  <item><title>A headline with no text</title></item>
</channel>
</rss>"""
    path = tmp_path / "inquirer.xml"
    path.write_text(feed, encoding="utf-8")
    result = read(path)
    assert result.warnings == []
    assert result.skipped == [Skip("inquirer.xml#3", "feed entry has no text (no content, summary or description)")]
    first, second = result.articles
    # the local date as the feed wrote it: 05:07 in Manila is still the day before in UTC
    assert (first.id, first.path, first.title, first.date, first.date_from) == (
        "inquirer.xml#1", "inquirer.xml", title1, date1, "feed entry published"
    )
    assert (first.source, first.url) == (
        "Philippine Daily Inquirer", "https://opinion.inquirer.net/179500/repelling-a-monster-in-our-waters"
    )
    assert first.body == "\n\n".join(paragraphs1)  # content:encoded, not the one-line description
    assert (second.id, second.title, second.date, second.date_from, second.url) == (
        "inquirer.xml#2", title2, date2, "feed entry published", None
    )
    assert second.source == "Philippine Daily Inquirer"  # the feed's title names a known outlet
    assert second.body == "\n\n".join(paragraphs2)


def test_atom_without_extension_reads_html_and_text_content(tmp_path):
    title1, date1, paragraphs1 = dev_article("dev_001.html")
    title2, date2, paragraphs2 = dev_article("dev_015.html")
    html_title = html.escape(title1.replace("’", "&#8217;"))
    xhtml = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs1)
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>World news feed</title>
  <id>urn:example:world</id>
  <updated>2024-12-08T00:00:00Z</updated>
  <entry>
    <title type="html">{html_title}</title>
    <link rel="alternate" href="https://www.nbcnews.com/news/world/south-korea-impeachment-vote-rcna183210"/>
    <id>urn:example:1</id>
    <published>{date1.isoformat()}T23:30:00-05:00</published>
    <updated>{(date1 + datetime.timedelta(days=2)).isoformat()}T08:00:00Z</updated>
    <summary>A short teaser that is not the article.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">{xhtml}</div></content>
  </entry>
  <entry>
    <title>{html.escape(title2)}</title>
    <link href="https://www.foxnews.com/world/putin-pulls-russia-out-nuclear-test-ban-treaty"/>
    <id>urn:example:2</id>
    <updated>{date2.isoformat()}T15:00:00Z</updated>
    <summary type="text">{html.escape(chr(10).join(p + chr(10) for p in paragraphs2))}</summary>
  </entry>
</feed>"""
    path = tmp_path / "world-feed"
    path.write_text(feed, encoding="utf-8")
    result = read(path)
    assert (result.skipped, result.warnings) == ([], [])
    first, second = result.articles
    assert (first.id, first.title, first.date, first.date_from, first.source) == (
        "world-feed#1", title1, date1, "feed entry published", "NBC News"
    )
    assert first.url == "https://www.nbcnews.com/news/world/south-korea-impeachment-vote-rcna183210"
    assert first.body == "\n\n".join(paragraphs1)
    assert (second.id, second.title, second.date, second.date_from, second.source) == (
        "world-feed#2", title2, date2, "feed entry updated", "Fox News"
    )
    assert second.body == "\n\n".join(paragraphs2)  # plain text keeps its paragraphs


def test_rss1_rdf_reads_dc_date_and_link_domain(tmp_path):
    title, day, paragraphs = dev_article("dev_012.html", count=2)
    feed = f"""<?xml version="1.0" encoding="UTF-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://en.yna.co.kr/">
    <title>North Korea news</title>
    <link>https://en.yna.co.kr/nk/index</link>
    <description>Latest</description>
  </channel>
  <item rdf:about="https://en.yna.co.kr/view/AEN20190820000351325">
    <title>{html.escape(title)}</title>
    <link>https://en.yna.co.kr/view/AEN20190820000351325</link>
    <description>{html.escape(as_html(paragraphs))}</description>
    <dc:date>{day.isoformat()}T09:58:00+09:00</dc:date>
  </item>
</rdf:RDF>"""
    path = tmp_path / "yonhap.rdf"
    path.write_text(feed, encoding="utf-8")
    result = read(path)
    assert (result.skipped, result.warnings) == ([], [])
    [article] = result.articles
    assert (article.id, article.title, article.date, article.date_from, article.source, article.url) == (
        "yonhap.rdf#1", title, day, "feed entry updated", "Yonhap News Agency",
        "https://en.yna.co.kr/view/AEN20190820000351325",
    )
    assert article.body == "\n\n".join(paragraphs)


def test_entry_source_element_names_the_outlet_of_an_aggregated_item(tmp_path):
    title, day, paragraphs = dev_article("dev_020.md", count=2)
    feed = f"""<rss version="2.0"><channel><title>Google News - West Philippine Sea</title>
<link>https://news.google.com/</link>
<item><title>{html.escape(title)}</title>
<link>https://news.google.com/rss/articles/CBMiXWh0dHBzOi8vb3Bpbmlvbi5pbnF1aXJlci5uZXQ</link>
<pubDate>{rfc822(day, "04:30", 8)}</pubDate>
<description>{html.escape(as_html(paragraphs))}</description>
<source url="https://www.inquirer.net">INQUIRER.net</source></item>
</channel></rss>"""
    path = tmp_path / "alerts.rss"
    path.write_text(feed, encoding="utf-8")
    [article] = read(path).articles
    assert (article.title, article.date, article.source) == (title, day, "Philippine Daily Inquirer")
    assert article.body == "\n\n".join(paragraphs)


def test_unknown_feed_title_is_the_source_only_when_the_text_names_none(tmp_path):
    _, _, yonhap = dev_article("dev_012.html", count=1)  # "SEOUL, Aug. 20 (Yonhap) -- ..."
    _, _, editorial = dev_article("dev_021.md", count=1)
    feed = f"""<rss version="2.0"><channel><title>The Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Wire copy</title><link>https://gazette.example/1</link>
<description>{html.escape(yonhap[0])}</description></item>
<item><title>Own copy</title><link>https://gazette.example/2</link>
<description>{html.escape(editorial[0])}</description></item>
</channel></rss>"""
    path = tmp_path / "gazette.xml"
    path.write_text(feed, encoding="utf-8")
    wire, own = read(path).articles
    assert (wire.source, own.source) == ("Yonhap News Agency", "The Harbour Gazette")
    assert (wire.body, own.body) == (yonhap[0], editorial[0])


def test_a_feeds_title_names_its_outlet_without_the_words_rss_feed(tmp_path):
    _, _, editorial = dev_article("dev_021.md", count=1)
    path = tmp_path / "gov.xml"
    path.write_text(f"""<rss version="2.0"><channel><title>news.harbour.example RSS Feed</title>
<link>https://news.harbour.example/</link><item><title>Own copy</title><link>https://news.harbour.example/1</link>
<description>{html.escape(editorial[0])}</description></item></channel></rss>""", encoding="utf-8")
    assert [a.source for a in read(path).articles] == ["news.harbour.example"]


def test_a_readers_board_is_no_source_its_items_name_their_own(tmp_path):
    _, _, editorial = dev_article("dev_021.md", count=1)
    feed = f"""<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<generator uri="http://cloud.feedly.com">feedly cloud</generator>
<link rel="self" type="application/rss+xml" href="https://feedly.com/f/AbC123?count=5"/>
<title>Jane's Harbour Board</title><updated>2020-09-16T20:44:10Z</updated>
<entry><title>From a known outlet</title><link rel="alternate" href="https://www.bbc.com/news/world-1"/>
<published>2020-09-16T20:43:58Z</published><summary>{html.escape(editorial[0])}</summary></entry>
<entry><title>From an unknown site</title><link rel="alternate" href="https://harbour.example/news/2"/>
<published>2020-09-16T20:43:58Z</published><summary>{html.escape(editorial[0])}</summary></entry>
</feed>"""
    path = tmp_path / "board.xml"
    path.write_text(feed, encoding="utf-8")
    known, unknown = read(path).articles
    assert (known.source, unknown.source) == ("BBC News", None)  # never "Jane's Harbour Board"


def test_titles_lose_markup_and_double_escaped_entities(tmp_path):
    _, _, paragraphs = dev_article("dev_002.md", count=1)
    feed = f"""<rss version="2.0"><channel><title>Inquirer</title>
<item><title>Manila &amp;amp; Tokyo &lt;b&gt;ratify&lt;/b&gt; the RAA</title>
<description>{html.escape(paragraphs[0])}</description></item></channel></rss>"""
    path = tmp_path / "titles.xml"
    path.write_text(feed, encoding="utf-8")
    [article] = read(path).articles
    assert (article.title, article.source) == ("Manila & Tokyo ratify the RAA", "Philippine Daily Inquirer")


def test_a_numeric_reference_without_its_semicolon_is_decoded(tmp_path):
    _, _, paragraphs = dev_article("dev_002.md", count=1)
    path = tmp_path / "loose.xml"
    path.write_text(f"""<rss version="2.0"><channel><title>Inquirer</title>
<item><title>Manila is waging a quiet war, &#39warns Tokyo</title>
<description>{html.escape(paragraphs[0])}</description></item></channel></rss>""", encoding="utf-8")
    [article] = read(path).articles
    assert article.title == "Manila is waging a quiet war, 'warns Tokyo"


def test_a_stale_encoding_declaration_does_not_garble_the_decoded_text(tmp_path):
    _, _, paragraphs = dev_article("dev_002.md", count=1)
    feed = f"""<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0"><channel><title>Новости</title>
<item><title>Philippines’ café diplomacy</title><description>{html.escape(paragraphs[0])}</description></item>
</channel></rss>"""
    path = tmp_path / "resaved.xml"
    path.write_text(feed, encoding="utf-8")  # re-saved as UTF-8 by a tool that kept the old declaration
    [article] = read(path).articles
    assert (article.title, article.body) == ("Philippines’ café diplomacy", paragraphs[0])


def test_ids_are_stable_across_reads(tmp_path):
    _, _, paragraphs = dev_article("dev_024.md", count=2)
    items = "".join(f"<item><title>Part {n}</title><description>{html.escape(p)}</description></item>"
                    for n, p in enumerate(paragraphs, start=1))
    path = tmp_path / "parts.xml"
    path.write_text(f'<rss version="2.0"><channel><title>x</title>{items}</channel></rss>', encoding="utf-8")
    first, again = read(path), read(path)
    assert [a.id for a in first.articles] == [a.id for a in again.articles] == ["parts.xml#1", "parts.xml#2"]


def test_an_unreadable_entry_date_is_a_warning_not_a_date(tmp_path):
    _, _, paragraphs = dev_article("dev_021.md", count=1)
    path = tmp_path / "baddate.xml"
    path.write_text(f"""<rss version="2.0"><channel><title>Inquirer</title>
<item><title>Japan as PH economic ally</title><pubDate>sometime last week</pubDate>
<description>{html.escape(paragraphs[0])}</description></item></channel></rss>""", encoding="utf-8")
    result = read(path)
    [article] = result.articles
    assert (article.date, article.date_from) == (None, None)
    assert result.warnings == ["baddate.xml#1: date 'sometime last week' is not a plausible date; ignored"]


def test_a_feed_with_no_entries_is_one_skip(tmp_path):
    path = tmp_path / "empty.xml"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>',
                    encoding="utf-8")
    result = read(path)
    assert (result.articles, result.skipped) == ([], [Skip("empty.xml", "feed has no entries (no <item> or <entry>)")])


def test_a_broken_feed_with_no_entries_says_why(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_text('<rss version="2.0"><channel><title>Cut off</ti', encoding="utf-8")
    result = read(path)
    assert result.articles == []
    [skip] = result.skipped
    assert skip.path == "cut.rss" and skip.reason.startswith("not a readable feed (")


def test_a_feed_that_is_not_well_formed_is_read_leniently_with_a_warning(tmp_path):
    _, _, paragraphs = dev_article("dev_013.md", count=1)
    path = tmp_path / "loose.xml"
    path.write_text(f"""<rss version="2.0"><channel><title>Inquirer</title>
<item><title>Solidarity&nbsp;vs China</title><description>{html.escape(paragraphs[0])}</description></item>
</channel></rss>""", encoding="utf-8")
    result = read(path)
    [article] = result.articles
    assert article.body == paragraphs[0]
    assert len(result.warnings) == 1 and result.warnings[0].startswith("loose.xml: feed is not well-formed XML (")


def test_content_with_no_text_gives_way_to_the_summary(tmp_path):
    _, _, paragraphs = dev_article("dev_028.md", count=1)
    path = tmp_path / "teaser.xml"
    path.write_text(f"""<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Inquirer</title><item><title>A rightful veto</title>
<content:encoded><![CDATA[<div class="article"><img src="veto.jpg"/></div>]]></content:encoded>
<description>{html.escape(paragraphs[0])}</description></item></channel></rss>""", encoding="utf-8")
    [article] = read(path).articles
    assert (article.title, article.body) == ("A rightful veto", paragraphs[0])


def test_a_paper_s_own_element_gives_the_text_when_the_description_is_empty(tmp_path):
    _, _, paragraphs = dev_article("dev_012.html", count=1)  # "SEOUL, Aug. 20 (Yonhap) -- ..."
    path = tmp_path / "paper.xml"
    path.write_text(f"""<rss version="2.0"><channel><title>Harbour Gazette</title>
<item><title>A naval hotline reopens</title><description/>
<teaser_text>{html.escape(paragraphs[0])}</teaser_text>
<copyright_note>Copyright the Harbour Gazette, all rights reserved; no part of this feed may be republished without leave.</copyright_note>
<pubDate>Tue, 20 Aug 2024 09:00:00 +0900</pubDate></item></channel></rss>""", encoding="utf-8")
    [article] = read(path).articles
    assert article.body == paragraphs[0]  # the longest text the item holds, not its notice
    assert article.source == "Yonhap News Agency"  # the text's own wire credit


def test_a_section_feed_s_title_is_no_outlet(tmp_path):
    _, _, paragraphs = dev_article("dev_021.md", count=1)  # an editorial: no credit in the text
    feeds = {"nation.xml": "Nation &amp; World", "top.xml": "Top Stories", "gazette.xml": "Harbour Gazette - World"}
    sources = {}
    for name, title in feeds.items():
        path = tmp_path / name
        path.write_text(f"""<rss version="2.0"><channel><title>{title}</title><link>https://gazette.example/feeds/</link>
<item><title>Own copy</title><description>{html.escape(paragraphs[0])}</description></item></channel></rss>""",
                        encoding="utf-8")
        [article] = read(path).articles
        sources[name] = article.source
    # a publisher's title with its section's name after it is the publisher's
    assert sources == {"nation.xml": None, "top.xml": None, "gazette.xml": "Harbour Gazette"}


def test_an_item_without_a_date_takes_the_feed_s_own_and_says_so(tmp_path):
    _, _, paragraphs = dev_article("dev_021.md", count=1)  # an editorial: no date in its text
    path = tmp_path / "built.xml"
    path.write_text(f"""<rss version="0.91"><channel><title>Harbour Gazette</title>
<lastBuildDate>Wed, 13 Aug 2008 13:57:22 +0200</lastBuildDate>
<item><title>Undated item</title><link>https://gazette.example/story/1</link>
<description>{html.escape(paragraphs[0])}</description></item>
<item><title>Dated item</title><link>https://gazette.example/story/2</link><pubDate>Mon, 11 Aug 2008 08:00:00 +0200</pubDate>
<description>{html.escape(paragraphs[0])}</description></item>
<item><title>Dated by its address</title><link>https://gazette.example/2008/08/01/story-3</link>
<description>{html.escape(paragraphs[0])}</description></item></channel></rss>""", encoding="utf-8")
    undated, dated, addressed = read(path).articles
    assert (undated.date, undated.date_from) == (datetime.date(2008, 8, 13), "the feed's own date, as the item gives none")
    assert (dated.date, addressed.date) == (datetime.date(2008, 8, 11), datetime.date(2008, 8, 1))


def test_a_language_service_of_a_known_outlet_names_itself(tmp_path):
    # the feed's own address is the service's (unknown); its items link to the outlet's site
    _, _, paragraphs = dev_article("dev_021.md", count=1)
    sources = {}
    for title, link in [(title, f"http://www.bbc.com/{folder}/2016/05/160525_own_copy")
                        for title in ("BBC Ukrainian - Світ", "BBC News - World", "BBC - Top Stories")
                        for folder in ("news", "ukrainian")]:
        path = tmp_path / "service.xml"
        path.write_text(f"""<rss version="2.0"><channel><title><![CDATA[ {title} ]]></title><link>http://www.bbcukrainian.com</link>
<item><title>Own copy</title><link>{link}</link>
<description>{html.escape(paragraphs[0])}</description></item></channel></rss>""", encoding="utf-8")
        [article] = read(path).articles
        sources[title, link.split("/")[3]] = article.source
    assert sources == {
        # the item's own address decides: the outlet's own news, or the service's folder on the outlet's site
        ("BBC Ukrainian - Світ", "news"): "BBC News", ("BBC News - World", "news"): "BBC News",
        ("BBC - Top Stories", "news"): "BBC News",
        ("BBC Ukrainian - Світ", "ukrainian"): "BBC Ukrainian", ("BBC News - World", "ukrainian"): "BBC Ukrainian",
        ("BBC - Top Stories", "ukrainian"): "BBC Ukrainian",
    }


def test_a_taiwanese_agencys_own_site_is_the_agency_not_its_english_service(tmp_path):
    _, _, paragraphs = dev_article("dev_021.md", count=1)
    path = tmp_path / "cna.xml"
    path.write_text(f"""<rss version="2.0"><channel><title>中央社即時新聞 國際焦點</title><link>https://www.cna.com.tw/list/aopl.aspx</link>
<item><title>Own copy</title><link>https://www.cna.com.tw/news/aopl/202609240002.aspx</link>
<description>{html.escape(paragraphs[0])}</description></item></channel></rss>""", encoding="utf-8")
    assert [a.source for a in read(path).articles] == ["Central News Agency"]


def test_a_feed_titled_with_an_edition_of_the_outlet_at_its_address_names_the_edition(tmp_path):
    _, _, paragraphs = dev_article("dev_021.md", count=1)
    sources = {}
    for title in ("Al Jazeera America", "Al Jazeera News", "Al Jazeera Topics: Headlines"):
        path = tmp_path / "edition.xml"
        path.write_text(f"""<rss version="2.0"><channel><title>{title}</title><link>http://america.aljazeera.com/articles.rss</link>
<item><title>Own copy</title><link>http://america.aljazeera.com/articles/2016/2/26/own-copy.html</link>
<description>{html.escape(paragraphs[0])}</description></item></channel></rss>""", encoding="utf-8")
        [article] = read(path).articles
        sources[title] = article.source
    assert sources == {  # a section or a list of topics is none
        "Al Jazeera America": "Al Jazeera America", "Al Jazeera News": "Al Jazeera", "Al Jazeera Topics: Headlines": "Al Jazeera",
    }


def test_a_feed_titled_with_its_site_and_a_tagline_names_the_outlet_at_its_address(tmp_path):
    # after the separator comes the paper's tagline, and the site's domain ending is no edition's word
    _, _, paragraphs = dev_article("dev_021.md", count=1)
    sources = {}
    for title in ("Le Monde.fr - Actualités et Infos en France et dans le monde", "Le Monde.fr"):
        path = tmp_path / "une.xml"
        path.write_text(f"""<rss version="2.0"><channel><title>{title}</title><link>https://www.lemonde.fr/rss/une.xml</link>
<item><title>Own copy</title><link>https://www.lemonde.fr/international/article/2018/06/27/own-copy_5322138_3218.html</link>
<description>{html.escape(paragraphs[0])}</description></item></channel></rss>""", encoding="utf-8")
        [article] = read(path).articles
        sources[title] = article.source
    assert set(sources.values()) == {"Le Monde"}


def test_a_merged_feeds_title_is_not_the_outlet_of_items_from_other_sites(tmp_path):
    """A feed someone merged from several sites and hosts elsewhere ("Merged Defense / NATO / SpaceWar Feed" on a
    github.io page): each item is its own site's, not the merge's; an item on the feed's own site keeps its title."""
    _, _, editorial = dev_article("dev_021.md", count=1)
    feed = f"""<rss version="2.0"><channel><title>Merged Harbour Feed</title>
<link>https://someone.github.io/feeds/merged.xml</link>
<item><title>From another site</title><link>https://www.harbourwatch.net/reports/1.html</link>
<description>{html.escape(editorial[0])}</description></item>
<item><title>From the feed's own host</title><link>https://someone.github.io/feeds/2.html</link>
<description>{html.escape(editorial[0])}</description></item>
</channel></rss>"""
    path = tmp_path / "merged.xml"
    path.write_text(feed, encoding="utf-8")
    other, own = read(path).articles
    assert (other.source, own.source) == ("harbourwatch.net", "Merged Harbour Feed")


def test_a_note_after_the_feeds_outlet_and_a_proxys_links_leave_the_outlet_named(tmp_path):
    """A bot's copy of a BBC feed: its title adds a note in brackets, and its items link through a proxy to copies on
    a code host. The outlet is the BBC's, not the proxy's nor the note's."""
    _, _, editorial = dev_article("dev_021.md", count=1)
    feed = f"""<rss version="2.0"><channel><title>BBC World (mirror, direct links)</title>
<link>https://github.com/someone/bbcworld</link>
<item><title>Talks resume</title><link>https://ghproxy.net/https://raw.githubusercontent.com/someone/bbcworld/main/1.html</link>
<description>{html.escape(editorial[0])}</description></item>
</channel></rss>"""
    path = tmp_path / "bbc.xml"
    path.write_text(feed, encoding="utf-8")
    assert [a.source for a in read(path).articles] == ["BBC News"]


def test_a_time_stamp_every_item_shares_gives_way_to_the_items_own_dateline(tmp_path):
    """A merged feed stamps what it fetched with the time it fetched it, the same on every item; an item whose text
    opens with its wire's dateline ("Washington DC (UPI) Oct 8, 2025") is dated by it. A day's date at midnight that
    items share is their date as given."""
    _, _, editorial = dev_article("dev_021.md", count=1)
    stamp = "Thu, 09 Oct 2025 08:48:54 +0000"
    lines = ["Washington DC (UPI) Oct 8, 2025", "Strasbourg, France Oct 7, 2025", ""]
    items = "".join(
        f"<item><title>Story {n}</title><link>https://www.harbourwatch.net/{n}.html</link>"
        f"<description>{html.escape(line + '<br />' + editorial[0])}</description><pubDate>{stamp}</pubDate></item>"
        for n, line in enumerate(lines)
    )
    path = tmp_path / "merged.xml"
    path.write_text(f'<rss version="2.0"><channel><title>Merged</title>{items}</channel></rss>', encoding="utf-8")
    assert [a.date for a in read(path).articles] == [
        datetime.date(2025, 10, 8), datetime.date(2025, 10, 7), datetime.date(2025, 10, 9),
    ]
    midnight = items.replace(stamp, "Thu, 09 Oct 2025 00:00:00 +0000")
    path.write_text(f'<rss version="2.0"><channel><title>Merged</title>{midnight}</channel></rss>', encoding="utf-8")
    assert [a.date for a in read(path).articles] == [datetime.date(2025, 10, 9)] * 3


def test_a_korean_feed_builders_title_names_the_publisher_then_its_section(tmp_path):
    # Korean feed builders join the publisher's name and the section's with a box-drawing line ("─")
    _, _, paragraphs = dev_article("dev_021.md", count=1)
    path = tmp_path / "world.xml"
    path.write_text(f"""<feed xmlns="http://www.w3.org/2005/Atom"><title>뉴닉 ─ 세계</title>
<link href="https://newneek.co/"/><entry><title>Own copy</title><link href="https://newneek.co/@newneek/article/1"/>
<updated>2024-05-03T09:00:00+09:00</updated><content type="html">{html.escape(paragraphs[0])}</content></entry></feed>""",
                    encoding="utf-8")
    assert [a.source for a in read(path).articles] == ["뉴닉"]


def test_a_portals_item_that_only_credits_its_outlet_and_time(tmp_path):
    # a portal's feed (Daum News): each item's whole text is whose story it is and when it came in
    path = tmp_path / "politics.xml"
    path.write_text("""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://news.daum.net/breakingnews/politics</id>
<title>다음 뉴스 ─ 전체기사 ─ 정치</title><updated>2024-11-07T04:22:10.454Z</updated>
<entry><title type="html"><![CDATA[윤석열 대통령, 대국민 사과]]></title><id>https://v.daum.net/v/20241107132051256</id>
<link href="https://v.daum.net/v/20241107132051256"/><updated>2024-11-07T04:21:03.721Z</updated>
<content type="html"><![CDATA[전자신문<span class="txt_bar"> · </span><span class="info_time">13:20</span>]]></content></entry>
</feed>""", encoding="utf-8")
    [article] = read(path).articles
    assert (article.title, article.source, article.body) == ("윤석열 대통령, 대국민 사과", "전자신문", "")
