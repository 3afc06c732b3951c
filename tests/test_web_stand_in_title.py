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


def served(tmp_path, files: dict[str, str], *paths: str) -> list:
    """Each path's answer (JSON for /api/, else the page's text) from the app over an archive of these files."""
    articles = tmp_path / "articles"
    articles.mkdir()
    for name, text in files.items():
        (articles / name).write_text(text, encoding="utf-8")
    reindex(articles, tmp_path / "index", Knowledge.load())
    app = create_app({"TESTING": True, "ARTICLES_DIR": str(articles), "INDEX_DIR": str(tmp_path / "index")})
    client = app.test_client()
    try:
        return [client.get(path).get_json() if path.startswith("/api/") else client.get(path).get_data(as_text=True)
                for path in paths]
    finally:
        app.extensions["search"].close()


def test_only_the_page_without_a_headline_says_its_first_sentence_stands_in(tmp_path):
    with_headline, without, listed = served(
        tmp_path, {"ferry.txt": WITH_HEADLINE, "harbour.txt": NO_HEADLINE},
        "/articles/ferry.txt", "/articles/harbour.txt", "/api/articles/harbour.txt",
    )
    note = "No headline in the file: its first sentence stands in."
    assert '<h1 dir="auto">Ferry service to the islands resumes</h1>' in with_headline and note not in with_headline
    assert note in without
    assert listed["title"].startswith("The regional council voted on Thursday")  # still listed by a line of its own


def test_titles_and_text_in_a_right_to_left_script_take_their_own_direction(tmp_path):
    # an Arabic wire item: each title, snippet and paragraph sets its direction by its text
    alert = ("بايدن يجدد الدعوة للعمل على حل الدولتين\n\nقال الرئيس الأمريكي إن حل الدولتين "
             "هو الطريق الوحيد للسلام في المنطقة، في كلمة ألقاها مساء الجمعة.\n")
    page, listed = served(tmp_path, {"alert.txt": alert}, "/articles/alert.txt", "/?q=الدولتين")
    assert '<h1 dir="auto">بايدن يجدد الدعوة للعمل على حل الدولتين</h1>' in page
    assert '<p dir="auto">قال الرئيس <a class="mention mention-country"' in page  # "the American" names a country
    assert '<h2 class="hit-title" dir="auto">' in listed and '<p class="snippet" dir="auto">' in listed
    assert '<dd dir="auto">' in page  # the passage that put the country there reads right to left too
