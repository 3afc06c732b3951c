"""Facet extraction: the samples scored against the lead's gold labels, then one rule at a time."""

import datetime
import json
import sys
from pathlib import Path

import pytest

from searchapp.reading import Article, archive_files, read_file
from searchapp.facets import Facets, Knowledge, KnowledgeError, extract

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from score_facets import score_archive  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed"
GOLD = DATA / "seed-gold.json"
FIXTURES = DATA / "extract"


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


def article(body: str, title: str = "Headline", date: datetime.date | None = None) -> Article:
    return Article(id="t.txt", path="t.txt", title=title, body=body, date=date)


def facets_of(knowledge, body: str, **kw) -> Facets:
    return extract(article(body, **kw), knowledge)


# ---------------------------------------------------------------- the samples against gold


@pytest.mark.parametrize("facet, minimum", [("country", 0.97), ("official", 0.95), ("topic", 0.85)])
def test_seed_samples_meet_the_f1_bar(knowledge, facet, minimum):
    report = score_archive(SEED, json.loads(GOLD.read_text(encoding="utf-8")), knowledge)
    assert len(report.articles) == 5 and all(a.found for a in report.articles)
    counts = report.counts(facet)
    misses = {a.id: (a.misses[facet], a.extras[facet]) for a in report.articles if a.misses[facet] or a.extras[facet]}
    assert counts.f1 >= minimum, misses


def seed_articles():
    return [a for p in archive_files(SEED) for a in read_file(p, SEED).articles]


def test_every_evidence_span_is_the_exact_text_it_points_at(knowledge):
    for a in seed_articles():
        facets = extract(a, knowledge)
        for facet in ("countries", "officials", "topics"):
            for value in getattr(facets, facet):
                assert value.evidence, (a.id, value.value)
                for span in value.evidence:
                    assert a.text[span.start:span.end] == span.text, (a.id, value.value, span)


def test_a_surname_is_evidence_of_the_full_name(knowledge):
    (first,) = [a for a in seed_articles() if a.id.startswith("000_")]
    wang = {v.value: v for v in extract(first, knowledge).officials}["Wang Yi"]
    texts = [s.text for s in wang.evidence]
    assert "Wang Yi" in texts and "Wang" in texts
    assert all(first.text[s.start:s.end] == s.text for s in wang.evidence)


# ---------------------------------------------------------------- countries


@pytest.mark.parametrize(
    "body, expected",
    [
        # names, short forms, acronyms, demonyms, capitals
        ("S. Korea and N. Korea talked; the ROK and the DPRK agreed.", ["South Korea", "North Korea"]),
        ("The PRC, the UAE and the UK signed; so did the USA.", ["China", "United Arab Emirates", "United Kingdom", "United States"]),
        ("The Democratic People’s Republic of Korea and the Republic of Korea met.", ["North Korea", "South Korea"]),
        ("A Chinese ship and a South Korean jet.", ["China", "South Korea"]),
        ("Beijing said it would respond to Pyongyang, Hanoi and Taipei.", ["China", "North Korea", "Vietnam", "Taiwan"]),
        ("Sino-US ties and China-Japan relations.", ["United States", "China", "Japan"]),
        # "US" is a country only in capitals, and not in an all-caps line of page furniture
        ("Like Us on Facebook. Tell us more.", []),
        ("The deal is worth US$10 million.", []),
        ("LIKE US ON FACEBOOK\n\nUS officials said so.", ["United States"]),
        # Washington: the government, not a newspaper, a person or the state
        ("The Washington Post reported that Denzel Washington was in Seattle, Washington state.", []),
        ("Talks between Beijing and Washington resumed.", ["China", "United States"]),
        # a capital that starts another proper name is a place or an event, not the government
        ("The museum marks the Warsaw Ghetto Uprising.", []),
        ("Shares fell on the Tokyo Stock Exchange after the Seoul Olympics.", []),
        ("Warsaw said the Moscow Metro was closed.", ["Poland"]),
        # Georgia the US state against Georgia the country
        ("Georgia's governor in Atlanta signed the bill.", []),
        ("Georgia and Russia fought a war over South Ossetia.", ["Georgia", "Russia"]),
        # persons named like countries
        ("Michael Jordan visited. Jordan Peterson spoke.", []),
        ("Jordan's King Abdullah met officials in Amman.", ["Jordan"]),
        ("Chad Smith played drums.", []),
        ("Chad and Niger signed a pact.", ["Chad", "Niger"]),
        ("The Niger Delta lies in Nigeria.", ["Nigeria"]),
        ("We ate turkey. Turkey said it would veto.", ["Turkey"]),
        # regions, peninsulas and bare directions name no country
        ("Tensions on the Korean Peninsula rose. The North fired. The South responded.", []),
        ("A Korean singer performed in the South China Sea region.", []),
        ("Latin American and South American ministers met by the Indian Ocean.", []),
        # places inside a country add no other country
        ("She flew to Busan, Xiamen and Annapolis, Maryland.", []),
        # organisations are not countries
        ("The UN, ASEAN and the UNSC met.", []),
        # a demonym inside an official's title still counts
        ("Chinese President Xi Jinping spoke.", ["China"]),
        # an outlet named after a place, credited, names no country ("Israel National News", outlets.json's)
        ("Talks resumed in Geneva, Israel National News reported.", []),
        ("Tehran radio, monitored by the British Broadcasting Corporation, said the attack began.", ["Iran"]),
        ("Israel said the talks in Geneva would resume.", ["Israel"]),
    ],
)
def test_countries(knowledge, body, expected):
    assert facets_of(knowledge, body, title="").values("countries") == expected


# ---------------------------------------------------------------- officials


