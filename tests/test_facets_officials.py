"""Officials found by the posts written before their names (knowledge/titles.json) and by the
knowledge's own list, in sentences of our own."""

import datetime

import pytest

from searchapp.facets import Knowledge, extract
from searchapp.reading import Article


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


def officials_of(knowledge, body: str, day: str = "2018-06-01", title: str = "Headline") -> list[str]:
    article = Article(id="t.txt", path="t.txt", title=title, body=body, date=datetime.date.fromisoformat(day))
    return extract(article, knowledge).values("officials")


@pytest.mark.parametrize(
    "body, expected",
    [
        # prosecutors appointed to investigate the government, and police chiefs, are officials
        ("Special counsel Jane Roe declined to comment. Roe has said little.", ["Jane Roe"]),
        ("The independent counsel Ann Example filed the report.", ["Ann Example"]),
        ("The blast killed ten, said the provincial chief of police Omar Testname.", ["Omar Testname"]),
        ("The president's new chief of staff Jon Testwell hired his own team.", ["Jon Testwell"]),
        # the post alone, or a lawyer described by it, names no one
        ("The team's special counsel, a lawyer, said so.", []),
    ],
)
def test_investigators_and_police_chiefs_named_after_their_post(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


def _holders(knowledge, country: str, day: datetime.date, holds) -> set[str]:
    """Who of the country held a role that day that holds(role) accepts."""
    on = day.isoformat()
    return {
        p["name"] for p in knowledge.officials["officials"] if p["country"] == country
        for r in p["roles"] if holds(r) and r["from"] <= on and (r["to"] is None or on < r["to"])
    }


US_LAW_AND_INTELLIGENCE = {
    "Attorney General": {"Attorney General of the United States", "Acting Attorney General of the United States"},
    "FBI": {"Director of the Federal Bureau of Investigation"},
    "CIA": {"Director of the Central Intelligence Agency"},
    "Senate majority leader": {"Senate Majority Leader"},
}


@pytest.mark.parametrize("day", [datetime.date(y, 6, 1) for y in (2010, 2014, 2018, 2022, 2025)], ids=str)
@pytest.mark.parametrize("post", US_LAW_AND_INTELLIGENCE)
def test_us_law_enforcement_and_intelligence_chiefs_are_known(knowledge, post, day):
    """The posts US security reporting names most after the cabinet's: one holder on each day."""
    titles = US_LAW_AND_INTELLIGENCE[post]
    assert len(_holders(knowledge, "United States", day, lambda role: role["title"] in titles)) == 1


def test_a_known_officials_possessive_surname_in_a_headline(knowledge):
    body = "U.S. officials said the special counsel's report was due."
    found = officials_of(knowledge, body, day="2018-11-20", title="Mueller's Probe Goes On, Whitaker Says")
    # Whitaker, the acting Attorney General that day, by the one surname no other official has
    assert found == ["Robert Mueller", "Matthew Whitaker"]


# Populous or much-reported countries whose leaders the knowledge lacked (issue 9: unseen articles
# named Yahya Jammeh and others the project had never heard of).
MORE_COUNTRIES = ["Nigeria", "Ethiopia", "Kenya", "Ghana", "Senegal", "Rwanda", "Uganda", "Zimbabwe", "Gambia",
                  "Spain", "New Zealand", "Bangladesh", "Colombia"]


@pytest.mark.parametrize("day", [datetime.date(2019, 6, 1), datetime.date(2024, 6, 1)], ids=str)
@pytest.mark.parametrize("country", MORE_COUNTRIES)
def test_a_leader_of_more_countries_in_office(knowledge, country, day):
    leaders = _holders(knowledge, country, day, lambda role: role["kind"] in {"head_of_state", "head_of_government"})
    assert len(leaders) == 1, (country, day, leaders)


def test_a_headline_surname_of_a_leader_named_in_full_below(knowledge):
    body = "Regional leaders urged Yahya Jammeh to hand over power in Gambia."
    assert officials_of(knowledge, body, day="2017-01-18", title="Jammeh told to go") == ["Yahya Jammeh"]


@pytest.mark.parametrize(
    "body, day, expected",
    [
        # leaders older archives name by surname
        ("The United States will not retaliate, Reagan said. Reagan spoke at the White House.", "1987-03-02",
         ["Ronald Reagan"]),
        ("British Prime Minister Margaret Thatcher arrived in Moscow.", "1987-03-28", ["Margaret Thatcher"]),
        ("Chancellor Helmut Kohl met President Francois Mitterrand.", "1987-03-28", ["Helmut Kohl", "François Mitterrand"]),
    ],
)
def test_leaders_of_older_archives(knowledge, body, day, expected):
    assert officials_of(knowledge, body, day=day) == expected


@pytest.mark.parametrize(
    "body, day, expected",
    [
        # a post and a bare surname: the past leader who held that post, under the full name
        ("Talks between Prime Minister Vajpayee and President Musharraf ended without a joint statement.",
         "2001-07-17", ["Atal Bihari Vajpayee", "Pervez Musharraf"]),
        ("Chancellor Brandt met Premier Kosygin in Moscow.", "1970-08-12", ["Willy Brandt", "Alexei Kosygin"]),
        # initials as the press writes them, with stops or without
        ("Prime Minister IK Gujral flew to the regional summit.", "1997-05-12", ["Inder Kumar Gujral"]),
        ("Prime Minister I.K. Gujral flew to the regional summit.", "1997-05-12", ["Inder Kumar Gujral"]),
        # one surname, two presidents: the one in office on the article's date
        ("President Marcos visited Tokyo.", "1984-03-02", ["Ferdinand E. Marcos"]),
        ("President Marcos visited Tokyo.", "2024-03-02", ["Ferdinand Marcos Jr."]),
        # a surname that is also a company's or a common word stays what it is
        ("Ford raised its prices, and Ford dealers welcomed the move.", "2024-03-02", []),
        ("Major banks fell, Wilson said.", "2015-03-02", []),
    ],
)
def test_past_heads_of_state_and_government_by_post_and_surname(knowledge, body, day, expected):
    assert officials_of(knowledge, body, day=day) == expected


@pytest.mark.parametrize(
    "body",
    [
        # a rank or a post before a company's name names no officer
        "The rating agency cut its parent, General Widget Credit Corp, to junk.",
        "James Doe, vice-president of Acme Overseas Distribution Corporation, told reporters.",
        # an association's or board's name is no person's
        "Exports slowed, a spokesman for the Ruritania Textile Federation said.",
        "Prices fell, a spokeswoman for the Northern Pork Board said.",
        "Sales rose, a spokesman for the National Widget Growers Federation said.",
        # a unit's name runs on into its number
        "The fence is one part of a plan, a spokesperson for Space Testing Wing 45 told us.",
        # a president after an acronym that names no country is a firm's or a union's
        "It is a little harder for both parties, said XYZ President Jane Testperson.",
        # a company whose name starts with a rank's word
        "The drones are built by General Atomics Aeronautical Systems and the tanks by General Dynamics Land Systems.",
        # a post's words after a rank's are no one's name
        "The bird was released by Dr B. B. Testkar, Chief Medical Superintendent of the hospital, PETA said.",
    ],
)
def test_companies_and_associations_are_no_officials(knowledge, body):
    assert officials_of(knowledge, body) == []


def test_a_president_after_a_countrys_abbreviation_is_its_head_of_state(knowledge):
    body = "ROK President Minjun Testkim and UK Prime Minister Ann Example spoke on Monday."
    assert officials_of(knowledge, body) == ["Minjun Testkim", "Ann Example"]


@pytest.mark.parametrize(
    "body, expected",
    [
        # a rebel's or a militia's spokesman speaks for no government
        ("The rebel spokesman Abu Testname said the town had fallen.", []),
        ("The militia spokesman Omar Testfield denied it.", []),
        # rebels named nearby do not make a minister one of them
        ("In the war against rebels, Defence Minister Abu Testname said the town had fallen.", ["Abu Testname"]),
    ],
)
def test_spokesmen_of_armed_groups_are_no_officials(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a plural abbreviated title introduces each name of its list, a name's state after it or not
        ("The president was met by Govs. Jane Testwood of Ohio and Joan Exampleton of Iowa.",
         ["Jane Testwood", "Joan Exampleton"]),
        ("The bill was offered by Sens. Ann Testfield and Bob Samplewood.", ["Ann Testfield", "Bob Samplewood"]),
        # a so-called post (an armed group's) is no government's
        ("The group's so-called spokesman, Abu Testname, denied the report.", []),
        # an army officer by rank; a rank that also names a ship's or an airline's captain only after the service
        ("Gunmen killed army Capt. Omar Testfield near the border, said army Maj. Ali Sampleton.",
         ["Omar Testfield", "Ali Sampleton"]),
        ("Capt. Henry Testwood, a pilot with the airline, said the flight was late.", []),
        # a ministry official named after the comma, as a title before a name is read
        ("A senior Trade Ministry official, Karim Testwala, was shot leaving his office.", ["Karim Testwala"]),
        # a hospital's director is no official
        ("Rami Testwood, director of the city hospital, said two children died.", []),
    ],
)
def test_posts_in_wire_copy(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


def test_the_second_of_two_hyphened_surnames_in_a_title_case_headline(knowledge):
    title = "After Trump-Xi Truce, China Says a Deal Is Still Far Off"
    assert officials_of(knowledge, "The two leaders agreed to restart talks.", day="2019-06-30", title=title) == [
        "Donald Trump", "Xi Jinping"]


@pytest.mark.parametrize(
    "body, day, expected",
    [
        ("Princess Reema bint Bandar will lead the mission in Washington.", "2019-02-24", ["Reema bint Bandar al-Saud"]),
        ("Kherson's Russian-installed chief Vladimir Saldo spoke on television.", "2022-06-11", ["Vladimir Saldo"]),
        ("Juan Guaido called on the army to let aid in.", "2019-02-24", ["Juan Guaidó"]),
    ],
)
def test_officials_added_from_unseen_sets(knowledge, body, day, expected):
    assert officials_of(knowledge, body, day=day) == expected


def test_a_middle_initial_does_not_make_another_person(knowledge):
    body = ("Rep. Jon Q. Testwell, the committee's top Democrat, asked for the files. "
            "Later, Rep. Jon Testwell said the files were late. Gov. Ann B. C. Example agreed.")
    assert officials_of(knowledge, body) == ["Jon Testwell", "Ann Example"]


@pytest.mark.parametrize("company", ["Harborline Electronics", "Testwell Motors", "Example Industries", "Island Airlines"])
def test_a_companys_chairman_is_no_official(knowledge, company):
    body = f"{company} Executive Chairman Jon Testwell and Defence Minister Ann Example met on Monday."
    assert officials_of(knowledge, body) == ["Ann Example"]


@pytest.mark.parametrize(
    "body, expected",
    [
        # a politician is an official by the label conventions, however the post is written
        ("The envoy met the Freedonian politician Ilse Marwick on Tuesday.", ["Ilse Marwick"]),
        ("Talks were held with the political figure Dov Aranthe.", ["Dov Aranthe"]),
        # the word alone, or a politician's own adviser, names no one
        ("Every politician wants a photograph with the team.", []),
        # a party's name before a person's is a politician's
        ("Democrat Jane Testwell won the governor's race and will replace Republican Jon Example.",
         ["Jane Testwell", "Jon Example"]),
        # and it may stand before a plural post that lists them
        ("Nebraska Republican Reps. Ann Example and Bo Testperson were on the list.", ["Ann Example", "Bo Testperson"]),
        # a party's organs and voters name no one
        ("The Republican National Committee met. Republican voters stayed home.", []),
        ("The White House counsel Dana Testperson resigned.", ["Dana Testperson"]),
    ],
)
def test_a_politician_named_after_the_word(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a trade union's officers are no government's, however long the union's name
        ("American Federation of Postal Clerks Employees President Ada Quillon said so.", []),
        ("Bo Tenmark, president of the Allied Harbour Workers union, objected.", []),
        # a government's president still is
        ("President Ada Quillon of Freedonia objected.", ["Ada Quillon"]),
    ],
)
def test_trade_union_officers_are_not_officials(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected



@pytest.mark.parametrize(
    "body, expected",
    [
        # initials for given names, as Indian copy writes them, with or without stops
        ("Tamil Nadu Chief Minister R.K. Testraj opened the bridge on Monday. Mr. Testraj said it was overdue.",
         ["R.K. Testraj"]),
        ("The accused include former deputy prime minister LK Testani and former Union minister MM Teshi.",
         ["LK Testani", "MM Teshi"]),
        ("State Minister A. B. Testkumar spoke to reporters.", ["A. B. Testkumar"]),
        # a middle initial of a full given name still goes ("Elijah E. Cummings" is "Elijah Cummings")
        ("Senator Jane Q. Testroe voted no.", ["Jane Testroe"]),
        # an acronym before a name is no initials
        ("The UN Testoffice envoy left. Officials of the EU Testcommission stayed.", []),
        # under a title companies share, initials and a surname are an executive, as wire copy writes them
        ("Chairman M.P. Testgreen told the annual meeting he was confident.", []),
        ("The duties pass to chairman O.C. Testdavis, the company said.", []),
        ("The drug division pays best, said A.W. Testments, finance director of the group.", []),
    ],
)
def test_names_written_with_initials(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a portfolio's last words are not the start of the name after it
        ("Federal Minister for Education and Vocational Training Amal Testani Khan said schools would reopen.",
         ["Amal Testani Khan"]),
        ("Minister for Information and Broadcasting Ravi Testnath spoke.", ["Ravi Testnath"]),
        # a courtesy title opens the name after a comma
        ("Talks were held with the Foreign Minister, Mr. Gedu Testachew, on trade.", ["Gedu Testachew"]),
        # "His Excellency", as Gulf and Asian government releases write it, is no initials of a given name
        ("The deal was signed in the presence of H.E. Abdulla Testouq, Minister of Economy.", ["Abdulla Testouq"]),
        ("The former ambassador, Sir Kim Testroch, resigned over the leaked cables.", ["Kim Testroch"]),
        # police officers below the chiefs the titles name are no officials (LABELS.md)
        ("Assistant Chief Constable Jane Testwood said the inquiry continues.", []),
        ("Detective Chief Inspector Jane Testwood said the inquiry continues.", []),
        ("The city's police chief Omar Testname said the inquiry continues.", ["Omar Testname"]),
    ],
)
def test_portfolios_courtesy_titles_and_police_ranks(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


def test_british_ministers_of_the_brown_government_are_known(knowledge):
    body = ("Chancellor Alistair Darling announced the bonus tax. Lord Mandelson, then business secretary, "
            "forwarded the note. Darling said nothing more.")
    assert officials_of(knowledge, body, day="2009-12-20") == ["Alistair Darling", "Peter Mandelson"]


def test_a_resume_line_of_units_is_no_name(knowledge):
    """ "Director, Student Assessment, ..., University of ...": the words after the title's comma
    name a unit of a university, not a person."""
    body = "Dr. Jane Testroe is former Director, Student Assessment, Undergraduate Education, University of Testland."
    assert officials_of(knowledge, body) == []


@pytest.mark.parametrize(
    "body, expected",
    [
        # lobbies, campaigns and charities are no government
        ("Prices should fall, said Jane Testroe, head of policy at the motoring group Testclub.", []),
        ("The charity's director Jon Testwell said the appeal was over.", []),
        ("Jane Testroe, a spokeswoman for the lobby group Testwatch, said so.", []),
        # a government's head of policy is an official
        ("Prices should fall, said Jane Testroe, head of policy at the Testland trade ministry.", ["Jane Testroe"]),
    ],
)
def test_lobbies_and_charities_are_no_government(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, name",
    [
        # a long portfolio and a courtesy title before a three-part name: the name keeps its last part
        ("Eswatini Minister of Justice and Constitutional Affairs Mrs Pholile Paulette Shakantu said the talks went well.",
         "Pholile Paulette Shakantu"),
        ("Solomon Islands Minister of Health and Medical Services Dr Kaitu’u Tautai Agikimua said the talks went well.",
         "Kaitu’u Tautai Agikimua"),
    ],
)
def test_a_name_after_a_long_portfolio_and_a_courtesy_title_is_whole(knowledge, body, name):
    assert name in officials_of(knowledge, body)


def test_a_job_title_after_a_rank_word_is_no_ones_name(knowledge):
    body = "Jane Roe, Editor in Chief & General Manager Roe has been reporting on technology for two decades."
    assert officials_of(knowledge, body) == []


def test_an_appositive_post_held_during_a_time_names_its_holder(knowledge):
    body = "So are people like Augustin Bizimana, the defense minister during the genocide, who remains at large."
    assert officials_of(knowledge, body) == ["Augustin Bizimana"]


def test_mp_and_mep_before_a_name_are_a_politicians_post(knowledge):
    assert officials_of(knowledge, "A Labour Party spokesman says Peterborough MP Fiona Onasanya is suspended.") == ["Fiona Onasanya"]
    assert officials_of(knowledge, "The MP said nothing to the reporters waiting outside the court.") == []


def test_pm_written_as_a_title_before_a_name(knowledge):
    assert "Truong Hoa Binh" in officials_of(knowledge, "Earlier the same day, Deputy PM Truong Hoa Binh received the bank's chairman.")
    assert officials_of(knowledge, "The talks ended at 3 PM Monday when the delegation left for the airport.") == []


@pytest.mark.parametrize(
    "body, expected",
    [
        ("\"The water is murky,\" said Tomas Testova, vice-minister of the interior.", ["Tomas Testova"]),
        ("Finance Under-Secretary Omar Testname told reporters the deficit would narrow.", ["Omar Testname"]),
        ("Rear-Admiral Ann Example signed the order on Monday.", ["Ann Example"]),
        # a company's officers are no officials, their posts hyphenated or not
        ("But Jon Testwell, Harbour Motors executive vice-president, said sales would recover.", []),
        ("Jon Testwell, vice-president for finance, told a marketing conference that fares would rise.", []),
    ],
)
def test_a_post_written_with_a_hyphen_is_the_same_post(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


def test_a_distinct_surname_written_once_is_the_official_of_the_articles_country_serving_that_day(knowledge):
    body = "Blinken in Kyiv to hear about Ukraine's war aims. The United States pledged more aid on Wednesday."
    assert officials_of(knowledge, body, day="2024-09-11") == ["Antony Blinken"]
    assert officials_of(knowledge, body, day="2012-09-11") == []  # not yet in office: no one
    elsewhere = "Blinken in Kyiv to hear about Ukraine's war aims. Kyiv asked for more air defence on Wednesday."
    assert officials_of(knowledge, elsewhere, day="2024-09-11") == []  # no country of his in the article


def test_officials_the_press_names_without_a_post_are_known(knowledge):
    # party leaders and opposition figures are often named bare: the knowledge knows them, and a
    # later surname alone is the same person
    body = ("Jeremy Corbyn and Nicola Sturgeon attacked the budget on Tuesday. "
            "Corbyn said the cuts had gone too far.")
    assert officials_of(knowledge, body, day="2017-11-22") == ["Jeremy Corbyn", "Nicola Sturgeon"]
    assert officials_of(knowledge, "Devin Nunes released the memo.", day="2018-02-02") == ["Devin Nunes"]
    # a country's name or a common word is no leader's surname, whoever the knowledge holds
    assert officials_of(knowledge, "Montenegro joined NATO in 2017. Key points: the vote was close.",
                        day="2024-05-01") == []


def test_a_pope_is_vatican_city_s_head_of_state_by_his_papal_name(knowledge):
    body = "Pope Leo XIV received the president at Castel Gandolfo; the Holy See offered to host talks."
    article = Article(id="t.txt", path="t.txt", title="Headline", body=body, date=datetime.date(2025, 7, 9))
    facets = extract(article, knowledge)
    assert facets.values("officials") == ["Pope Leo XIV"] and facets.values("countries") == ["Vatican City"]
    # "Francis" alone is a given name many share: no pope
    assert officials_of(knowledge, "Francis said the harvest was late this year.", day="2020-05-01") == []


@pytest.mark.parametrize(
    "body",
    [
        "\"We hear from them all the time,\" explains Tomas Testova, executive director of Harbour Data.",
        "Jon Testwell, executive director of the janitors' union, said damages could be large.",
    ],
)
def test_an_executive_director_is_an_organisations_not_a_governments(knowledge, body):
    assert officials_of(knowledge, body) == []


def test_officials_of_the_middle_east_africa_and_asia_are_known_by_name_alone(knowledge):
    """Names with no post before them, from regions the knowledge once barely covered (issue 9):
    a central banker, Sudan's and South Sudan's leaders; a possessive surname is the general again."""
    body = (
        "Pan Gongsheng told reporters the yuan would stay stable. Talks between Abdel Fattah al-Burhan "
        "and Salva Kiir are due in Juba next week, Burhan's office said."
    )
    assert officials_of(knowledge, body, day="2024-06-01") == ["Pan Gongsheng", "Abdel Fattah al-Burhan", "Salva Kiir"]


def test_a_name_after_a_post_ends_at_its_possessive(knowledge):
    body = "Analysts weighed President Jon Testwell’s Harbour plan and Minister Ann Example's Lakeside visit."
    assert officials_of(knowledge, body) == ["Jon Testwell", "Ann Example"]


def test_mps_before_names_list_them(knowledge):
    body = "The reshuffle brings MPs Ann Example and Bo Testperson into the cabinet. Several MPs objected."
    assert officials_of(knowledge, body) == ["Ann Example", "Bo Testperson"]


def test_a_name_set_off_by_commas_after_a_portfolio_of_two_parts(knowledge):
    body = "The party's Minister for Higher Education and Science, Ann Example, called it a break with the past."
    assert officials_of(knowledge, body) == ["Ann Example"]


@pytest.mark.parametrize(
    "body, expected",
    [
        # a company's president or chairman, written in lower case before the name: no official
        ("The group will launch a new daily this fall, president Pierre Lamarre told Reuters.", []),
        ("In reporting lower earnings, chairman Allan Tarrant said credit quality was a problem.", []),
        # after a country, a body, or a word saying the post was held: a government's
        ("Russian president Boris Koval met the envoy in Moscow on Monday.", ["Boris Koval"]),
        ("Allies of former president Juan Ortega kept their seats in the Senate race.", ["Juan Ortega"]),
        ("House Ways and Means Committee  chairman Dan Roster said a tax rise was unlikely.", ["Dan Roster"]),
    ],
)
def test_a_lower_case_title_companies_share_needs_a_government_before_it(knowledge, body, expected):
    assert officials_of(knowledge, body, day="1987-03-05") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        ("Although Kadre Testname, the foreign minister, said the border was calm, troops moved north.", ["Kadre Testname"]),
        ("Despite Omar Testwell, the defence minister, saying so, the drills went ahead.", ["Omar Testwell"]),
        ("Iran Leader Not Optimistic About Talks With U.S.", []),
    ],
)
def test_a_sentences_opening_word_is_no_part_of_the_name_after_it(knowledge, body, expected):
    assert officials_of(knowledge, body) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # Chinese, Japanese and Korean write no spaces around a name: it is found inside the words around it
        ("国家主席习近平表示，愿同特朗普总统保持沟通。", ["Xi Jinping", "Donald Trump"]),
        ("岸田文雄首相はバイデン大統領と会談した。", ["Fumio Kishida", "Joe Biden"]),
        ("윤석열 대통령은 푸틴 대통령을 비판했다.", ["Yoon Suk Yeol", "Vladimir Putin"]),
        # a katakana name does not run on into more katakana
        ("トランプカードのゲームが人気だ。", []),
    ],
)
def test_officials_named_in_chinese_japanese_and_korean(knowledge, body, expected):
    assert officials_of(knowledge, body, day="2023-06-01") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # Arabic, Hebrew, Russian and Ukrainian copy writes a leader by his name in its own script
        ("ألمح الرئيس الأمريكي، دونالد ترامب، إلى أن بوتين يريد السلام.", ["Donald Trump", "Vladimir Putin"]),
        ("ראש הממשלה נתניהו שוחח עם הנשיא טראמפ.", ["Benjamin Netanyahu", "Donald Trump"]),
        ("Владимир Путин и Эммануэль Макрон обсудили Украину.", ["Vladimir Putin", "Emmanuel Macron"]),
        ("Володимир Зеленський зустрівся з Марко Рубіо.", ["Volodymyr Zelensky", "Marco Rubio"]),
        # a word that only spells like a name in that script is none: "رئيسي" is "main", not Raisi
        ("قال المتحدث إن الهدف الرئيسي هو الحوار.", []),
    ],
)
def test_officials_named_in_arabic_hebrew_and_cyrillic(knowledge, body, expected):
    assert officials_of(knowledge, body, day="2025-06-01") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # German, French, Spanish, Swedish and Indonesian copy puts the post before the name, in its own words
        ("Ähnlich wie Kanzler Scholz hält die Außenministerin eine Debatte für verfrüht.", ["Olaf Scholz"]),
        ("Die Co-Vorsitzende Ricarda Lang und Außenministerin Annalena Baerbock sprachen in Berlin.", ["Annalena Baerbock"]),
        ("La ministre de la justice, Christiane Testaud, était défavorable à cette disposition.", ["Christiane Testaud"]),
        ("Por la tarde, el Presidente Peña Nieto ofreció una cena en Los Pinos.", ["Enrique Peña Nieto"]),
        ("Det säger försvarsminister Pål Testson inför mötet.", ["Pål Testson"]),
        ("Pertemuan antara Presiden Republik Perancis dan Presiden RI berlangsung hangat.", []),
        # a name particle inside a post ("ministro de defensa") still joins a name ("Lula da Silva")
        ("O presidente Luiz Inácio Lula da Silva recebeu o ministro de defensa.", ["Luiz Inácio Lula da Silva"]),
    ],
)
def test_posts_written_in_other_languages(knowledge, body, expected):
    assert officials_of(knowledge, body, day="2024-09-25") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # German copy's transliterations of Russian, Ukrainian and Persian names are the known officials
        ("Präsident Wladimir Putin und Außenminister Sergej Lawrow reisten nach Minsk.", ["Vladimir Putin", "Sergey Lavrov"]),
        ("Der iranische Außenminister Abbas Araghtschi widersprach.", ["Abbas Araghchi"]),
        ("Präsident Wolodymyr Selenskyj dankte den Verbündeten.", ["Volodymyr Zelensky"]),
    ],
)
def test_transliterated_names_are_the_known_officials(knowledge, body, expected):
    assert officials_of(knowledge, body, day="2025-02-17") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a middle initial, with its stop or without (wire copy stripped of punctuation), between known names
        ("The inauguration of Donald J. Trump is less than a month away.", ["Donald Trump"]),
        ("The inauguration of Donald J Trump is less than a month away.", ["Donald Trump"]),
        # a capital that starts the next word is no initial
        ("Officials told Donald A month later he resigned.", []),
    ],
)
def test_a_known_officials_middle_initial(knowledge, body, expected):
    assert officials_of(knowledge, body, day="2016-12-20") == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # a page's hover card glues a name onto the next one ("Sen. Jane TestwoodJane Testwood"): no name of two
        ("Sen. Jane TestwoodJane TestwoodTestwood: Entire country must speak up on the bill.", []),
        # names with a short prefix before a capital are one name, as they are written
        ("Senate leader Mitch McConnell and Gov. Ron DeSantis spoke.", ["Mitch McConnell", "Ron DeSantis"]),
    ],
)
def test_names_glued_together_are_no_name(knowledge, body, expected):
    assert officials_of(knowledge, body, day="2020-06-01") == expected


