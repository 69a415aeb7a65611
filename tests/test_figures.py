# ruff: noqa: E501  (a fixture's markup reads best on one line)
"""Figures: the article's own images, in a `<figure>` or not, with caption and credit; not logos,
avatars, icons, pixels, sliders or the thumbnails of other stories."""

from __future__ import annotations

import pytest

from newscrawl import extract_record
from newscrawl.extract.document import parse_html
from newscrawl.extract.figures import credit_text, split_credit
from newscrawl.extract.metadata import page_metadata

URL = "https://news.example/2024/06/26/story"
TEXT = "".join(
    f"<p>Paragraph {n} of the story tells what happened, who said what, and why it matters to the readers here.</p>"
    for n in range(6)
)


def page(lead: str, *, article: bool = True, lang: str = "en") -> str:
    """A page whose headline is followed by `lead` and the story's paragraphs."""
    story = f"<h1>Council votes to expand the tram network</h1>{lead}<div class='body'>{TEXT}</div>"
    if article:
        story = f"<article>{story}</article>"
    return f"<html lang='{lang}'><head><title>Tram plan</title></head><body><header><img src='/logo.png' alt='News'></header>{story}</body></html>"


def images(html: str) -> list[tuple[str, str | None, str | None]]:
    record = extract_record(html, URL)
    return [(image["url"], image["caption"], image["creditText"]) for image in record["images"]]


LEAD_PHOTOS = {
    "wordpress-wp-caption": (
        "<div id='attachment_12' class='wp-caption aligncenter'><img class='size-large wp-image-12' "
        "src='/wp-content/uploads/2024/06/tram-1024x683.jpg' width='1024' height='683' alt='A tram'>"
        "<p class='wp-caption-text'>A tram at the central station. Photo: Jane Doe</p></div>",
        (
            "https://news.example/wp-content/uploads/2024/06/tram-1024x683.jpg",
            "A tram at the central station.",
            "Jane Doe",
        ),
    ),
    "arc-picture": (
        "<div class='lead-art-wrapper'><picture><source srcset='https://cdn.example/tram.webp' type='image/webp'>"
        "<img src='https://cdn.example/tram.jpg' alt='A tram crosses the bridge'></picture>"
        "<div class='photo-caption'>A tram crosses the bridge on Monday.</div>"
        "<div class='photo-source'>(John Smith/The Example Post)</div></div>",
        ("https://cdn.example/tram.jpg", "A tram crosses the bridge on Monday.", "(John Smith/The Example Post)"),
    ),
    "drupal-fields": (
        "<div class='field field--name-field-image'><div class='field__item'><img src='/sites/default/files/styles/"
        "large/public/tram.jpg?itok=ab12' alt='Tram'></div><div class='field--name-field-image-credit "
        "image-credit'>Foto: Max Mustermann</div></div>",
        ("https://news.example/sites/default/files/styles/large/public/tram.jpg?itok=ab12", "Tram", "Max Mustermann"),
    ),
    "nextjs-lazy": (
        "<div data-testid='hero-image'><span><img alt='The new tram' src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' "
        "data-src='https://img.example/_next/tram.jpg'></span><span itemprop='caption'>The new tram on its first run."
        "</span><span itemprop='copyrightHolder'>Reuters</span></div>",
        ("https://img.example/_next/tram.jpg", "The new tram on its first run.", "Reuters"),
    ),
    "amp-img": (
        "<div class='article-image'><amp-img src='https://cdn.example/amp/tram.jpg' width='1200' height='800' "
        "layout='responsive' alt='Tram depot'></amp-img><span class='media-caption'>The depot in the north.</span>"
        "<span class='copyright'>© dpa</span></div>",
        ("https://cdn.example/amp/tram.jpg", "The depot in the north.", "dpa"),
    ),
    "custom-credit-only": (
        "<div class='img_box top'><div class='photo'><img src='https://img.example/news/231107_e.jpg' "
        "alt='Colder temperatures forecast for Wednesday'></div><p class='cap'>Photo : YONHAP News</p></div>",
        ("https://img.example/news/231107_e.jpg", "Colder temperatures forecast for Wednesday", "YONHAP News"),
    ),
}


@pytest.mark.parametrize("name", LEAD_PHOTOS)
def test_lead_photo_outside_a_figure_is_an_image_with_caption_and_credit(name: str) -> None:
    lead, expected = LEAD_PHOTOS[name]
    found = images(page(lead))
    assert found == [expected]
    assert extract_record(page(lead), URL)["mainImage"] is not None


