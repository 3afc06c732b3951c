"""Topic signals: the ordinary newsroom wording of each topic (searchapp/knowledge/topics.json),
one sentence of our own per rule, and words that only look like a topic's."""

import pytest

from searchapp.facets import Knowledge, extract
from searchapp.reading import Article


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


def topics_of(knowledge, body: str) -> list[str]:
    return extract(Article(id="t.txt", path="t.txt", title="", body=body), knowledge).values("topics")


@pytest.mark.parametrize(
    "body, expected",
    [
        # war, attacks and their ending are security, as readers label them
        ("Fighting raged along the front line as the invasion entered its third year.", ["security"]),
        ("Both sides agreed to a ceasefire on Sunday.", ["security"]),
        ("An airstrike hit the village overnight.", ["security"]),
        ("The suicide bombing at a mosque killed dozens, police said.", ["security"]),
        ("The government vowed to step up counterterrorism efforts.", ["security"]),
        ("The envoys tried again to end the war.", ["security"]),
        ("A drone strike killed three fighters.", ["security"]),
        ("Peacekeepers patrolled the buffer zone.", ["security"]),
        # the Peacekeeper is also a missile's name: the singular is no peacekeeping
        ("The unit won a contract for the Peacekeeper.", []),
        ("The president declared martial law.", ["security"]),
        # "war games" are military exercises in headline wording
        ("Trump says the US will end its war games with South Korea.", ["security"]),
        ("Clashes between the army and paramilitary forces entered a second month.", ["security"]),
        ("The president said military options were on the table.", ["security"]),
        # a truce is a war's only with another sign of one; truce talks are
        ("Warplanes pounded the city as negotiators failed to agree a truce.", ["security"]),
        ("Farmers announced a truce to negotiate with the government.", []),
        ("The truce talks resumed in Cairo.", ["security"]),
        # hints that only add up over an article
        ("The war dragged on. Soldiers dug in along the river. Militants shelled the town.", ["security"]),
        ("The war dragged on.", []),
        # an armed group's attack: gunmen, an ambush, fighters each hint at it
        ("Gunmen killed four guards in an ambush on the road south of the capital.", ["security"]),
        ("Fighters of the armed group held the bridge for a week.", []),
        # a war that is not fought
        ("The two supermarket chains are locked in a price war.", []),
        ("The tariffs escalated the trade war.", ["trade"]),
        # "military" alone is too common a word to count for much
        ("The military said so. Hackers deployed malware. They spy on officials.", ["cyber"]),
        # ties of defence are security as ties of trade are trade; so are a coup and a raid by commandos
        ("Security ties and economic priorities are not always aligned.", ["security"]),
        ("China's military actions present the greatest strategic challenge.", ["security"]),
        ("The military takeover in Mali showed how fragile the region is.", ["security"]),
        ("Commandos carried out a helicopter raid against the group's stronghold.", ["security"]),
        ("A coup is a diplomatic triumph, the minister said.", []),
        # a military effort, chemical weapons; the Pentagon and safe zones only hint
        ("The Pentagon laid out options for a military effort in the region.", ["security"]),
        ("Envoys agreed on a plan to rid the country of its chemical weapons.", ["security"]),
        ("The Pentagon published its budget on Monday.", []),
    ],
)
def test_security_covers_armed_conflict_and_terrorism(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # meeting one's counterparts (plural too), rounds of talks, a peace conference, a video conference
        ("The envoy met his Japanese and Korean counterparts in Tokyo.", ["visits"]),
        ("Chilean delegates gathered for a second round of talks.", ["visits"]),
        ("A peace conference opened in Chile on Tuesday.", ["visits"]),
        ("A peace conference on the war opened in Chile on Tuesday.", ["security", "visits"]),
        ("The Chilean and Peruvian foreign ministers held a video conference on Tuesday.", ["visits"]),
        # a headline's present tense: "hosts", "arrives in"
        ("The Turkish president hosts his counterpart in Ankara this week.", ["visits"]),
        ("The Chilean envoy arrives in Seoul on a visit.", ["visits"]),
        # a video call alone may be anything; with a counterpart it is high-level talks
        ("He joined the drill by video call.", []),
        ("She spoke to her Chilean counterpart by video call.", ["visits"]),
    ],
)
def test_visits_in_ordinary_wording(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Hopes faded for the stalled nuclear diplomacy.", ["nuclear"]),
        ("The tribunal ruled that the killings were genocide.", ["rights"]),
        ("Investigators gathered evidence of war crimes.", ["rights"]),
    ],
)
def test_nuclear_diplomacy_and_atrocities(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a warhead alone may be a drone's: a hint of the nuclear topic, not the topic
        ("The drone carries the largest warhead to date.", []),
        ("The regime keeps adding nuclear warheads.", ["nuclear"]),
    ],
)
def test_a_warhead_alone_is_a_hint(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


def test_the_entity_list_is_a_sanction(knowledge):
    assert topics_of(knowledge, "The department added 37 companies to its entity list.") == ["sanctions"]


@pytest.mark.parametrize(
    "body, expected",
    [
        # people fleeing violence, and a persecuted minority, are the rights topic's
        ("Thousands of Rohingya are fleeing violence.", ["rights"]),
        ("The war displaced millions, the refugee agency said.", ["rights"]),
        ("The suspect was seen fleeing the scene.", []),
    ],
)
def test_people_fleeing_and_displaced(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # arms sales and military aid, a civil war, a named war: each alone makes a sentence about security
        ("Beijing sanctioned two firms over arms sales to Taipei.", ["sanctions", "security"]),
        ("The package of military aid will be announced on Monday.", ["security"]),
        ("The country's civil war has lasted a decade.", ["security"]),
        ("Talks turned to how the war in Ukraine might end.", ["security"]),
        # a strike on a place and a bomb are hints: two make it
        ("A strike on the depot set off a bomb stored there.", ["security"]),
        ("Workers went on strike on Monday.", []),
        # a navy's ships and bombers, as feed summaries name a show of force
        ("The US is sending a carrier strike group and a bomber task force to the Middle East.", ["security"]),
        ("Two warships docked at the port after the navy announced new patrols.", ["security"]),
        ("The order was given by Navy Minister Henrique Saboya.", []),  # a minister's title says nothing of the story
    ],
)
def test_arms_sales_military_aid_and_wars_by_name(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a crackdown on protesters, arrests of a pro-democracy movement: two hints in a sentence make it rights
        ("Security forces opened fire on anti-government protesters in the capital.", ["rights"]),
        ("The arrest of pro-democracy figures has angered the protest movement.", ["rights"]),
        ("A court in Tehran sentenced to death a man detained at the rallies.", ["rights"]),
        # either hint alone is not the topic
        ("Protesters blocked the road to the airport.", []),
        ("The police announced a crackdown on drink-driving.", []),
    ],
)
def test_crackdowns_on_protesters_and_dissent(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # deportation is the forced form of repatriation; migrants alone only hint
        ("The government plans to deport hundreds of foreign students next month.", ["rights"]),
        ("The first deportees landed on Tuesday.", ["rights"]),
        ("Migrant remittances rose last year.", []),
        # a surprise or unannounced visit is a visit
        ("The minister made a surprise visit to the Chilean capital.", ["visits"]),
        ("The Chilean envoy arrived on an unannounced visit.", ["visits"]),
        # an offensive and conquered ground are war; either alone only hints
        ("The army conquered the province at the start of its spring offensive.", ["security"]),
        ("The remark was deeply offensive, the lawmaker said.", []),
        ("The firm hopes to conquer the European market.", []),
    ],
)
def test_deportation_surprise_visits_and_offensives(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a joint press conference, the two leaders, face-to-face talks
        ("The prime minister spoke at a joint press conference with the visiting Chilean president.", ["visits"]),
        ("The two leaders agreed to restart the talks with Chile.", ["visits"]),
        ("Chilean envoys held face-to-face talks in Doha.", ["visits"]),
        # a committee meets; a business holds talks with its bank: no diplomacy
        ("The Chilean committee meets on Tuesday.", []),
        ("The Chilean bank is holding talks with the export board.", []),
    ],
)
def test_meetings_in_more_wording(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # missile defence written as one word or in lower case
        ("Neighbours protested against the antimissile system.", ["missiles"]),
        ("The row over Thaad hit tourism.", ["missiles"]),
        # shots fired at a military plane are an incident between armed forces
        ("The navy fired warning shots at the fishing boat.", ["security"]),
        ("Jets scrambled to intercept the military plane.", ["security"]),
    ],
)
def test_missile_defence_and_military_incidents(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # the UN climate panel is climate; weather and fires only hint at it
        ("The IPCC report gave a bleak outlook.", ["climate"]),
        ("Extreme weather closed the roads.", []),
        ("Wildfires burned for a week.", []),
        ("Heat waves, wildfires and extreme weather are getting worse, the scientists said.", ["climate"]),
    ],
)
def test_climate_science_and_its_hints(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


def topics_of_page(knowledge, title: str, body: str) -> list[str]:
    return extract(Article(id="t.txt", path="t.txt", title=title, body=body), knowledge).values("topics")


def test_other_stories_headlines_under_the_last_sentence_count_half(knowledge):
    body = (
        "The festival opened on Friday with a parade through the old town.\n\n"
        "Organisers expect record crowds over the weekend.\n\n"
        "Ministers Pledge to Defend Free Trade at Regional Forum\n\n"
        "Court Hears Appeal Over Human Rights Abuses"
    )
    assert topics_of_page(knowledge, "Festival Opens in the Old Town", body) == []


def test_a_hard_wrapped_line_that_happens_to_be_capitalized_is_prose(knowledge):
    # wire copy wraps its lines: a line of capitalized words inside a paragraph, or one the next
    # line goes on from in lower case (a reader may keep each wrapped line as a paragraph), is no headline
    lines = ["LIMA, May 2 - Freedonian Foreign Trade Minister Ada Quillon", "said on Monday that exports were steady",
             "and that the economy had grown."]
    assert topics_of_page(knowledge, "MINISTER SEES GAINS", "\n".join(lines)) == ["trade"]
    assert topics_of_page(knowledge, "MINISTER SEES GAINS", "\n\n".join(lines)) == ["trade"]


def test_a_subhead_over_its_paragraph_and_the_article_headline_still_count(knowledge):
    # a subhead amid the text is the article's own: it and its paragraph count whole
    body = "New Sanctions Tighten the Net\n\nThe council met on Monday. Its members argued at length."
    assert topics_of_page(knowledge, "A Week at the Council", body) == ["sanctions"]
    # the first line is the article's own headline: its words count whole
    assert topics_of_page(knowledge, "Regional Leaders Open Summit in the Capital", "The talks in Chile run until Sunday.") == ["visits"]


@pytest.mark.parametrize(
    "body, expected",
    [
        # a summit, a meeting or a joint press conference with no country and no official named
        # is a company's or a church's: visits are between governments
        ("The two exchanges will hold a joint press conference at noon.", []),
        ("Bishops gathered for a church summit on Friday.", []),
        ("Chile hosted a summit on Friday.", ["visits"]),
        ("Foreign Minister Ada Quillon attended a summit on Friday.", ["visits"]),
    ],
)
def test_visits_are_between_governments(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # shelling is armed conflict on its own, as a feed item's one sentence often has it
        ("A photo shows a house damaged by shelling in the border region.", ["security"]),
        ("Shoppers are shelling out more for groceries this year.", []),
        # the armed forces of two countries, named together
        ("The two militaries resumed their drills.", ["security"]),
    ],
)
def test_shelling_and_militaries(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # the pandemic as a time marker says nothing about health
        ("It was the first delegation to Beijing since before the pandemic.", []),
        ("Leaders spoke of a post-pandemic recovery.", []),
        ("Hospitals filled as the pandemic spread.", ["health"]),
    ],
)
def test_the_pandemic_as_a_time_marker(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # commas that set off a name, a post and a place make no list: the visit counts in full
        ("When Jane Testroe, Ruritania's president, arrives in Washington, DC, for talks on Monday, she will find "
         "a changed capital.", ["visits"]),
        # a list joined by "and", or summed up by a dash, still counts each item half
        ("They spoke of culture, sport, schools, farming and trade.", []),
        ("Arms, money, sanctions — these three issues, she said.", []),
        # export controls in other words
        ("The bill would tighten controls on exports of chips to the country.", ["sanctions"]),
    ],
)
def test_lists_need_a_join_and_export_controls_in_other_words(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


def test_a_hard_wrapped_line_of_a_list_is_still_a_list(knowledge):
    """Wire copy keeps its line breaks: the "and" of a list may be on the next line."""
    body = "The firm makes light, custom-built ballistic, blast,\nflame and fire resistant clothing."
    assert topics_of(knowledge, body) == []


@pytest.mark.parametrize(
    "body, expected",
    [
        ("The general hopes to resume military communication with Beijing.", ["security"]),
        ("The two sides agreed to reopen military-to-military channels.", ["security"]),
        ("The military said so.", []),
    ],
)
def test_talks_between_militaries(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


def test_thousands_separators_make_no_list(knowledge):
    """ "720,000 tonnes from 695,000 tonnes": numbers, not the items of a list."""
    body = "Exports rose to 1,500 tonnes from 1,200, with trade at 3,000 tonnes, the report says."
    assert topics_of(knowledge, body) == ["trade"]


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Vietnam's coastal guard force and Malaysia's maritime agency will set up a hotline, the two governments said.", "maritime"),
        ("The two navies agreed to hold joint patrols along their sea border from next year, the defence ministers said.", "security"),
        ("The government inherits a family separation crisis at the border, the minister told lawmakers in Washington.", "rights"),
        ("Lawyers for the detainees accused the government of extrajudicial killings, the foreign ministry said.", "rights"),
    ],
)
def test_coast_guards_patrols_and_civil_rights_wording(knowledge, body, expected):
    assert expected in topics_of(knowledge, body)