@pytest.mark.parametrize(
    "body, expected",
    [
        # known officials by name and alias, variants merged to the list's name
        ("Kim Jong-un met Yoon Suk-yeol and Ban Ki-moon.", ["Kim Jong Un", "Yoon Suk Yeol", "Ban Ki-moon"]),
        # discovery from a title before the name
        ("Deputy Foreign Minister Choi Yong-sam met reporters.", ["Choi Yong-sam"]),
        ("White House National Security Adviser Jake Sullivan spoke.", ["Jake Sullivan"]),
        ("South Korea's National Security Office Director Suh Hoon spoke.", ["Suh Hoon"]),
        ("Foreign Ministry spokesperson Hua Chunying said so.", ["Hua Chunying"]),
        ("Sen. Marco Rubio and Rep. Nancy Pelosi criticised Beijing.", ["Marco Rubio", "Nancy Pelosi"]),
        # discovery from an apposition
        ("Daniel Kritenbrink, assistant US secretary of state for East Asian affairs, said so.", ["Daniel Kritenbrink"]),
        ("Hua Chunying, the ministry's spokesperson, said so.", ["Hua Chunying"]),
        ("Jake Sullivan, national security adviser to President Joe Biden, spoke.", ["Jake Sullivan", "Joe Biden"]),
        ("U.S. Ambassador to South Korea Philip Goldberg spoke.", ["Philip Goldberg"]),
        # a place before "the president said" is not a person
        ("In New York, the president said so.", []),
        # analysts, bylines, photographers are never officials
        ("Lee Sung-yoon, a professor at Tufts, said. Kim Dong-yup, an analyst at a university, added.", []),
        ("Victor Cha, a senior vice president at the Center for Strategic Studies, said so.", []),
        ("Asan Institute president Choi Kang said so.", []),
        ("Talks went well.\n\nBy Choi Si-young (choi@example.com)", []),
        ("Talks went well.\n\nBy Su Yuting CGTN", []),
        # a byline's names, not the story that runs on in its line when the copy lost its breaks
        ("By Jane Roe UNITED NATIONS (Reuters) - Zimbabwe's President Robert Mugabe spoke.", ["Robert Mugabe"]),
        ("By Jane Roe and John Doe, Reuters Staff", []),
        # legislators of every level, candidates for office and envoys to the UN are politicians and officials
        ("She worked with Assemblyman Sheldon Silver on the bill.", ["Sheldon Silver"]),
        ("Kuomintang candidate Han Kuo-yu spoke in Yilan.", ["Han Kuo-yu"]),
        ("British permanent representative Matthew Rycroft spoke.", ["Matthew Rycroft"]),
        # the portfolio's last word, an organisation's possessive, a school board: no one's name
        ("UN High Commissioner for Human Rights Zeid Ra'ad Al Hussein released a report.", ["Zeid Ra'ad Al Hussein"]),
        ("Jane Roe, Director of Australian Strategic Policy Institute's Defence programme, spoke.", []),
        ("A spokesperson for the Loudoun County Public Schools directed reporters to statements.", []),
        # a non-breaking hyphen, as typeset copy has it, joins a name as a hyphen does
        ("The tests coincided with President Lee Teng\u2011hui's visit.", ["Lee Teng-hui"]),
        ("(Photo : Reuters) Reuters photographer Kim Hong-ji took pictures.", []),
        ("The film director Bong Joon-ho spoke.", []),
        # a misspelling of a known official is that official
        ("Secretary of State Antony Bliken arrived.", ["Antony Blinken"]),
        # Korean names in press order, whichever way the hyphen fell
        ("First Vice Foreign Minister Chang-ho Jin met Vice Minister Chang Ho-jin.", ["Chang Ho-jin"]),
        ("Vice Foreign Minister Ho-jin Chang spoke.", ["Chang Ho-jin"]),
        # a bare surname after a title or before "administration": the one known official it fits
        ("The Yoon administration said so.", ["Yoon Suk Yeol"]),
        ("President Xi said. Foreign Minister Wang agreed.", ["Xi Jinping", "Wang Yi"]),
        ("The Trump administration said so.", ["Donald Trump"]),
        # ... of the title's kind: the foreign minister Wang is no spokesperson Wang; the one known
        # spokesperson of that name is (undated, so at any time)
        ("Foreign Ministry spokesperson Wang said so.", ["Wang Wenbin"]),
        # "Park" the place is no one
        ("Visitors filled Gorky Park and Central Park.", []),
    ],
)
def test_officials(knowledge, body, expected):
    assert facets_of(knowledge, body, title="").values("officials") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a capital or a particle inside a surname is part of it
        ("Under-Secretary-General Rosemary DiCarlo spoke.", ["Rosemary DiCarlo"]),
        ("Senator John McCain met Governor Ron DeSantis.", ["John McCain", "Ron DeSantis"]),
        ("Ambassador Douglas MacArthur II and Ambassador Sean O'Brien met.", ["Douglas MacArthur II", "Sean O'Brien"]),
        ("Ambassador Pierre LeBlanc met Minister Adel al-Jubeir.", ["Pierre LeBlanc", "Adel al-Jubeir"]),
        ("Ambassador Anna van der Berg met Minister Joao da Costa.", ["Anna van der Berg", "Joao da Costa"]),
        # appositions with other heads: head, chief, director, chairman, envoy, under-secretary-general
        ("Liu Jianchao, head of the International Liaison Department, met them.", ["Liu Jianchao"]),
        ("Jane Doe, chief of the naval staff, spoke. John Roe, director of the agency, agreed.", ["Jane Doe", "John Roe"]),
        ("Mark Poe, chairman of the Armed Services Committee, spoke. Ann Moe, envoy to the talks, agreed.", ["Mark Poe", "Ann Moe"]),
        ("Rosemary DiCarlo, the UN under-secretary-general for political affairs, said so.", ["Rosemary DiCarlo"]),
        # a title, a comma, then the name (closed by a comma or a verb)
        ("China's U.N. ambassador, Zhang Yesui, said so.", ["Zhang Yesui"]),
        ("His counterpart, Hiroshige Seko, told reporters.", ["Hiroshige Seko"]),
        ("The minister, on Monday, said so. The minister, Yang, said so.", []),
        # a plural title introduces every name of its list
        ("He met counterparts Penny Wong and Marise Payne.", ["Penny Wong", "Marise Payne"]),
        ("Foreign ministers Anna Ek, Park Jin and Lars Berg met.", ["Anna Ek", "Park Jin", "Lars Berg"]),
        ("Foreign ministers Taro Kono and Kang Kyung-wha met.", ["Taro Kono", "Kang Kyung-wha"]),
        # military ranks, abbreviated with or without full stops or in capitals, and chiefs of staff
        ("Chief of Army LTGEN Angus Campbell met RADM Mark Hammond and VADM Tim Barrett.", ["Angus Campbell", "Mark Hammond", "Tim Barrett"]),
        ("Lt Gen Paul Nakasone met Lt. Gen. Ann Doe and Brig Gen Sam Roe.", ["Paul Nakasone", "Ann Doe", "Sam Roe"]),
        ("Air Chief Marshal Mark Binskin met Gen Ann Moe and Adm Sam Poe.", ["Mark Binskin", "Ann Moe", "Sam Poe"]),
        ("Chief of the Defence Force Angus Campbell met the Chief of Naval Operations Mike Gilday.", ["Angus Campbell", "Mike Gilday"]),
        # economic cabinet posts, speakers and climate envoys
        ("Treasury Secretary Janet Yellen met Commerce Secretary Gina Raimondo.", ["Janet Yellen", "Gina Raimondo"]),
        ("Speaker of the House Mike Johnson met climate envoy Xie Zhenhua.", ["Mike Johnson", "Xie Zhenhua"]),
        ("Economy Minister Anna Berg and Industry Minister Lars Ek met.", ["Anna Berg", "Lars Ek"]),
        ("US Trade Representative Katherine Tai met trade minister Yeo Han-koo.", ["Katherine Tai", "Yeo Han-koo"]),
        # ... but not a bank's or a firm's head
        ("Sam Lee, head of research at a bank, said so.", []),
        # known names joined by a hyphen are both named; a lowercase syllable after
        # the hyphen makes a longer name, so the shorter one does not match inside it
        ("Under the 2014 Ashraf Ghani-Abdullah Abdullah deal, the posts were shared.", ["Ashraf Ghani", "Abdullah Abdullah"]),
        ("The Wang Yi-Antony Blinken call ran long.", ["Wang Yi", "Antony Blinken"]),
        ("Wang Yi-ming, a trader, said so.", []),
        # a company is no one, even after a word that is also a rank
        ("DETROIT, March 2 - General Motors Corp said its car sales fell.", []),
        ("Mitsubishi Motors Corp and General Electric Co said so; General Mark Milley did not.", ["Mark Milley"]),
    ],
)
def test_name_shapes_and_appositions(knowledge, body, expected):
    assert facets_of(knowledge, body, title="").values("officials") == expected


