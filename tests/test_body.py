# ruff: noqa: E501  (a fixture's markup reads best on one line)
"""The body: the article's own text, a lead printed as loose text after a photo's `</div>` included."""

from __future__ import annotations

import pytest
from lxml import etree

from newscrawl import extract_record
from newscrawl.extract.body import with_loose_paragraphs
from newscrawl.extract.document import parse_html

URL = "https://news.example/service/news_view.htm?seq=181595"

LINE_BREAK_STORIES = {
    "en": (
        "Photo : YONHAP News",
        "Anchor: After heavy downpours on Monday, Tuesday morning was met with strong, cold winds that brought early winter temperatures.",
        [
            "Report: People out on the streets were seen wearing layers throughout the day as the temperatures suddenly dropped.",
            "The first cold wave alert of the season was in effect on Tuesday, with cold air flowing in from the northwest.",
            "Cheorwon in Gangwon Province recorded the lowest temperature in the country at minus six point six degrees.",
            "Wednesday is forecast to be colder still, with morning lows two to five degrees below those of Tuesday.",
        ],
    ),
    "ko": (
        "사진=연합뉴스",
        "월요일 폭우에 이어 화요일 아침에는 강하고 차가운 바람이 불면서 초겨울 같은 기온이 나타났다고 기상청이 밝혔다.",
        [
            "거리에 나온 시민들은 하루 종일 두꺼운 옷을 겹겹이 입은 모습이었고 출근길 버스 정류장에는 목도리를 두른 사람들이 많았다.",
            "올가을 첫 한파특보는 화요일에 발효됐으며 한반도 북서쪽에서 찬 공기가 유입되면서 기온이 크게 떨어졌다고 설명했다.",
            "철원은 아침 최저기온이 영하 6.6도까지 내려가 전국에서 가장 추웠고 서울도 올가을 들어 가장 낮은 기온을 기록했다.",
            "수요일은 더 추워져 아침 기온이 화요일보다 2도에서 5도가량 낮을 것으로 예상되며 바람도 강하게 불 것으로 보인다.",
        ],
    ),
    "ja": (
        "写真：共同",
        "月曜日の大雨に続き、火曜日の朝は冷たく強い風が吹き、各地で初冬並みの気温となったと気象庁が発表しました。",
        [
            "通りでは一日中、厚着をした人たちの姿が見られ、駅前ではマフラーを巻いて足早に歩く通勤客が目立ちました。",
            "今季初めての寒波注意報は火曜日に出され、北西から流れ込んだ冷たい空気の影響で気温が大きく下がりました。",
            "鉄原では朝の最低気温が氷点下六点六度まで下がり、全国で最も寒く、ソウルでも今季一番の冷え込みとなりました。",
            "水曜日はさらに冷え込み、朝の気温は火曜日より二度から五度ほど低くなる見込みで、風も強く吹く予報です。",
        ],
    ),
}


def line_break_page(lang: str) -> str:
    """A custom CMS's story: a photo box, then the lead as loose text, then paragraphs set apart by
    `<br>`; beside it a box of the most read stories, whose summaries are the page's `<p>`s."""
    credit, lead, paragraphs = LINE_BREAK_STORIES[lang]
    text = "<br/>\n<br/>\n".join(paragraphs)
    teasers = "".join(
        f"<div class='item'><a href='/news/{n}'>Other story {n}</a><p>The summary of another story of the day, "
        f"printed under its headline in the box of the most read stories beside the article.</p></div>"
        for n in range(8)
    )
    return f"""<html lang="{lang}"><head><title>Cold wave</title></head><body>
<div class="news_wrap"><h1 class="tit">Cold wave</h1><p class="date">2023-11-07 15:03</p>
<div class="body_txt fr-view">
  <div class="img_box top"><div class="photo"><img src="https://img.news.example/231107_8.jpg" alt="Colder temperatures forecast"></div>
  <p class="cap no-print">{credit}</p></div>
  {lead}<br/>
<br/>
{text}<br/>
</div></div>
<div class="news_side most-read"><h2>Most read</h2>{teasers}</div>
<footer><p>News Example · 13 Yeouido-ro, Seoul · All rights reserved.</p></footer></body></html>"""


@pytest.mark.parametrize("lang", LINE_BREAK_STORIES)
def test_lead_printed_as_loose_text_after_the_photo_box_opens_the_body(lang: str) -> None:
    credit, lead, paragraphs = LINE_BREAK_STORIES[lang]
    record = extract_record(line_break_page(lang), URL)
    # the story's own paragraphs, the lead first (a summary of the box beside it may trail them)
    assert record["articleBody"].split("\n\n")[: len(paragraphs) + 1] == [lead, *paragraphs]
    [image] = record["images"]
    assert image["caption"] == "Colder temperatures forecast"
    assert image["creditText"] == credit.split("=")[-1].split("：")[-1].split(": ")[-1]


def test_loose_text_is_set_apart_on_a_copy() -> None:
    tree = parse_html(line_break_page("en"))
    before = etree.tostring(tree)
    changed = with_loose_paragraphs(tree)
    assert changed is not tree
    assert etree.tostring(tree) == before
    box = changed.find(".//div[@class='img_box top']")
    assert box.tail is None and box.getnext().tag == "br"


def test_a_page_without_loose_text_is_left_as_it_is() -> None:
    tree = parse_html("<html><body><div><p>One paragraph of text.</p><div>A box</div>tail<br/>x</div></body></html>")
    assert with_loose_paragraphs(tree) is tree