@pytest.mark.parametrize(
    ("lang", "box", "caption", "credit"),
    [
        (
            "de",
            "<div class='bild'><img src='/b.jpg' alt='Die Tram'><span>Bild: Keystone</span></div>",
            "Die Tram",
            "Keystone",
        ),
        (
            "fr",
            "<div class='visuel'><img src='/b.jpg' alt='Le tram'><p class='legende'>Le tram à Lyon. Photo : AFP</p></div>",
            "Le tram à Lyon.",
            "AFP",
        ),
        (
            "ja",
            "<div class='photo'><img src='/b.jpg' alt='路面電車'><p class='caption'>新しい路面電車（写真：共同）</p></div>",
            "新しい路面電車",
            "共同",
        ),
        (
            "ko",
            "<div class='art_photo'><img src='/b.jpg' alt='트램'><p class='caption'>새 트램이 운행을 시작했다. 사진=연합뉴스</p></div>",
            "새 트램이 운행을 시작했다.",
            "연합뉴스",
        ),
        (
            "ru",
            "<div class='photo'><img src='/b.jpg' alt='Трамвай'><div class='photo-caption'>Новый трамвай. Фото: ТАСС</div></div>",
            "Новый трамвай.",
            "ТАСС",
        ),
        (
            "ar",
            "<div class='image'><img src='/b.jpg' alt='الترام'><span class='caption'>الترام الجديد. صورة: رويترز</span></div>",
            "الترام الجديد.",
            "رويترز",
        ),
    ],
)
def test_credit_words_of_each_language(lang: str, box: str, caption: str, credit: str) -> None:
    assert images(page(box, lang=lang)) == [("https://news.example/b.jpg", caption, credit)]


def test_page_without_an_article_element_takes_the_photo_near_its_headline() -> None:
    lead = "<div class='photo'><img src='/lead.jpg' alt='Lead'><div class='caption'>The lead photo.</div></div>"
    assert images(page(lead, article=False)) == [("https://news.example/lead.jpg", "The lead photo.", None)]


@pytest.mark.parametrize(
    "box",
    [
        "<div class='author-box'><img src='/authors/jane.jpg' alt='Jane'><span class='caption'>Jane Doe</span></div>",
        "<div class='byline'><img class='avatar' src='/a/jane.jpg'><span class='credit'>By Jane Doe</span></div>",
        "<div class='meta'><img src='/icons/clock.svg' width='16' height='16'><span class='caption'>5 min read</span></div>",
        "<div class='x'><img src='https://www.facebook.com/tr?id=1&ev=PageView'><span class='copyright'>© Site</span></div>",
        "<div class='item'><a href='/2024/06/25/other-story'><img src='/other.jpg'></a><p class='caption'>Other story</p></div>",
        "<ul class='slider'><li class='slide'><img src='/slide1.jpg'><div class='caption'>Summer sale</div></li></ul>",
        "<aside><div class='photo'><img src='/promo.jpg'><p class='caption'>Subscribe</p></div></aside>",
        "<div class='photo'><img src='/plain.jpg' alt='No caption or credit'></div>",
    ],
    ids=["author-box", "avatar", "icon", "pixel", "teaser", "slider", "aside", "uncaptioned"],
)
def test_not_the_articles_images(box: str) -> None:
    assert images(page(box)) == []


def test_caption_and_credit_leave_the_body() -> None:
    lead = (
        "<div class='photo'><img src='/p.jpg' alt='Tram'><p class='photo-caption'>The tram. Photo: Jane Doe</p></div>"
    )
    record = extract_record(page(lead), URL)
    assert "The tram" not in record["articleBody"]
    assert "Jane Doe" not in record["articleBody"]


def test_credit_lines_in_several_scripts() -> None:
    assert credit_text("Photo : YONHAP News") == "YONHAP News"
    assert credit_text("사진=연합뉴스") == "연합뉴스"
    assert credit_text("写真：共同") == "共同"
    assert credit_text("图/新华社") == "新华社"
    assert credit_text("Фото: РИА Новости") == "РИА Новости"
    assert credit_text("Photos of the event") is None
    assert split_credit("Die Kanzlerin in Berlin (Foto: dpa)") == ("Die Kanzlerin in Berlin", "dpa")
    assert split_credit("A photo: a tram at night") == ("A photo: a tram at night", None)


def test_figures_keep_their_candidates() -> None:
    """Every image stays a candidate (its caption repeats come out of the body), in the article or not."""
    tree = parse_html(page("<div class='author'><img src='/a.jpg' alt='Jane'></div>"))
    figures = page_metadata(tree, URL).figures
    assert [(figure.url.rsplit("/", 1)[-1], figure.in_article) for figure in figures] == [
        ("logo.png", False),
        ("a.jpg", False),
    ]