@pytest.mark.parametrize(
    "title, body, expected",
    [
        # the capitals of a Title-Case headline are no name ...
        ("Foreign Minister Conveys Concern Over Missile Tests", "The minister spoke on Monday.", []),
        ("Leaders Mark Anniversary Of Treaty", "The leaders met.", []),
        # ... unless the body has the name too, or it is a known official
        ("Foreign Minister Lars Berg Visits Seoul", "Foreign Minister Lars Berg arrived.", ["Lars Berg"]),
        ("President Joe Biden Meets Allies", "The talks began.", ["Joe Biden"]),
        # a sentence-case headline is running text
        ("Minister Ann Ek visits Seoul", "It rained.", ["Ann Ek"]),
        # a Title-Case subhead inside the body
        ("Talks", "Seoul hosted talks.\n\nSpokesman Says Ties Are Fine\n\nThe talks ended.", []),
    ],
)
def test_title_case_lines(knowledge, title, body, expected):
    assert facets_of(knowledge, body, title=title).values("officials") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # the press drops the accents of a canonical name; a bare surname follows either way
        ("Foreign Minister Mevlut Cavusoglu arrived. Cavusoglu said so.", ["Mevlüt Çavuşoğlu"]),
        ("Mevlüt Çavuşoğlu arrived. Çavuşoğlu said so.", ["Mevlüt Çavuşoğlu"]),
        ("Tayyip Erdogan spoke.", ["Recep Tayyip Erdoğan"]),
    ],
)
def test_accents_do_not_matter(knowledge, body, expected):
    values = {v.value: [s.text for s in v.evidence] for v in facets_of(knowledge, body, title="").officials}
    assert list(values) == expected
    assert len(values[expected[0]]) == body.count(".")




@pytest.mark.parametrize(
    "body, official, surnames",
    [
        # the surname means the article's person of that name, not another of the known list
        ("South Korean counterpart Park Jin met Wang. Park said. Foreign Minister Park added.", "Park Jin", 2),
        ("Deputy Foreign Minister Choi Yong-sam met. Choi said so.\n\nBy Choi Si-young (x@example.com)", "Choi Yong-sam", 1),
        ("Secretary of State Antony Bliken met. Blinken left.", "Antony Blinken", 1),
    ],
)
def test_surname_mentions_resolve_within_the_article(knowledge, body, official, surnames):
    values = {v.value: v for v in facets_of(knowledge, body, title="").officials}
    spans = [s for s in values[official].evidence if " " not in s.text]
    assert len(spans) == surnames
    assert "Park Geun-hye" not in values


