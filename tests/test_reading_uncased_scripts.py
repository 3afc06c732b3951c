"""Text files in scripts without capitals (Korean, Arabic): a short first line over the story is its headline, though
no letter of it is upper case; and Korean copy's "(place=agency)" credit names the wire. Our own sentences."""

from read_one import read_one

YONHAP_STYLE = """남북, 판문점서 고위급 회담 재개…"대화 계속할 것"
(서울=연합뉴스) 김철수 기자 = 남북한이 15일 판문점에서 고위급 회담을 다시 열었다고 통일부가 밝혔다.
양측은 군사 긴장 완화 방안과 이산가족 상봉 문제를 논의한 것으로 알려졌다. 정부는 다음 회담 일정을 곧 발표할 예정이라고 덧붙였다.
"""


def test_a_korean_wire_story_gives_its_headline_and_its_agency(tmp_path):
    article = read_one(tmp_path, "1.txt", YONHAP_STYLE)
    assert (article.headline, article.source) == ('남북, 판문점서 고위급 회담 재개…"대화 계속할 것"', "Yonhap News Agency")


def test_an_arabic_headline_over_its_story(tmp_path):
    text = ("وزيرا خارجية البلدين يبحثان استئناف المحادثات\n"
            "بحث وزيرا خارجية البلدين اليوم في العاصمة سبل استئناف المحادثات المتوقفة منذ عامين، وأكدا أهمية الحوار "
            "لتخفيف التوتر في المنطقة وتعزيز التعاون بين الجانبين في المجالات كافة.\n")
    assert read_one(tmp_path, "2.txt", text).headline == "وزيرا خارجية البلدين يبحثان استئناف المحادثات"

