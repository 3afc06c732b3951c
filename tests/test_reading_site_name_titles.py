"""A page whose <title> is only the site's name, printed again as the masthead's <h1>: the headline is the
article's own <h1> under it, and the site's name is the source. A short title that the article's prose uses
is a headline, whatever other <h1> follows.
"""

import datetime

from searchapp.reading import read_file

PAGE = """<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>
<div id="header"><button><a href="/index.php">Home</a></button>
<h1 id="logo">Harbour Notes</h1><p>A blog to keep you updated daily</p></div>
<h1 id="section">POLITICS</h1>
<div id="article"><h1>{headline}</h1><h3>Date:30/04/2022;</h3>
<p>Fishing crews returned to the northern port on Saturday after the coastguards of the two neighbours agreed
to share patrols of the disputed waters, ending a season of tense encounters at sea.</p>
<p>The crews said the agreement let them fish the northern banks again without being turned back by patrol boats.</p>
</div></body></html>"""
HEADLINE = "Fishing Crews Return to the Northern Port"


def read_one(tmp_path, text):
    (tmp_path / "page.html").write_text(text, encoding="utf-8")
    (article,) = read_file(tmp_path / "page.html", tmp_path).articles
    return article


def test_a_title_that_is_the_masthead_gives_way_to_the_articles_heading(tmp_path):
    article = read_one(tmp_path, PAGE.format(title="Harbour Notes", headline=HEADLINE))
    assert (article.title, article.source, article.date) == (HEADLINE, "Harbour Notes", datetime.date(2022, 4, 30))
    assert HEADLINE not in article.body


def test_a_short_headline_the_prose_uses_stays_the_title(tmp_path):
    page = PAGE.format(title="Fishing Crews Return", headline=HEADLINE).replace(
        '<h1 id="logo">Harbour Notes</h1>', '<h1 id="logo">Fishing Crews Return</h1>'
    )
    assert read_one(tmp_path, page).title == "Fishing Crews Return"


def test_a_site_name_without_a_headline_under_it_stays(tmp_path):
    article = read_one(tmp_path, PAGE.format(title="Harbour Notes", headline="Fishing"))  # neither <h1> a headline
    assert (article.title, article.source) == ("Harbour Notes", None)


def test_without_a_masthead_heading_the_articles_heading_still_wins_but_names_no_source(tmp_path):
    page = PAGE.format(title="Harbour Notes", headline=HEADLINE).replace('<h1 id="logo">Harbour Notes</h1>', "")
    article = read_one(tmp_path, page)
    assert (article.title, article.source) == (HEADLINE, None)  # the title may be a section's name as well


def test_a_blog_that_sets_its_headline_in_an_h2_under_the_masthead(tmp_path):
    page = PAGE.format(title="Harbour Notes", headline=HEADLINE).replace(
        f"<h1>{HEADLINE}</h1>", f'<h2 class="entry-title">{HEADLINE}</h2>'
    ).replace('<h1 id="section">POLITICS</h1>', "")
    article = read_one(tmp_path, page)
    assert (article.title, article.source) == (HEADLINE, "Harbour Notes")


SUFFIXED = """<!DOCTYPE html><html><head><title>{title}</title>
<link rel="canonical" href="https://www.lakesidegazette.co.uk/news/fishing-crews"></head><body>
<p>Fishing crews returned to the northern port on Saturday after the coastguards of the two neighbours agreed
to share patrols of the disputed waters, ending a season of tense encounters at sea.</p>
<p>The crews said the agreement let them fish the northern banks again without being turned back by patrol boats.</p>
</body></html>"""


def test_a_title_suffix_that_spells_the_pages_address_is_the_sites_name(tmp_path):
    article = read_one(tmp_path, SUFFIXED.format(title=f"{HEADLINE} | Lakeside Gazette"))
    assert (article.title, article.source) == (HEADLINE, "Lakeside Gazette")


def test_a_title_suffix_that_is_not_the_address_stays(tmp_path):
    article = read_one(tmp_path, SUFFIXED.format(title=f"{HEADLINE} - Northern Banks"))
    # the suffix is the headline's own; the site, which nothing else names, goes by its address
    assert (article.title, article.source) == (f"{HEADLINE} - Northern Banks", "lakesidegazette.co.uk")