@pytest.mark.parametrize(
    "body, expected",
    [
        (
            "Wang Yi met Wang Wenbin, the ministry spokesman. Wang said so.",
            {"Wang Yi": ["Wang Yi"], "Wang Wenbin": ["Wang Wenbin"]},
        ),
        ("President Kim met Kim. Prime Minister Lee spoke.", {}),
        # "Sung Kim" may be called "Kim" as much as "Kim Gunn" may
        (
            "Nuclear envoy Kim Gunn met his U.S. counterpart Sung Kim. Kim said so.",
            {"Kim Gunn": ["Kim Gunn"], "Sung Kim": ["Sung Kim"]},
        ),
    ],
)
def test_an_unclear_surname_adds_no_one(knowledge, body, expected):
    values = {v.value: [s.text for s in v.evidence] for v in facets_of(knowledge, body, title="").officials}
    assert values == expected


@pytest.mark.parametrize(
    "day, expected",
    [
        (datetime.date(2010, 6, 1), ["Lee Myung-bak"]),
        (None, []),  # several Presidents Lee over the years: no date, no guess
    ],
)
def test_a_bare_title_and_surname_uses_the_article_date(knowledge, day, expected):
    assert facets_of(knowledge, "President Lee spoke.", title="", date=day).values("officials") == expected


@pytest.mark.parametrize(
    "title, body, day, expected",
    [
        # a repeated bare surname: the one official of the article's countries in office that day
        ("Talks", "Russia wants talks. Lavrov said so. Lavrov added more.", datetime.date(2015, 6, 1), ["Sergey Lavrov"]),
        # ...or once, when no other known official has that surname ("Blinken and Lammy in Kyiv")
        ("Talks", "Russia wants talks. Lavrov said so.", datetime.date(2015, 6, 1), ["Sergey Lavrov"]),
        # a possessive surname in a headline
        ("Obama's First Test", "The United States faces a test.", datetime.date(2009, 6, 1), ["Barack Obama"]),
        # no date, one mention, no such country, not yet in office, or several such officials: no one
        ("Talks", "Russia wants talks. Lavrov said so. Lavrov added more.", None, []),
        ("Talks", "Japan wants talks. Lavrov said so.", datetime.date(2015, 6, 1), []),
        ("Talks", "Japan wants talks. Lavrov said so. Lavrov added more.", datetime.date(2015, 6, 1), []),
        ("Obama's First Test", "The United States faces a test.", datetime.date(2005, 6, 1), []),  # not yet a leader
        ("Talks", "North Korea and South Korea talked. Kim said so. Kim added more.", datetime.date(2015, 6, 1), []),
        # cabinet members beyond foreign and defence ministers are known too
        ("Talks", "Japan wants a deal. Seko said so. Seko added more.", datetime.date(2018, 5, 1), ["Hiroshige Seko"]),
    ],
)
def test_a_bare_surname_checked_against_the_article_date(knowledge, title, body, day, expected):
    assert facets_of(knowledge, body, title=title, date=day).values("officials") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a generational suffix belongs to the name, known or discovered
        ("Defense Secretary Gilberto Teodoro Jr. met Gen. Romeo Brawner Jr.", ["Gilberto Teodoro Jr.", "Romeo Brawner Jr."]),
        ("Agriculture Secretary Francisco Tiu Laurel Jr. spoke.", ["Francisco Tiu Laurel Jr."]),
        ("Defense Secretary Gilberto Teodoro said so.", ["Gilberto Teodoro Jr."]),
        # the name without it, seen first, is the same person
        ("Gen. Romeo Brawner said so. Armed Forces chief Romeo Brawner Jr. added more.", ["Romeo Brawner Jr."]),
        # a suffix is no surname: the bare surname is the one before it
        ("Gen. Romeo Brawner Jr. spoke. Brawner said so.", ["Romeo Brawner Jr."]),
    ],
)
def test_name_suffixes(knowledge, body, expected):
    assert facets_of(knowledge, body, title="").values("officials") == expected


def test_a_bare_surname_after_a_suffixed_name_is_its_evidence(knowledge):
    (value,) = facets_of(knowledge, "Gen. Romeo Brawner Jr. spoke. Brawner said so.", title="").officials
    assert [s.text for s in value.evidence] == ["Romeo Brawner Jr.", "Brawner"]


@pytest.mark.parametrize(
    "body, expected",
    [
        # Japanese names: given name first, as English-language press writes them
        ("Japanese Ambassador to Manila Endo Kazuya spoke.", ["Kazuya Endo"]),
        ("Japanese Ambassador Kazuya Endo spoke. Japan's envoy Ambassador Endo Kazuya left.", ["Kazuya Endo"]),
        ("Japan's Foreign Minister Kamikawa Yoko arrived.", ["Yoko Kamikawa"]),
        # ... only where the article is about Japan
        ("Ambassador Endo Kazuya spoke.", ["Endo Kazuya"]),
        # Hong Kong names: English given name and surname
        ("Chief Executive Carrie Lam Cheng Yuet-ngor spoke. Chief Executive Carrie Lam left.", ["Carrie Lam"]),
        ("Chief Executive Mary Chan Wai-ling spoke.", ["Mary Chan"]),
        # Korean and Chinese names keep the family name first
        ("Vice Foreign Minister Ho-jin Chang met Vice Premier Liu Guozhong.", ["Chang Ho-jin", "Liu Guozhong"]),
    ],
)
def test_names_in_press_order(knowledge, body, expected):
    assert facets_of(knowledge, body, title="").values("officials") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # government titles of the Philippine beat
        ("Palace Press Officer Claire Castro said so.", ["Claire Castro"]),
        ("Former ombudsman Conchita Carpio Morales filed the case.", ["Conchita Carpio Morales"]),
        ("National Security Council assistant director general Jonathan Malaya said so.", ["Jonathan Malaya"]),
        ("Solicitor General Menardo Guevarra filed the petition.", ["Menardo Guevarra"]),
        # a lower-case "chief" after an organisation's name, with a rank after it
        ("Armed Forces of the Philippines chief Gen. Romeo Brawner Jr. said so.", ["Romeo Brawner Jr."]),
        ("National People's Congress chief Li Zhanshu met him.", ["Li Zhanshu"]),
        ("The chief Juan Cruz said so.", []),
        # a post's place may be an acronym
        ("Philippine Ambassador to the US Jose Manuel Romualdez spoke.", ["Jose Manuel Romualdez"]),
        # a mayor in an apposition, also after "of"
        ("It was the case of Alice Guo, the dismissed mayor of Bamban, that shocked.", ["Alice Guo"]),
        # a retired officer is a commentator now
        ("According to retired Rear Admiral Juan Ong, the plan is old.", []),
        # business groups' presidents and heads are no officials
        ("Exporters Confederation president Sergio Ortiz-Luis Jr. said so.", []),
        ("Danilo Fausto, president of the Philippine Chamber of Agriculture, said so.", []),
        ("Tetsu Nozaki, head of the federation, told the minister.", []),
        # a nickname inside a known name
        ("Defence secretary Jim 'Mad Dog' Mattis warned Pyongyang.", ["Jim Mattis"]),
        # a known name with its honorific
        ("It is no showdown with Ayatollah Khomeini.", ["Ruhollah Khomeini"]),
    ],
)
def test_officials_from_titles_and_appositions(knowledge, body, expected):
    assert facets_of(knowledge, body, title="").values("officials") == expected


