"""A wire's or broadcaster's story names its own outlet in the third person ("told The Associated
Press"): the weakest sign of its source, taken only where the file gives no other, and only when one
outlet is named so."""

import json

from read_one import read_one

HEAD = "Blast kills four at market in provincial capital\n\n"
LEAD = "A bomb exploded at a crowded market in the provincial capital on Tuesday, killing four people and wounding a dozen more."


def test_the_outlet_told_is_the_source_of_a_story_with_no_other_sign(tmp_path):
    text = HEAD + LEAD + " Three police officials told The Associated Press the bomb was hidden in a cart.\n"
    assert read_one(tmp_path, "story.txt", text).source == "Associated Press"


def test_a_document_obtained_by_the_outlet_and_its_reporters_count_too(tmp_path):
    obtained = HEAD + LEAD + "\n\nA police report obtained Monday by Reuters said the cart had been searched.\n"
    reporters = HEAD + LEAD + "\n\nWitnesses interviewed by CNN reporters described a second blast.\n"
    assert read_one(tmp_path, "a.txt", obtained).source == "Reuters"
    assert read_one(tmp_path, "b.txt", reporters).source == "CNN"


def test_the_outlets_own_correspondent_names_it(tmp_path):
    """A broadcaster sends "the BBC's correspondent in Jakarta"; a desk's analyst or a bureau chief is no such sign."""
    text = HEAD + LEAD + "\n\nThe BBC's correspondent in the capital said the market had been searched twice.\n"
    assert read_one(tmp_path, "a.txt", text).source == "BBC News"
    chief = HEAD + LEAD + "\n\nThe BBC's bureau chief said the market had been searched twice.\n"
    assert read_one(tmp_path, "b.txt", chief).source is None


def test_two_outlets_named_so_give_no_source(tmp_path):
    text = HEAD + LEAD + " A police chief told Reuters the toll would rise; a nurse told CNN's reporter it had.\n"
    assert read_one(tmp_path, "story.txt", text).source is None


def test_any_other_sign_wins_over_it(tmp_path):
    record = {"title": "Blast kills four", "url": "https://www.theguardian.com/world/2024/may/07/blast",
              "body": LEAD + " A police chief told Reuters the toll would rise."}
    assert read_one(tmp_path, "a.jsonl", json.dumps(record) + "\n").source == "The Guardian"


def test_an_outlet_merely_cited_is_not_taken(tmp_path):
    text = HEAD + LEAD + " The toll was first reported by Reuters, according to local television.\n"
    assert read_one(tmp_path, "story.txt", text).source is None


def test_a_republished_piece_credits_where_it_first_appeared(tmp_path):
    """A blog that reposts an op-ed says where it ran first: that outlet is its source, before the blog's own name."""
    post = "---\ntitle: Why the talks failed\ndate: 2024-05-03\n---\n\n" + LEAD + "\n\n" + LEAD.replace("four", "five") + (
        "\n\n*This op-ed was originally published in The Washington Post.*\n"
    )
    assert read_one(tmp_path, "post.md", post).source == "The Washington Post"
    linked = HEAD + LEAD + "\n\nFirst published on https://www.huffpost.com/entry/market-blast on May 7.\n"
    assert read_one(tmp_path, "post.txt", linked).source == "HuffPost"


def test_a_report_another_outlet_published_first_is_no_credit(tmp_path):
    text = HEAD + LEAD + "\n\nThe police report was first published by Reuters on Monday, officials said.\n"
    assert read_one(tmp_path, "story.txt", text).source is None


def test_a_posts_picture_on_an_outlets_own_image_host_is_the_weakest_sign(tmp_path):
    def post(image: str, extra: str = "") -> str:
        return f"---\ntitle: Blast kills four at market\nimage: {image}\n{extra}---\n{LEAD}\n"

    assert read_one(tmp_path, "a.md", post("https://i.dailymail.co.uk/1s/2020/09/20/20/33407374-0-image.jpg")).source == "Daily Mail"
    # an aggregator's image host says nothing; a filed source wins over the picture's host
    assert read_one(tmp_path, "b.md", post("https://s.yimg.com/uu/api/res/1.2/abc.jpg")).source is None
    assert read_one(tmp_path, "c.md", post("https://i.dailymail.co.uk/1s/x.jpg", "source: Reuters\n")).source == "Reuters"