def test_an_articles_subhead_never_replaces_a_headline_the_prose_does_not_repeat(tmp_path):
    page = """<!DOCTYPE html><html><head><title>Mind the Gap</title></head><body><article>
<h1>Mind the Gap</h1><p>Fishing crews returned to the northern port on Saturday after the coastguards of the two
neighbours agreed to share patrols of the disputed waters, ending a season of tense encounters at sea.</p>
<h2>Crews return to the northern banks</h2>
<p>The crews said the agreement let them fish the northern banks again without being turned back by patrol boats.</p>
</article></body></html>"""
    assert read_one(tmp_path, page).title == "Mind the Gap"


def test_under_a_site_name_title_the_og_title_names_the_headline_the_page_sets_in_no_heading(tmp_path):
    page = PAGE.format(title="Harbour Notes", headline=HEADLINE).replace(f"<h1>{HEADLINE}</h1>", "").replace(
        "</title>", f'</title><meta property="og:title" content="{HEADLINE}">'
    )
    article = read_one(tmp_path, page)
    assert (article.title, article.source) == (HEADLINE, "Harbour Notes")


def test_an_old_pages_title_that_opens_with_the_outlet_and_a_section_path(tmp_path):
    page = SUFFIXED.format(title=f"BBC NEWS | World | Asia-Pacific | {HEADLINE}")
    assert (read_one(tmp_path, page).title, read_one(tmp_path, page).source) == (HEADLINE, "BBC News")
    kept = SUFFIXED.format(title=f"Analysis | {HEADLINE}")  # a label, not an outlet
    assert read_one(tmp_path, kept).title == f"Analysis | {HEADLINE}"
    # a known outlet and a colon: the wire's page as Google hosted it; a place and a colon is the headline's own
    page = SUFFIXED.replace("www.lakesidegazette.co.uk", "archive.example").format(title=f"AFP: {HEADLINE}")
    assert (read_one(tmp_path, page).title, read_one(tmp_path, page).source) == (HEADLINE, "AFP")
    kept = SUFFIXED.format(title=f"Harbour: {HEADLINE}")
    assert read_one(tmp_path, kept).title == f"Harbour: {HEADLINE}"


def test_a_long_title_that_is_the_site_name_its_tags_give_gives_way_too(tmp_path):
    name = "Harbour Notes Daily Online Edition"
    page = PAGE.format(title=name, headline=HEADLINE).replace(
        "</title>", f'</title><meta property="og:site_name" content="{name}">'
    ).replace('<h1 id="logo">Harbour Notes</h1>', "")
    assert (read_one(tmp_path, page).title, read_one(tmp_path, page).source) == (HEADLINE, name)


def test_a_fragments_one_heading_of_any_level_is_its_headline(tmp_path):
    fragment = """<div class="modal-content"><div class="modal-header">
<h5 class="modal-title" id="readmoreTitle">Coastguards to share patrols</h5>
<button type="button" class="close"><span aria-hidden="true">&times;</span></button></div>
<div class="modal-body"><p><strong>The two neighbours ended a season of tense encounters.</strong><br>
Fishing crews returned to the northern port on Saturday after the coastguards of the two neighbours agreed
to share patrols of the disputed waters, ending a season of tense encounters at sea.<br>
The crews said the agreement let them fish the northern banks again without being turned back.</p></div></div>"""
    article = read_one(tmp_path, fragment)
    assert (article.title, article.headline) == ("Coastguards to share patrols", "Coastguards to share patrols")
    # two such headings (a list of stories) choose none
    two = fragment.replace("</h5>", "</h5><h5>Another story</h5>", 1)
    assert read_one(tmp_path, two).headline is None


def test_a_paragraphs_source_lines_wrapped_around_breaks_read_as_a_browser_shows_them(tmp_path):
    # a hand-written page wraps its source lines inside a <p> and breaks paragraphs with <br>
    page = """<!DOCTYPE html><html><head><title>Coastguards to share patrols</title></head><body><div class="col">
<p>Fishing crews returned to the northern port on Saturday after the coastguards of the two
                      neighbours agreed to share patrols, the minister's aide, Secretary Md
                      Nazrul Islam, told reporters.<br>
                      The crews said the agreement let them fish the northern banks again
                      without being turned back by patrol boats.</p>
<pre>table
of catches</pre></div></body></html>"""
    article = read_one(tmp_path, page)
    assert article.body.split("\n\n")[:2] == [
        "Fishing crews returned to the northern port on Saturday after the coastguards of the two neighbours agreed "
        "to share patrols, the minister's aide, Secretary Md Nazrul Islam, told reporters.",
        "The crews said the agreement let them fish the northern banks again without being turned back by patrol boats.",
    ]