@pytest.mark.parametrize(
    "body, officials, countries",
    [
        # a surname that is also a country's name or capital stays in the name, and names no country
        ("Rear Adm. Roy Vincent Trinidad, the Navy spokesperson, said so.", ["Roy Vincent Trinidad"], []),
        ("NBI Director Jaime Santiago said so.", ["Jaime Santiago"], []),
        ("Foreign Secretary Ma. Theresa Lazaro met Theresa Lazaro's staff.", ["Maria Theresa Lazaro"], []),
        # the place itself still counts where it stands for the government (after "in" it is only a place)
        ("Ministers said Santiago and Trinidad agreed.", [], ["Chile", "Trinidad and Tobago"]),
    ],
)
def test_full_names_are_kept_whole(knowledge, body, officials, countries):
    got = facets_of(knowledge, body, title="")
    assert (got.values("officials"), got.values("countries")) == (officials, countries)


@pytest.mark.parametrize(
    "body, day, expected",
    [
        # "He" starting a sentence is a pronoun, not Vice Premier He Lifeng
        ("China and South Korea talked. He said so. He added more.", datetime.date(2024, 12, 7), []),
        # a role that is never an official's before a surname: not the known official of that name
        ("South Korea mourned. Police rejected late actor Lee's request.", datetime.date(2023, 12, 27), []),
        # "the Duterte years" is the president's time, as "the Duterte administration" is
        ("Fraud flourished in the Philippines during the Duterte years.", datetime.date(2025, 1, 1), ["Rodrigo Duterte"]),
    ],
)
def test_bare_surnames_need_a_clear_person(knowledge, body, day, expected):
    assert facets_of(knowledge, body, title="", date=day).values("officials") == expected


# ---------------------------------------------------------------- topics


@pytest.mark.parametrize(
    "body, expected",
    [
        # a sentence on a topic tags it
        ("North Korea's nuclear program worries Seoul.", ["nuclear"]),
        ("The two sides discussed the South China Sea.", ["maritime"]),
        ("They agreed to fight the COVID-19 pandemic together.", ["health"]),
        # a passing word does not
        ("The minister will visit next week.", []),
        # nor one item of a long list
        ("They talked about climate change, the economy, aid around the world, and Afghanistan.", []),
        # commas around an aside do not make a list
        ("Park, who teaches in Seoul, said it would reshape regional trade and supply chains, sooner or later.", ["trade"]),
        # three different weak hints in different sentences add up; two do not
        ("The Japanese minister will visit next month. Talks will follow. They meet on Monday.", ["visits"]),
        ("The Japanese minister will visit next month. Talks will follow.", []),
        # a visit to a country is a visit, named once ("will visit Seoul")
        ("The minister will visit Seoul. Talks will follow.", ["visits"]),
        # a sentence repeated word for word (a headline shown three times) counts once
        ("Leaders discuss missile launch\n\nLeaders discuss missile launch\n\nLeaders discuss missile launch", ["missiles"]),
        ("Ties deepen\n\nTies deepen\n\nThe Chilean summit ended.", ["visits"]),
        ("Visit ends.\n\nVisit ends.", []),
        # embargoes and arms exports are sanctions, not trade
        ("The UN kept its trade and arms embargo on the regime.", ["sanctions"]),
        ("The country banned arms exports to the region.", ["sanctions"]),
        ("Washington tightened export curbs on chips to punish Beijing.", ["sanctions"]),
        # alliances and build-ups are security
        ("NATO members met in Brussels.", ["security"]),
        ("The AUKUS partners pressed on.", ["security"]),
        ("They criticised the military buildup near the border.", ["security"]),
        ("The two agreed to deepen defence cooperation.", ["security"]),
        # a phone call between leaders is high-level talks
        ("The Chilean and Peruvian presidents spoke by phone on Monday.", ["visits"]),
        ("The Chilean ministers held telephone talks.", ["visits"]),
        # trade in passing is not the trade topic; a trade deal is
        ("The navy patrols to ensure unhampered global trade.", []),
        ("The two sides signed a trade deal.", ["trade"]),
        # the Security Council is not the security topic, nuclear power is not the nuclear topic
        ("The Security Council met. The nuclear power plant reopened.", []),
    ],
)
def test_topics_pass_a_threshold(knowledge, body, expected):
    assert facets_of(knowledge, body, title="").values("topics") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a passing mention is not a sentence on the topic
        ("He accused his opponents of sympathizing with nuclear-armed North Korea.", []),
        ("Less international maritime trade means fewer Filipino seafarers.", []),
        ("They discussed maritime security and economic cooperation.", ["maritime"]),
        # the strong forms of the same words are
        ("North Korea's nuclear and missile programs worry Seoul.", ["nuclear", "missiles"]),
        ("The Korean Peninsula nuclear issue was raised.", ["nuclear"]),
        ("Both sides restated their maritime claims.", ["maritime"]),
        # one weak word repeated is one hint
        ("The meeting began. The meeting ran long. The meeting ended. The meeting was held in Iwaki.", []),
        ("The IAEA reported. The IAEA said so. The IAEA added more.", []),
        # words that only look like signals
        ("Equally important is the gain for the country.", []),
        ("These waters host a wide variety of species.", []),
        ("Jane Doe is a writer for Fox News Digital.", []),
        ("Tourists ignored the travel advisory. Visitors kept coming.", []),
        ("© picture alliance/dpa", []),
        ("Defense Secretary Pete Hegseth spoke to reporters.", []),
        # a caption of two words is no sentence; a short sentence is
        ("Coronavirus - USA", []),
        ("Coronavirus cases rose.", ["health"]),
        # espionage is security; camps and torture are rights; radioactive water is the environment
        ("The suspect faces espionage charges.", ["security"]),
        ("Would you expect it to tell you about the country's concentration camps?", ["rights"]),
        ("They were held in illegal detention, even torture.", ["rights"]),
        ("The plan would release radioactive water into the sea.", ["climate"]),
        ("The bank is among the critical centers of marine biodiversity.", ["climate"]),
        # a state visit's ceremonies, and a meeting on arrival, are a visit; a red carpet alone is a hint
        ("The president hosted China's leader at a state dinner in Washington.", ["visits"]),
        ("The meeting with Zarif took place soon after Kerry's arrival in Norway.", ["visits"]),
        ("The film's stars walked the red carpet.", []),
    ],
)
def test_topics_need_a_sentence_on_them(knowledge, body, expected):
    assert facets_of(knowledge, body, title="").values("topics") == expected