@pytest.mark.parametrize(
    "body, expected",
    [
        # a meeting the article reports is high-level talks, however plainly it is told
        ("President Joe Biden hosted Prime Minister Ann Example on Tuesday.", ["visits"]),
        # one that is only planned is not (LABELS.md: held, not planned)
        ("President Joe Biden will hold discussions with Prime Minister Ann Example next week.", []),
    ],
)
def test_a_reported_meeting_between_officials_is_a_visit(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # software flaws and their exploitation are cyber security, however the story words them
        ("Attackers exploited a zero-day flaw in the file server before the vendor shipped a fix.", ["cyber"]),
        ("The critical vulnerability is witnessing active exploitation attempts, researchers said.", ["cyber"]),
        # one hint alone is not enough: surveillance aircraft patrol the strait
        ("Surveillance aircraft patrolled the strait.", []),
    ],
)
def test_cyber_in_the_words_of_security_advisories(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # the death penalty, censorship, slavery and detention without charge are human rights stories
        ("The new president plans to restore the death penalty for drug traffickers.", ["rights"]),
        ("Teachers say the censorship law keeps them from whole subjects.", ["rights"]),
        ("A commissioner would investigate modern slavery in supply chains.", ["trade", "rights"]),
        ("The boy was held for six months without charge before he died.", ["rights"]),
        # a hint alone is not: a word of hatred in a story about a television hire
        ("The network hired a commentator critics call Islamophobic.", []),
    ],
)
def test_rights_in_more_words(knowledge, body, expected):
    assert topics_of(knowledge, body) == expected