def test_a_page_title_joined_with_underscores_keeps_its_first_part(tmp_path):
    # Chinese portals and Xinhua's English pages: "headline_section_site"; an identifier-like title stays whole
    for title, headline, source in [
        ("Fishing crews return to the northern port_English_Xinhua", "Fishing crews return to the northern port", "Xinhua"),
        ("渔民返回北部港口开展捕捞作业__港口新闻_海港网", "渔民返回北部港口开展捕捞作业", "lakesidegazette.co.uk"),
        ("crews_update_2", "crews_update_2", "lakesidegazette.co.uk"),
    ]:
        article = read_one(tmp_path, SUFFIXED.format(title=title))
        assert (article.title, article.source) == (headline, source)


def test_a_date_that_is_a_part_of_the_page_title_dates_the_page(tmp_path):
    # "Headline - 07.12.2017 - LA NACION", "Headline | Africa | DW | 21.05.2020": numbers only, a part of its own
    for title, day in [(f"{HEADLINE} - 07.12.2017 - Lakeside Gazette", datetime.date(2017, 12, 7)),
                       (f"{HEADLINE} | Africa | Lakeside Gazette | 21.05.2020", datetime.date(2020, 5, 21)),
                       (f"{HEADLINE} - Lakeside Gazette", None)]:
        article = read_one(tmp_path, SUFFIXED.format(title=title))
        assert (article.date, article.date_from if day else None) == (day, "the page's title" if day else None)


def test_a_portals_copy_of_an_agencys_story_credits_the_agency_named_as_its_author(tmp_path):
    # Sina, NetEase, Sohu and Tencent republish agencies' stories: their own name is no source
    portal = """<!DOCTYPE html><html><head><title>Fishing crews return to the northern port</title>
<link rel="canonical" href="https://news.sina.com.cn/c/xl/2019-03-28/doc-ihtxyzsm0966222.shtml">{author}</head>
<body><h1>Fishing crews return to the northern port</h1>
<p>Fishing crews returned to the northern port on Saturday after the coastguards of the two neighbours agreed
to share patrols of the disputed waters, ending a season of tense encounters at sea.</p></body></html>"""
    credited = read_one(tmp_path, portal.format(author='<meta property="article:author" content="新华网">'))
    bare = read_one(tmp_path, portal.format(author=""))
    assert (credited.source, bare.source) == ("Xinhua", None)


def test_a_title_suffix_that_is_a_known_outlets_domain(tmp_path):
    # "... - CNN.com": an old page names its outlet by its address; the address on the page is another site's
    page = SUFFIXED.replace("www.lakesidegazette.co.uk", "archive.example").format(title=f"{HEADLINE} - CNN.com")
    article = read_one(tmp_path, page)
    assert (article.title, article.source) == (HEADLINE, "CNN")


def test_a_page_of_no_headings_that_sets_its_headline_in_bold_as_the_texts_first_line(tmp_path):
    """A state paper's page: "<title>Harbour Notes</title>", no <h1>, the headline a bold first paragraph."""
    page = (
        "<html><head><title>Harbour Notes</title></head><body><table><tr><td>"
        f"<p class='ArticleContent' align='center'><font style='font-weight:bold'>{HEADLINE}</font></p>"
        "<p class='ArticleContent'>Fishing crews returned to the northern port on Saturday after the coastguards of "
        "the two neighbours agreed to share patrols of the disputed waters, ending a season of tense encounters.</p>"
        "<p class='ArticleContent'>The crews said the agreement let them fish the northern banks again without being "
        "turned back by patrol boats.</p></td></tr></table></body></html>"
    )
    article = read_one(tmp_path, page)
    assert article.title == HEADLINE
    assert article.body.startswith("Fishing crews returned")
    # a first line that is a sentence is the text's, not a headline: the site's name stays the title then
    sentence = page.replace(f"<font style='font-weight:bold'>{HEADLINE}</font>", "The crews came home.")
    assert read_one(tmp_path, sentence).title == "Harbour Notes"