def test_topic_evidence_names_the_signal_words(knowledge):
    (value,) = facets_of(knowledge, "Kerry spoke on cybersecurity and Internet freedom.", title="").topics
    assert (value.value, [s.text for s in value.evidence]) == ("cyber", ["cybersecurity", "Internet freedom"])


# ---------------------------------------------------------------- knowledge files


def test_bundled_countries_are_the_un_members_the_holy_see_taiwan_and_kosovo():
    data = json.loads((Path(__file__).resolve().parent.parent / "searchapp" / "knowledge" / "countries.json").read_text())
    names = [c["name"] for c in data["countries"]]
    assert len(names) == len(set(names)) == 193 + 3
    assert {"Taiwan", "Vatican City", "Kosovo", "South Korea", "North Korea", "United States", "China"} <= set(names)


def test_kosovo_by_name_demonym_and_capital(knowledge):
    body = ("Serbs in Kosovo clashed with police. Kosovar officials said Pristina would not back down, "
            "and Belgrade said the same.")
    assert facets_of(knowledge, body, title="").values("countries") == ["Serbia", "Kosovo"]


def test_a_newsrooms_folder_overrides_and_extends(knowledge):
    extended = Knowledge.load(FIXTURES / "override")
    body = "Hanguk and Hargeisa talked. Wang Yee thanked Mayor Anna Lindqvist. Lunar spacecraft orbited."
    got = extract(article(body, title=""), extended)
    assert got.values("countries") == ["South Korea", "Somaliland"]
    assert got.values("officials") == ["Wang Yi", "Ana Lindqvist"]
    assert got.values("topics") == ["space"]
    # the bundled knowledge is untouched, and the override kept what it did not name
    assert extract(article(body, title=""), knowledge).values("countries") == []
    assert extract(article("Beijing and Seoul met.", title=""), extended).values("countries") == ["China", "South Korea"]


@pytest.mark.parametrize("day, expected", [(datetime.date(2020, 5, 1), ["Tomas Ek"]), (datetime.date(2022, 5, 1), ["Tove Ek"])])
def test_officials_roles_carry_dates(day, expected):
    extended = Knowledge.load(FIXTURES / "override")
    assert extract(article("Prime Minister Ek spoke.", title="", date=day), extended).values("officials") == expected


@pytest.mark.parametrize(
    "folder, message",
    [
        ("badjson", "not valid JSON"),
        ("noname", 'needs a "name"'),
        ("badtopics", "numeric weights"),
        ("badinflected", "Arabic, Hebrew or Cyrillic"),
        ("missing-folder", "does not exist"),
    ],
)
def test_bad_knowledge_files_get_a_clear_error(folder, message):
    with pytest.raises(KnowledgeError, match=message):
        Knowledge.load(FIXTURES / folder)


# ---------------------------------------------------------------- held-out failure classes (self-written sentences)


@pytest.mark.parametrize(
    "body, expected",
    [
        # an apposition after the name, introduced by "who", even after "to"
        ("Staff now report to Jane Roe, who serves as the acting special envoy for the region.", ["Jane Roe"]),
        ("\"We wait,\" said Amina Tahir, the Nigerian diplomat who chairs the group.", ["Amina Tahir"]),
        # a long title whose post names two places joined by "and"
        ("The talks stalled, said former Special Representative for Sudan and Chad Peter Vance.", ["Peter Vance"]),
        ("His commander in chief, Ivan Petrenko, said the line held.", ["Ivan Petrenko"]),
        # an editor's brackets inside a quote
        ("He said \u201c[Russian President Vladimir] Putin knows it.\u201d", ["Vladimir Putin"]),
        # initials and middle initials
        ("Gen. CQ Brown met his counterparts.", ["CQ Brown"]),
        ("Foreign Minister Sergei V. Lavrov spoke.", ["Sergey Lavrov"]),
        # people who are not (or no longer) officials
        ("Karim Sadat, a Shiite community leader, said the mosque was full.", []),
        ("\"It failed,\" said Tom Hale, a former adviser to the president who is now at the Lee Foundation.", []),
    ],
)
def test_officials_of_the_held_out_classes(knowledge, body, expected):
    assert facets_of(knowledge, body).values("officials") == expected