@pytest.mark.parametrize(
    "title, day, expected",
    [
        # a country's possessive before a leader's surname says whose leader: the one in office that day
        ("Pompeo Flies To Baghdad After Cancelling Meeting With Germany's Merkel", "2019-05-07", ["Angela Merkel"]),
        ("Russia's Putin and China's Xi meet in Moscow", "2019-05-07", ["Vladimir Putin", "Xi Jinping"]),
        # "PM", as headlines abbreviate it, is a head of government's title; a deputy's is another post
        ("Pak philanthropist's son tests positive; PM Khan among people who met him", "2020-04-21", ["Imran Khan"]),
        ("Deputy PM Khan visits the flood zone", "2020-04-21", []),
    ],
)
def test_a_leader_a_headline_names_by_surname_alone(knowledge, title, day, expected):
    assert officials_of(knowledge, "The meeting was held on Monday.", day=day, title=title) == expected


@pytest.mark.parametrize(
    "body, expected",
    [
        # the US press tags a member of Congress or a candidate with party and state, in brackets or between commas
        ("Soros is financing the 2018 campaigns of Democrats Andrew Gillum (D-FL), Jon Tester (D-MT), Claire "
         "McCaskill (D-MO), Tim Kaine (D-VA).", ["Andrew Gillum", "Jon Tester", "Claire McCaskill", "Tim Kaine"]),
        ("House Foreign Affairs Committee Chair Michael McCaul (R-TX), and China select committee Chair Mike "
         "Gallagher (R-WI), stated in a letter to the Biden administration", ["Michael McCaul", "Mike Gallagher", "Joe Biden"]),
        ("Sen. John Hoeven, R-N.D., said that his Democratic counterparts were ready.", ["John Hoeven"]),
        ("the issue went to the team of House Judiciary Committee Chair Jim Jordan, R-Ohio, for an investigation",
         ["Jim Jordan"]),
        # a company's or a state's name before a bracket is no politician's
        ("Sales at Acme Widget Co (NYSE: ACW) rose.", []),
    ],
)
def test_a_name_the_us_press_tags_with_party_and_state_is_a_politicians(knowledge, body, expected):
    assert officials_of(knowledge, body, day="2024-03-01") == expected
