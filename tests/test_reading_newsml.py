"""The agencies' XML (NewsML 1.2, NewsML-G2, NITF), built around a real dev article's text: each news item
is an article with the headline, date, source and text where the standard puts them."""

from html import escape

from searchapp.reading import read_file

from dev_articles import dev_article  # noqa: E402 (tests/ is on the path)

TITLE, DAY, PARAGRAPHS = dev_article("dev_001.html", count=2)  # a dateline with no wire credit
BODY = "".join(f"<p>{escape(p)}</p>" for p in PARAGRAPHS)


def read(tmp_path, text, name="item.xml"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return read_file(tmp_path / name, tmp_path)


def newsml_item(headline: str, item_type: str, body: str) -> str:
    return f"""<NewsItem xml:lang="en">
  <Identification><NewsIdentifier><ProviderId>afp.com</ProviderId><DateId>20231124T192853Z</DateId></NewsIdentifier>
  </Identification>
  <NewsManagement><NewsItemType FormalName="{item_type}"/><FirstCreated>{DAY:%Y%m%d}T192853+0000</FirstCreated>
  </NewsManagement>
  <NewsComponent><NewsLines><HeadLine>{headline}</HeadLine></NewsLines>
    <AdministrativeMetadata><Provider><Party FormalName="AFP"/></Provider></AdministrativeMetadata>
    <ContentItem><DataContent><nitf><body><body.content>{body}</body.content></body></nitf></DataContent></ContentItem>
  </NewsComponent>
</NewsItem>"""


def test_newsml_items_are_an_article_each(tmp_path):
    text = f"""<?xml version="1.0" encoding="utf-8"?>
<NewsML Version="1.2"><NewsEnvelope><DateAndTime>20231124T192853Z</DateAndTime></NewsEnvelope>
{newsml_item(escape(TITLE), "News", BODY)}
{newsml_item("", "Alert", "<p>Seoul says the North fired a missile</p><p>ab/cd</p>")}
</NewsML>"""
    story, alert = read(tmp_path, text).articles
    assert story.date_from == "record field FirstCreated"  # the article page says which element dated it
    assert (story.id, story.title, story.date, story.source, story.body) == (
        "item.xml#1", TITLE, DAY, "AFP", "\n\n".join(PARAGRAPHS))
    # an alert has no headline element: its one line is its headline
    assert (alert.id, alert.title, alert.headline, alert.date, alert.source) == (
        "item.xml#2", "Seoul says the North fired a missile", "Seoul says the North fired a missile", DAY, "AFP")


def test_a_newsml_g2_item(tmp_path):
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:example.org:1" version="1">
  <itemMeta><provider literal="Yonhap"/><versionCreated>2024-01-02T10:00:00Z</versionCreated>
    <firstCreated>{DAY.isoformat()}T08:00:00+09:00</firstCreated></itemMeta>
  <contentMeta><headline>{escape(TITLE)}</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/xhtml+xml">
    <html xmlns="http://www.w3.org/1999/xhtml"><body>{BODY}</body></html></inlineXML></contentSet>
</newsItem>"""
    [article] = read(tmp_path, text).articles
    assert (article.title, article.date, article.date_from, article.source, article.body) == (
        TITLE, DAY, "record field firstCreated", "Yonhap News Agency", "\n\n".join(PARAGRAPHS))


def test_a_nitf_document(tmp_path):
    text = f"""<?xml version="1.0"?>
<nitf><head><title>{escape(TITLE)}</title><docdata><date.issue norm="{DAY:%Y%m%d}T000000"/>
  <doc.copyright holder="Reuters"/></docdata></head>
<body><body.head><hedline><hl1>{escape(TITLE)}</hl1></hedline></body.head><body.content>{BODY}</body.content></body>
</nitf>"""
    [article] = read(tmp_path, text, "story.nitf.xml").articles
    assert (article.title, article.date, article.date_from, article.source, article.body) == (
        TITLE, DAY, "record field DateIssue", "Reuters", "\n\n".join(PARAGRAPHS))


def test_a_newsml_file_without_items_is_skipped_with_its_reason(tmp_path):
    result = read(tmp_path, '<NewsML Version="1.2"><NewsEnvelope/></NewsML>')
    assert (result.articles, [s.reason for s in result.skipped]) == ([], ["NewsML with no news item"])


def test_a_nitf_press_release_holder_and_its_contact_lines(tmp_path):
    """A press wire's NITF: its copyright holder's legal form ("GlobeNewswire, Inc.") is not the outlet's name, and
    a contact block's <br> lines stay lines ("Jane Roe<br/>Chairman" is not "RoeChairman")."""
    text = f"""<?xml version="1.0"?>
<nitf><head><title>{escape(TITLE)}</title><docdata><date.issue norm="{DAY:%Y%m%d}T055802Z"/>
  <doc.copyright holder="GlobeNewswire, Inc." year="2022"/></docdata></head>
<body><body.content>{BODY}<p align="left"><strong>Media contact:</strong><br />Jane Roe<br />Chairman and CEO</p>
</body.content></body></nitf>"""
    [article] = read(tmp_path, text, "release.xml").articles
    assert article.source == "GlobeNewswire"
    assert article.body.endswith("Media contact:\n\nJane Roe\n\nChairman and CEO")