@pytest.mark.parametrize(
    "body, day, expected",
    [
        ("The Trump administration's plan stalled.", None, ["Donald Trump"]),
        ("The Bush administration said no.", None, ["George W. Bush"]),  # undated: the longer-serving one
        ("The Bush administration said no.", datetime.date(1991, 3, 1), ["George H. W. Bush"]),
        ("The Bush administration said no.", datetime.date(2011, 3, 1), ["George W. Bush"]),  # closest term
    ],
)
def test_a_surname_before_administration_is_the_leader_of_the_era(knowledge, body, day, expected):
    assert facets_of(knowledge, body, date=day).values("officials") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("In Vienna, diplomats met again.", []),
        ("A Washington-based group wrote it.", []),
        ("The authorities in Seoul said so.", ["South Korea"]),
        ("Vienna said no.", ["Austria"]),
        ("The IsraeliPalestinian talks resumed.", ["Israel"]),
        ("The ChineseJapanese talks resumed.", ["China", "Japan"]),
        ("He posted on a Russian-language forum.", []),
        # a region of one country named after another: China's Inner Mongolia is no Mongolia
        ("A flash flood hit a city in Inner Mongolia.", []),
    ],
)
def test_country_forms_that_name_a_place_or_language(knowledge, body, expected):
    assert facets_of(knowledge, body).values("countries") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Coast guards patrolled the East China and South China seas.", ["maritime"]),
        ("A shell hit the Shati refugee camp.", []),
        ("Allies plan for the EU and NATO summits.", ["security"]),
        ("The Vietnamese summit opened in Hanoi.", ["visits"]),
    ],
)
def test_topic_signals_in_passing(knowledge, body, expected):
    assert facets_of(knowledge, body).values("topics") == expected


# ---------------------------------------------------------------- work grows linearly with the article

GIVEN_NAMES = "Daniel Maria Tomas Ingrid Rafael Amara Jonas Leila Mateo Sofia".split()
SYLLABLES = "var del mon tor ash ben cal dor fen gal hal kor lin mar nor pel ros sel tam vel".split()


