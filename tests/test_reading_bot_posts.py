"""Posts a news bot writes about a story it picked up: the story's own date and outlet, not the post's."""

import pytest

from searchapp.reading import read_file

TEXT = ("The Department of State is publishing the names of persons placed on the list of blocked persons, "
        "whose property subject to the jurisdiction of the United States is blocked from today.")


def read_post(tmp_path, text):
    (tmp_path / "post.md").write_text(text, encoding="utf-8")
    (article,) = read_file(tmp_path / "post.md", tmp_path).articles
    return article


def test_a_reposts_original_date_and_the_source_named_beside_the_bots_id(tmp_path):
    article = read_post(tmp_path, (
        "---\nlayout: post\ntitle: \"Notice of Sanctions Actions\"\ndate: 2026-02-05 18:56:35 +0000\n"
        "source: federal_register\nsource_name: Federal Register\n"
        "original_published: 2023-08-24 00:00:00 +0000\n---\n\n" + TEXT + "\n"
    ))
    assert (article.title, str(article.date), article.source) == (
        "Notice of Sanctions Actions", "2023-08-24", "Federal Register",
    )


def test_a_lone_lower_case_source_is_still_the_source(tmp_path):
    article = read_post(tmp_path, f"---\ntitle: Notice\ndate: 2023-08-24\nsource: federal_register\n---\n\n{TEXT}\n")
    assert article.source == "federal_register"


@pytest.mark.parametrize(
    "filed, source",
    [
        ("AFP (Agence France-Presse), Dubai", "AFP"),
        ("Reuters, London", "Reuters"),
        # an outlet no one knows keeps its name as written
        ("Harbour Notes (weekly), Dubai", "Harbour Notes (weekly), Dubai"),
    ],
)
def test_a_known_outlet_then_its_name_spelled_out_or_its_filing_place(tmp_path, filed, source):
    article = read_post(tmp_path, f"# Sanctions Notice\n\n**Date:** February 3, 2026\n**Source:** {filed}\n\n{TEXT}\n")
    assert article.source == source
