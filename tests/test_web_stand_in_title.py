"""A file with no headline is listed by its first sentence, and its page says so."""

from searchapp import create_app
from searchapp.facets import Knowledge
from searchapp.index import reindex

WITH_HEADLINE = """Ferry service to the islands resumes

The ferry to the outer islands sailed again on Monday after a week of storms kept it in port.
Officials said the timetable would return to normal by the weekend.
"""
NO_HEADLINE = (
    "The regional council voted on Thursday to rebuild the harbour wall that the winter storms broke, "
    "at a cost that councillors said would be shared with the national government. Work is due to start in "
    "the spring, and the ferry company has agreed to move its berth while the wall is rebuilt. Fishermen "
    "told the meeting that they had waited three years for the decision.\n"
)


def test_only_the_page_without_a_headline_says_its_first_sentence_stands_in(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "ferry.txt").write_text(WITH_HEADLINE, encoding="utf-8")
    (articles / "harbour.txt").write_text(NO_HEADLINE, encoding="utf-8")
    reindex(articles, tmp_path / "index", Knowledge.load())
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})
    client = app.test_client()
    try:
        with_headline = client.get("/articles/ferry.txt").get_data(as_text=True)
        without = client.get("/articles/harbour.txt").get_data(as_text=True)
        listed = client.get("/api/articles/harbour.txt").get_json()
    finally:
        app.extensions["search"].close()
    note = "No headline in the file: its first sentence stands in."
    assert '<h1 dir="auto">Ferry service to the islands resumes</h1>' in with_headline and note not in with_headline
    assert note in without
    assert listed["title"].startswith("The regional council voted on Thursday")  # still listed by a line of its own


def test_titles_and_text_in_a_right_to_left_script_take_their_own_direction(tmp_path):
    # an Arabic wire item among English ones: each title, snippet and paragraph sets its direction by its text
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "alert.txt").write_text("بايدن يجدد الدعوة للعمل على حل الدولتين\n\nقال الرئيس الأمريكي إن حل الدولتين "
                                         "هو الطريق الوحيد للسلام في المنطقة، في كلمة ألقاها مساء الجمعة.\n", encoding="utf-8")
    reindex(articles, tmp_path / "index", Knowledge.load())
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})
    client = app.test_client()
    try:
        page = client.get("/articles/alert.txt").get_data(as_text=True)
        listed = client.get("/?q=الدولتين").get_data(as_text=True)
    finally:
        app.extensions["search"].close()
    assert '<h1 dir="auto">بايدن يجدد الدعوة للعمل على حل الدولتين</h1>' in page
    assert '<p dir="auto">قال الرئيس الأمريكي' in page
    assert '<h2 class="hit-title" dir="auto">' in listed and '<p class="snippet" dir="auto">' in listed