def test_a_story_known_by_its_headline_alone_takes_a_hint_for_its_topic(knowledge):
    """A feed's or digest's item with no text: its headline is all there is to read."""
    alone = Article(id="h.md#1", path="h.md", title="China and Japan resume trade dialogue after a year", body="")
    assert extract(alone, knowledge).values("topics") == ["trade"]
    # the same headline over a story of several paragraphs: one hint is not the topic
    paragraph = ("The ministers met in Beijing on a cold Monday and spoke of the weather, the harvest and the "
                 "year ahead. ")
    told = Article(id="s.md", path="s.md", title=alone.title, body=paragraph * 4)
    assert "trade" not in extract(told, knowledge).values("topics")


@pytest.mark.parametrize(
    "title, summary, topic, expected",
    [
        # a feed item's line of summary under a headline that names governments: the headline says the topic
        ("Israel vows to keep troops in Lebanon, Gaza and Syria",
         "The defence minister said Israel will under no circumstances withdraw.", "security", True),
        ("China and Japan resume trade dialogue after a year",
         "The ministers met in Beijing on Monday.", "trade", True),
        # a company's headline over a short item names no government: a hint stays a hint
        ("Dynamics Research gets Navy contract",
         "The company said it received a two-year contract to supply test stations.", "security", False),
        ("Perini Investment buys Florida properties",
         "The company said it bought three office buildings.", "trade", False),
    ],
)
def test_a_headline_over_a_line_of_summary_takes_a_hint_when_it_names_a_government(
    knowledge, title, summary, topic, expected
):
    assert (topic in topics_of_page(knowledge, title, summary)) is expected


