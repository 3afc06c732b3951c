"""A surname on its own (searchapp/facets/surnames.py): when one mention is enough to name a
known leader, and when it is not. Sentences of our own; the knowledge is the bundled one."""

import datetime

import pytest

from searchapp.facets import Knowledge, extract
from searchapp.reading import Article


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


def officials_of(knowledge, title: str, body: str, day: str) -> list[str]:
    article = Article(id="t.txt", path="t.txt", title=title, body=body, date=datetime.date.fromisoformat(day))
    return extract(article, knowledge).values("officials")


@pytest.mark.parametrize(
    "title, body, day, expected",
    [
        # once, in a headline, the leader of a country the article is about, in office that day
        ("Macron Pushes for New Talks", "France wants the talks to resume soon.", "2019-05-01", ["Emmanuel Macron"]),
        # not yet in office that day
        ("Macron Pushes for New Talks", "France wants the talks to resume soon.", "2016-05-01", []),
        # a surname many share needs the leader's country in the article
        ("Lee Pushes for New Talks", "South Korea wants the talks to resume soon.", "2025-09-01", ["Lee Jae-myung"]),
        ("Lee Pushes for New Talks", "Ukraine wants the talks to resume soon.", "2025-09-01", []),
        # a leader no other known official shares a surname with needs no country of the article
        ("Putin Warns the West", "The leader spoke on Monday.", "2016-02-20", ["Vladimir Putin"]),
        # but a given name ("Charles") or a family name many share ("Xi", "Lee") does
        ("Charles Returns to Work", "The monarch spoke on Monday.", "2024-02-20", []),
        ("Xi Warns the West", "The leader spoke on Monday.", "2024-02-20", []),
        ("Xi Warns the West", "The leader spoke in Beijing, China.", "2024-02-20", ["Xi Jinping"]),
        # a capitalized word after a surname that is no verb may be the rest of another name
        ("Talks", "Macron Hansen, a French farmer, spoke.", "2019-05-01", []),
        # initials before a surname make another person's full name: "A.K. Sharma" is no former president
        ("Ousted", "Two other senior officials, R. Asthana and A.K. Sharma, were moved.", "2021-07-22", []),
        ("Talks", "Officials in the U.S. Trump administration spoke on Monday.", "2019-05-01", ["Donald Trump"]),
        # a former leader of a surname no one else has: still called by it; one not yet in office is no one
        ("Biden Inherits Family Separation Crisis From Trump", "The new administration faces it.", "2021-02-02",
         ["Joe Biden", "Donald Trump"]),
        ("Trump Tower Plans Approved", "The builder spoke on Monday.", "2010-02-02", []),
        # possessive, the one former leader of that surname, between two terms
        ("The endgame in Ukraine", "Ahead of Trump's second term, talk turns to the war.", "2025-01-02",
         ["Donald Trump"]),
        # a surname many share stays no one's, possessive or not
        ("The endgame in Korea", "Ahead of Lee's second term, talk turns to trade.", "2025-01-02", []),
    ],
)
def test_a_leaders_surname_written_once(knowledge, title, body, day, expected):
    assert officials_of(knowledge, title, body, day) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        # an undated headline: the leader the knowledge has in office now, of a surname no one else has
        ("Israel and Iran trade new strikes as Trump says Tehran wants a deal", ["Donald Trump"]),
        ("Prospect of US-Iran talks puts Netanyahu under pressure", ["Benjamin Netanyahu"]),
        # a former leader, a family name many share, or a short word that starts sentences: no one
        ("Obama library opens in Chicago", []),
        ("Lee pushes for new talks", []),
        ("Saw interest from over 40,000 people", []),
    ],
)
def test_a_leaders_surname_in_an_undated_article(knowledge, title, expected):
    article = Article(id="t.json#1", path="t.json", title=title, body=title, date=None)
    assert extract(article, knowledge).values("officials") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # two surnames joined by a hyphen name both people
        ("The Macron-Merkel meeting set the tone for France and Germany.", ["Emmanuel Macron", "Angela Merkel"]),
        # a prefix is no one's surname: "anti-" names no one
        ("Anti-Macron protesters marched in Paris, France.", []),
    ],
)
def test_surnames_joined_by_a_hyphen(knowledge, body, expected):
    assert officials_of(knowledge, "Ties", body, "2019-05-01") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a word that starts a company's name in the article is that company when it stands alone
        ("Hughes Tool Co will not merge with Baker International\nCorp in the United States. Baker said it would sue. "
         "Baker added more.", []),
        # without a company of that name, the same sentences name the Treasury Secretary of the day
        ("The dollar fell in the United States. Baker said it would sue. Baker added more.", ["James Baker"]),
    ],
)
def test_a_company_is_no_ones_surname(knowledge, body, expected):
    assert officials_of(knowledge, "Merger", body, "1987-03-05") == expected