def _person(i: int) -> tuple[str, str]:
    """The i-th of many distinct people: a given name and a surname made of syllables ("Delmonov")."""
    surname = (SYLLABLES[i % 20] + SYLLABLES[i // 20 % 20] + "ov").capitalize()
    return GIVEN_NAMES[i % 10], surname + ("ski" if i >= 400 else "")


def dense_text(paragraphs: int) -> str:
    """An article dense with names: each paragraph brings new people (titled, in apposition, by
    surname alone) and a headline line with a name, as a long compilation of stories does."""
    out = []
    for n in range(paragraphs):
        (g1, s1), (g2, s2) = _person(2 * n), _person(2 * n + 1)
        out.append(f"Minister {g1} {s1} Meets Counterparts In Seoul Over Trade")
        out.append(
            f"Deputy Foreign Minister {g1} {s1} met Secretary of State Antony Blinken in Manila on Tuesday. "
            f"{g2} {s2}, the deputy defence minister, said the drills near Taiwan would go on. "
            f"{s1} said the talks on sanctions were frank, and {s2} said Japan agreed."
        )
    return "\n\n".join(out)


class CountingRe:
    """The re module as extract.py calls it, counting the characters each call is given to scan."""

    def __init__(self):
        import re

        self.re, self.chars = re, 0

    def __getattr__(self, name):
        return getattr(self.re, name)

    def _scan(self, name, string, *args, **kw):
        self.chars += len(string)
        return getattr(self.re, name)(*args[:1], string, *args[1:], **kw)

    def finditer(self, pattern, string, *a, **kw):
        return self._scan("finditer", string, pattern, *a, **kw)

    def search(self, pattern, string, *a, **kw):
        return self._scan("search", string, pattern, *a, **kw)

    def match(self, pattern, string, *a, **kw):
        return self._scan("match", string, pattern, *a, **kw)

    def fullmatch(self, pattern, string, *a, **kw):
        return self._scan("fullmatch", string, pattern, *a, **kw)

    def findall(self, pattern, string, *a, **kw):
        return self._scan("findall", string, pattern, *a, **kw)

    def split(self, pattern, string, *a, **kw):
        return self._scan("split", string, pattern, *a, **kw)

    def sub(self, pattern, repl, string, *a, **kw):
        self.chars += len(string)
        return self.re.sub(pattern, repl, string, *a, **kw)


def extraction_work(knowledge, monkeypatch, text: str) -> tuple[int, int]:
    """(characters handed to re calls, calls comparing spellings) while extracting text's facets."""
    from searchapp.facets import countries, names, officials, phrases, surnames, topics
    from searchapp.facets import text as text_module

    counting = CountingRe()
    calls = [0]

    def counted(function):
        def wrapper(*args):
            calls[0] += 1
            return function(*args)
        return wrapper

    with monkeypatch.context() as patch:
        for module in (countries, names, officials, phrases, surnames, text_module, topics):
            patch.setattr(module, "re", counting)
        spelling_key = counted(text_module.spelling_key)
        for module in (names, officials):
            patch.setattr(module, "spelling_key", spelling_key)
        patch.setattr(names, "_close", counted(names._close))
        facets = extract(article(text, date=datetime.date(2023, 6, 1)), knowledge)
    assert len(facets.officials) > 20  # the people were found: the work measured is the real one
    return counting.chars, calls[0]


def test_extraction_work_grows_linearly_with_the_articles_length(knowledge, monkeypatch):
    """Twice the text is at most 2.5 times the work. Before: every new name was compared with everyone
    seen so far, each name in a headline searched the whole text, each apposition copied the rest of
    the text: four times the work for twice the text (a 2 MB article took 79 s, 1 MB 25 s)."""
    one = extraction_work(knowledge, monkeypatch, dense_text(40))
    two = extraction_work(knowledge, monkeypatch, dense_text(80))
    assert two[0] <= 2.5 * one[0], ("characters scanned", one[0], two[0])
    assert two[1] <= 2.5 * one[1], ("spellings compared", one[1], two[1])


def test_names_spelled_alike_merge_as_before_when_looked_up_by_key(knowledge):
    """The spelling index finds what comparing with everyone found: the same person, a suffixed
    fuller form, a one-letter misspelling of a long name; a different person stays apart."""
    body = (
        "Deputy Minister Romeo Brawner said the drills would go on. Later Deputy Minister Romeo Brawner Jr. "
        "said so again. Ambassador Tammonini Delvarez spoke. Ambassador Tammonini Delvares spoke too. "
        "Ambassador Rosa Varmarek spoke last."
    )
    officials = facets_of(knowledge, body).officials
    assert [(v.value, len(v.evidence)) for v in officials] == [
        ("Romeo Brawner Jr.", 2), ("Tammonini Delvarez", 2), ("Rosa Varmarek", 1)
    ]


# ---------------------------------------------------------------- leaders by surname, organisations after a title


@pytest.mark.parametrize(
    ("body", "date", "expected"),
    [
        # a leader in office that day, possessive, in a story about another country
        ("Trump's special envoy told a gathering in Kyiv that Ukraine's territorial issues could be settled.",
         datetime.date(2026, 2, 27), ["Donald Trump"]),
        # out of office that day, the one former leader of that surname: still him (a politician the story names)
        ("Trump's special envoy told a gathering in Kyiv that Ukraine's territorial issues could be settled.",
         datetime.date(2023, 6, 1), ["Donald Trump"]),
        # never yet in office that day: no one
        ("Trump's special envoy told a gathering in Kyiv that Ukraine's territorial issues could be settled.",
         datetime.date(2010, 6, 1), []),
        # undated: the leader the knowledge has in office now, and no former one
        ("Trump's special envoy told a gathering in Kyiv that Ukraine's territorial issues could be settled.", None,
         ["Donald Trump"]),
        ("Obama's special envoy told a gathering in Kyiv that Ukraine's territorial issues could be settled.", None, []),
        # once and not possessive, a surname no other known official has names a leader in office that day
        ("Ukrainian officials said Trump would be consulted before the next round.", datetime.date(2026, 2, 27),
         ["Donald Trump"]),
        # but says too little of anyone else (Rubio is Secretary of State then, no leader)
        ("Ukrainian officials said Rubio would be consulted before the next round.", datetime.date(2026, 2, 27), []),
    ],
)
def test_a_leaders_possessive_surname_names_the_leader_in_office(knowledge, body, date, expected):
    assert facets_of(knowledge, body, date=date).values("officials") == expected


@pytest.mark.parametrize("organisation", ["Islamic Revolutionary Guards Corps", "Election Commission", "Palestinian Authority"])
def test_an_organisation_after_a_title_is_no_official(knowledge, organisation):
    body = f"A spokesman for the {organisation}, Brig. Gen. Ali Rezaei, told reporters the inquiry was continuing."
    assert facets_of(knowledge, body).values("officials") == ["Ali Rezaei"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # the post's place ran into the name's slot; the name follows a comma
        ("The U.S. special envoy for North Korea, Sung Kim, met his counterparts in Seoul.", ["Sung Kim"]),
        ("The British ambassador to South Korea, Colin Crooks, said talks would resume.", ["Colin Crooks"]),
        # a list of places after the post is no name
        ("The special envoy for North Korea, South Korea, Japan and China met on Friday.", []),
        # the post runs on before the comma, in capitals or not; the name may end the sentence
        ("The UN High Commissioner for Human Rights, Volker Türk, said he was alarmed.", ["Volker Türk"]),
        ("The spokesperson for the Iraqi Ministry of Trade, Mohamed Hanoun, said trade rose.", ["Mohamed Hanoun"]),
        ("Russia's acting minister for emergency situations, Alexander Chupriyan, said so.", ["Alexander Chupriyan"]),
        ("It could escalate tensions, said the Chinese ambassador to South Korea, Qiu Guohong.", ["Qiu Guohong"]),
        ("Iran's deputy foreign minister and lead negotiator, Kazem Gharibabadi, denied it.", ["Kazem Gharibabadi"]),
        # an abbreviated rank is no name's end; a company's post is no official's
        ("The subcommittee whose chairman, Rep. Cardiss Collins, called it bad.", ["Cardiss Collins"]),
        ("The chairman of Toyota Motor Corp, Akio Toyoda, said sales rose.", []),
        ("A spokesman for the company, Jane Roe, said sales rose.", []),
    ],
)
def test_a_name_after_a_titles_post_and_a_comma_is_the_officials(knowledge, body, expected):
    assert facets_of(knowledge, body).values("officials") == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # where the story was filed is no mention of that country's government
        ("AMMAN (Reuters) - At least 15 people were killed in a market, rescuers said.", []),
        ("KYIV: The talks would resume next week, officials said.", []),
        ("SEOUL, South Korea (AP) — The talks would resume next week, officials said.", ["South Korea"]),
        # the capital in running text still is its government
        ("Officials said AMMAN - and Cairo - would host the talks.", ["Jordan", "Egypt"]),
        ("Amman said it would host the talks.", ["Jordan"]),
    ],
)
def test_a_datelines_capital_is_where_the_story_was_filed(knowledge, body, expected):
    assert facets_of(knowledge, body).values("countries") == expected