@pytest.mark.parametrize(
    "title, body, expected",
    [
        # a visit or a trip to a country, named once, is an official visit (LABELS.md's "visits")
        ("Rubio to visit Israel amid growing tensions", "The secretary of state will discuss regional issues.", True),
        ("Lukman stops over on his way home", "He said so during a brief visit to London, his first since May.", True),
        ("Modi presses ahead", "Mr Modi's decision to press ahead with a scheduled trip to Bhutan surprised many.", True),
        # a people's name after "visiting" is no visit to their country
        ("Student sentenced", "The court sentenced a visiting American student to 15 years of hard labour.", False),
    ],
)
def test_a_visit_or_a_trip_to_a_country(knowledge, title, body, expected):
    assert ("visits" in topics_of_page(knowledge, title, body)) is expected


@pytest.mark.parametrize(
    "title, body, expected",
    [
        # Spanish, Portuguese, French, German, Italian and Swedish copy says its topics in its own words
        ("Petro y Trump se reúnen en la Casa Blanca",
         "Los presidentes de Colombia y Estados Unidos se reunieron el martes y hablaron de aranceles y comercio.",
         ["trade", "visits"]),
        ("Lula visita Argentina",
         "O presidente brasileiro fez uma visita oficial a Buenos Aires para discutir um acordo comercial.",
         ["trade", "visits"]),
        ("L'OTAN renforce ses troupes",
         "Les ministres de la défense ont annoncé un cessez-le-feu et des exercices militaires en Pologne.",
         ["security"]),
        ("Iran will Atomprogramm fortsetzen", "Teheran lehnt neue Sanktionen ab und setzt das Atomprogramm fort.",
         ["nuclear", "sanctions"]),
        ("Billström deltar i EU:s utrikesministermöte",
         "Utrikesministern vill se ett nytt sanktionspaket mot Ryssland och ökat stöd till Ukraina.",
         ["sanctions", "visits"]),
        # an attack is security however its copy names it; a cyber crisis is "cibernética" in Spanish
        ("Doble atentado en Irán: hay al menos 12 muertos y 42 heridos",
         "Terroristas atacaron el Parlamento y el mausoleo de Jomeini. El ISIS se atribuyó los hechos.", ["security"]),
        ("Attentat à Paris", "Le parquet national antiterroriste a ouvert une enquête.", ["security"]),
        ("El estudio de ENISA sobre las mejores prácticas para la gestión de crisis cibernéticas",
         "ENISA publica el estudio que ayuda en la preparación para la gestión de crisis.", ["cyber"]),
    ],
)
def test_topics_in_other_languages_words(knowledge, title, body, expected):
    assert topics_of_page(knowledge, title, body) == expected


@pytest.mark.parametrize(
    "title, body, expected",
    [
        # Chinese, Japanese and Korean signals stand inside the words around them, and "。" ends a sentence
        ("美伊谈判最大悬念：伊朗高浓缩铀由谁接手？", "美国与伊朗的会谈陷入僵局，双方就浓缩铀问题争执不下。", ["nuclear", "visits"]),
        ("台灣示警：中國加大對台空中擾台", "台灣官員警告，中國正升高對台軍事壓力、重啟大規模空中擾台。", ["security"]),
        ("岸田首相、日米首脳会談へ", "北朝鮮のミサイル発射を受け、両首脳は対応を協議した。", ["missiles", "visits"]),
        ("한미 정상회담 개최", "한국과 미국 정상은 북한 제재 이행을 논의했다.", ["sanctions", "visits"]),
        # the Security Council is a body's name, not a sentence about security
        ("联合国安全理事会开会", "安全理事会今天开会讨论预算问题。", []),
    ],
)
def test_topics_in_chinese_japanese_and_korean(knowledge, title, body, expected):
    assert topics_of_page(knowledge, title, body) == expected