@pytest.mark.parametrize(
    "title, body, day, expected",
    [
        # a post of kind "other" names only someone who held that post, and held a post that day
        ("Senate", "The White House said Senator Baker must have people around him.", "1987-03-09", []),
        ("Markets", "Prices rose, said an assistant vice president for Merrill Lynch.", "1987-03-09", []),
        ("Visit", "Secretary Kerry arrived. U.S. officials said so.", "2016-05-01", ["John Kerry"]),
        ("Briefing", "Foreign Ministry spokesperson Wang said China objected.", "2016-05-01", []),
        ("Briefing", "Foreign Ministry spokesperson Wang said China objected.", "2021-05-01", ["Wang Wenbin"]),
    ],
)
def test_a_surname_after_a_post_is_someone_who_held_it(knowledge, title, body, day, expected):
    assert officials_of(knowledge, title, body, day) == expected


@pytest.mark.parametrize(
    "title, body, day, expected",
    [
        # the press's spelling of the surname, not the knowledge's canonical one
        ("Zelensky Pushes for Talks", "Ukraine wants the talks to resume soon.", "2023-05-01", ["Volodymyr Zelensky"]),
        ("Talks", "Zelenskiy said Ukraine would keep talking. Zelenskiy added that it would not give up.",
         "2023-05-01", ["Volodymyr Zelensky"]),
        # a surname without its Arabic article
        ("Assad Warns the West", "Syria's government spoke on Monday.", "2015-05-01", ["Bashar al-Assad"]),
        # another name the person goes by is no surname: a king's title gives no "Charles"
        ("Charles Returns to Work", "The monarch spoke on Monday.", "2024-02-20", []),
    ],
)
def test_a_surname_spelt_another_way_is_the_same_person(knowledge, title, body, day, expected):
    assert officials_of(knowledge, title, body, day) == expected


@pytest.mark.parametrize(
    "title, day, expected",
    [
        # a family name many share, paired with another leader's surname, is the one leader of that name
        ("Trump, Xi agree to pause dueling port fees", "2025-11-01", ["Donald Trump", "Xi Jinping"]),
        ("Trump and Xi skip Taiwan talk at the summit", "2025-11-01", ["Donald Trump", "Xi Jinping"]),
        ("Biden-Xi summit ends with a deal on fentanyl", "2023-11-16", ["Joe Biden", "Xi Jinping"]),
        # alone, or beside a word that is no leader's surname, it names no one
        ("Xi calls for calm over the strait", "2025-11-01", []),
        ("Wang and Xi families reunite after decades", "2025-11-01", []),
    ],
)
def test_a_shared_family_name_paired_with_a_leader(knowledge, title, day, expected):
    assert officials_of(knowledge, title, "The two met on the sidelines.", day) == expected


@pytest.mark.parametrize(
    "title, body, expected",
    [
        # in a sentence, a capitalized word ending in s after a name is the rest of that name, not a verb
        ("Will the affair reshape ties?", "Both aspire to lead the region, writes Jonathan Marcus.", []),
        # in a title-case headline it is the verb after a leader's surname
        ("Zelenskyy Pushes for New Talks", "Ukraine wants the talks to resume soon.", ["Volodymyr Zelensky"]),
        # a capitalized word before the surname in such a headline is no given name ...
        ("Grain Rises on Speculation Zelenskyy Plans Talks", "Ukraine wants the talks to resume.", ["Volodymyr Zelensky"]),
        # ... unless it is one: "Bill Gates" is someone else than Robert Gates
        ("Bill Gates Pledges Billions to Fight Malaria", "The foundation said so.", []),
    ],
)
def test_a_verb_after_a_surname_only_in_a_headline(knowledge, title, body, expected):
    assert officials_of(knowledge, title, body, "2023-06-01") == expected


def test_the_verb_after_a_pair_of_leaders_in_a_headline_is_no_name(knowledge):
    """"Trump and Xi Agree ...": the pair's verb, plural, does not end in s."""
    names = officials_of(knowledge, "Trump and Xi Agree to a Yearlong Trade Truce", "The deal was signed.", "2025-10-30")
    assert names == ["Donald Trump", "Xi Jinping"]


@pytest.mark.parametrize(
    "title, body, day",
    [
        # a former leader's surname that is also a word: the word ("Key" of John Key, "English" of Bill English)
        ("Talks", "Key findings of the report were published on Monday in Wellington.", "2026-01-25"),
        ("Talks", "Manila released the official English version of the embassy statement.", "2024-06-01"),
        # a surname after "the" and before a stop: a ship, not the Irish president then in office
        ("Talks", "China said it had expelled the Higgins, but both sides refuted this.", "2025-03-01"),
        # a place before its country, as a dateline writes it: Lagos, not Ricardo Lagos
        ("Talks", "Lagos, Nigeria – On February 22, ministers announced new gas exports.", "2006-03-01"),
    ],
)
def test_a_surname_that_is_a_word_a_ship_or_a_place_names_no_one(knowledge, title, body, day):
    assert officials_of(knowledge, title, body, day) == []


def test_the_leaders_named_together_before_their_administrations(knowledge):
    body = "Both the Trump and Biden administrations have reaffirmed the treaty."
    assert officials_of(knowledge, "Talks", body, "2024-06-21") == ["Donald Trump", "Joe Biden"]
