"""Repeats out of the body: the seed scrape, captions, credits, teasers, chrome and repeats."""

from __future__ import annotations

from pathlib import Path

import attrs
from lxml import html

from newscrawl import extract_record
from newscrawl.article.headline import Headlines, choose_headline, strip_site_name
from newscrawl.article.repeats import clean_blocks, credit_text
from newscrawl.extract.blocks import Block, collapse_whitespace, render_body
from newscrawl.extract.metadata import Figure, PageMetadata, page_metadata
from newscrawl.text import word_count

SEED = (Path(__file__).parent / "fixtures" / "seed" / "seed-scrape.txt").read_text(encoding="utf-8")
HEADLINE = "Pentagon chief speaks to Russian defence minister amid Ukraine conflict"


def text_blocks(text: str) -> list[Block]:
    """The blocks of a plain-text scrape: one paragraph a non-empty line."""
    lines = (collapse_whitespace(line) for line in text.splitlines())
    return [Block("paragraph", line) for line in lines if line]


def test_seed_text_becomes_the_clean_body() -> None:
    """The seed's naive scrape (text, one block a line) cleaned by the body rules: the article's
    own lines and nothing else."""
    cleaned = clean_blocks(text_blocks(SEED), headline=HEADLINE, bylines=["Radosław Opas"])
    body = render_body(cleaned.blocks)
    paragraphs = body.split("\n\n")
    assert paragraphs[0].startswith("For the first time since March 2023")
    assert "The war in Ukraine continues" in paragraphs
    assert paragraphs[-1].startswith("As he stated, he will not comment")
    lines = [line for line in SEED.splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("For the first time"))
    # the article's own lines, up to "Related content" (non-breaking spaces become spaces)
    assert paragraphs == [collapse_whitespace(line) for line in lines[start:-1]]
    for junk in (
        HEADLINE,
        "spoke with the Russian defence minister\n",
        "Images source",
        "Radosław Opas",
        "26 June 2024",
        "Related content",
    ):
        assert junk not in body


def test_headline_without_site_name_or_glued_label() -> None:
    meta = PageMetadata(
        h1=["News" + HEADLINE], og_title=HEADLINE, title=f"{HEADLINE} | WP News", site_names=["WP News"]
    )
    assert choose_headline(meta) == Headlines(HEADLINE, kicker="News")
    section = attrs.evolve(meta, kicker="News", kicker_is_section=True)
    assert choose_headline(section) == Headlines(HEADLINE, section="News")
    assert strip_site_name(f"{HEADLINE} | WP News", ["WP News"]) == HEADLINE
    assert strip_site_name(f"Der Tagesspiegel - {HEADLINE}", [], [HEADLINE]) == HEADLINE


def test_credits() -> None:
    assert credit_text("Images source: © Licensor") == "Licensor"
    assert credit_text("Fot. PAP/Leszek Szymański") == "PAP/Leszek Szymański"
    assert credit_text("Foto: dpa") == "dpa"
    assert credit_text("(AP Photo/Evan Vucci)") == "AP Photo/Evan Vucci"
    long_line = "Photograph: the minister said the photograph was taken in 1990 by a soldier on leave there"
    assert credit_text(long_line) is None
    assert credit_text("The photo was taken on Monday.") is None


def test_caption_and_credit_move_to_the_image() -> None:
    blocks = [
        Block("paragraph", "The caption of the photo"),
        Block("paragraph", "Foto: dpa"),
        Block("paragraph", "A real paragraph of the article that is long enough to be kept."),
        Block("paragraph", "Lesen Sie auch:"),
        Block("paragraph", "Ein anderer Artikel über etwas"),
        Block("paragraph", "Anzeige"),
    ]
    figures = [Figure("https://cdn.example/a.jpg", "The caption of the photo", None, "Alt text", in_article=True)]
    cleaned = clean_blocks(blocks, headline="Headline", figures=figures)
    assert [b.text for b in cleaned.blocks] == ["A real paragraph of the article that is long enough to be kept."]
    assert [(i.caption, i.creditText) for i in cleaned.images] == [("The caption of the photo", "dpa")]


def test_repeated_paragraph_and_headline_dropped_subheading_kept() -> None:
    paragraph = "Officials said on Tuesday that the talks would continue next week."
    blocks = [
        Block("heading", "The Headline Here"),
        Block("paragraph", paragraph),
        Block("heading", "What comes next"),
        Block("paragraph", paragraph.upper()),
        Block("paragraph", "  " + paragraph.replace(" ", "  ")),
    ]
    cleaned = clean_blocks(blocks, headline="The headline here!")
    assert [b.text for b in cleaned.blocks] == [paragraph, "What comes next"]


def test_words_of_scripts_without_spaces_are_counted_as_characters() -> None:
    """A run of Chinese or Japanese characters is a sentence, not a word: each character counts, so
    that a page in these scripts has as many words as its text (and is not taken for a fragment)."""
    assert word_count("今天天气很好，我们去公园。") == 11
    assert word_count("日本語のテキストです。") == 10
    assert word_count("iPhone 15 发布会") == 5
    assert word_count("한국어 문장입니다") == 2  # Korean puts spaces between words
    assert word_count("Hello world 2024") == 3


def test_metadata_headline_that_differs_is_the_alternative() -> None:
    meta = PageMetadata(
        h1=["Heavy snow delays trains across the region"],
        jsonld_headline="Snow chaos: which train lines are delayed today",
        og_title="Snow chaos: which train lines are delayed today | The Valley Herald",
        site_names=["The Valley Herald"],
    )
    found = choose_headline(meta)
    assert found.headline == "Heavy snow delays trains across the region"
    assert found.alternative == "Snow chaos: which train lines are delayed today"


def test_kicker_is_not_cut_from_a_headline_without_spaces() -> None:
    meta = PageMetadata(h1=["大雪で在来線に遅れ 京都・滋賀で通勤客に影響"], kicker="大雪")
    assert choose_headline(meta) == Headlines("大雪で在来線に遅れ 京都・滋賀で通勤客に影響", kicker="大雪")


def test_label_above_the_headline_is_a_section_where_the_metadata_names_it() -> None:
    meta = PageMetadata(h1=["Stadtrat beschließt neuen Radweg"], kicker="Verkehr", sections=["Verkehr"])
    assert choose_headline(meta) == Headlines("Stadtrat beschließt neuen Radweg", section="Verkehr")
    topical = attrs.evolve(meta, kicker="Verkehrswende")
    expected = Headlines("Stadtrat beschließt neuen Radweg", kicker="Verkehrswende", section="Verkehr")
    assert choose_headline(topical) == expected


def test_logo_h1_is_the_site_and_the_marked_heading_the_headline() -> None:
    meta = PageMetadata(
        h1=["Deccan Evening Post"],
        marked_headlines=["Six workers rescued after portion of coal mine collapses"],
        title="Six workers rescued after portion of coal mine collapses - Deccan Evening Post",
    )
    found = choose_headline(meta, url="https://www.deccaneveningpost.in/news/mine-collapse")
    assert found.headline == "Six workers rescued after portion of coal mine collapses"
    no_heading = attrs.evolve(meta, marked_headlines=[])
    assert choose_headline(no_heading, url="https://www.deccaneveningpost.in/news/mine-collapse") == found


def test_title_part_that_names_the_domain_is_the_site() -> None:
    title = "Alles Neue macht der Mai | Bibliothek 2.0 und mehr"
    assert strip_site_name(title, [], [], "bibliothek2null") == "Alles Neue macht der Mai"
    headline = "Spiegel-Affäre: Was damals geschah"
    assert strip_site_name(headline, [], [], "spiegel") == headline


def test_embed_fallback_text_leaves_the_body() -> None:
    """The text a page prints where an embed cannot show, alone or as escaped markup, in several languages."""
    fallbacks = [
        "Your browser does not support iframes.",
        "<p>Your browser does not support iframes.</p>",
        "Sorry, your browser doesn't support HTML5 video.",
        "Ihr Browser unterstützt keine iFrames.",
        "Votre navigateur ne prend pas en charge les iframes.",
        "Tu navegador no soporta iframes.",
        "Twoja przeglądarka nie obsługuje ramek.",
        "Ваш браузер не поддерживает iframe.",
        "お使いのブラウザはiframeに対応していません。",
        "您的浏览器不支持 iframe",
    ]
    paragraph = (
        "The council said the browser-based ticket system does not support older phones, and a new one will follow."
    )
    blocks = [Block("paragraph", text) for text in [*fallbacks, paragraph]]
    cleaned = clean_blocks(blocks, headline="Headline")
    assert [block.text for block in cleaned.blocks] == [paragraph]


def test_embed_fallback_beside_a_wordpress_embed() -> None:
    """Classic WordPress posts print the fallback as a paragraph after the `<iframe>`'s own; only the story stays."""
    paragraphs = [
        f"<p>Paragraph {n} of the story tells what the council decided and what the mayor said about it afterwards.</p>"
        for n in range(5)
    ]
    embed = (
        "<p><iframe src='https://www.youtube.com/embed/abc' width='560' height='315' frameborder='0' allowfullscreen>"
        "</iframe></p><p>Your browser does not support iframes.</p>"
    )
    story = "".join(paragraphs[:2]) + embed + "".join(paragraphs[2:])
    html = f"<html lang='en'><body><article><h1>Council decides</h1>{story}</article></body></html>"
    body = extract_record(html, "https://news.example/2024/council")["articleBody"]
    assert "browser" not in body
    assert body.count("Paragraph") == 5


def test_navigation_path_at_the_start_of_the_body_leaves_it() -> None:
    paths = [
        "Home > News > Society",
        "Startseite › Lokales › Stuttgart",
        "Accueil » Société",
        "Inicio / Internacional",
        "- Home ›\n- Presse+Aktuelles ›\n- Pressemitteilungen",
        "ホーム > ニュース > 社会",
    ]
    kept = [
        "Berlin / Hamburg / München",
        "Surf Lodge / perfekt für den Sonnenuntergang / http://thesurflodge.com",
        "Inflation > 5 % > target",
        "The council voted on Tuesday to expand the tram network by twelve kilometres.",
    ]
    blocks = [Block("paragraph", text) for text in [*paths, *kept]]
    assert [block.text for block in clean_blocks(blocks, headline="Headline").blocks] == kept


def test_title_picks_the_heading_of_a_page_without_metadata() -> None:
    meta = PageMetadata(h1=["Menü", "OUTDOOR LOVERS", "Post Navigation"], title="OUTDOOR LOVERS | iloveponies.example")
    assert choose_headline(meta, url="https://iloveponies.example/2018/05/24/coats/").headline == "OUTDOOR LOVERS"


def test_a_label_set_apart_in_the_h1_is_a_kicker() -> None:
    page = html.fromstring(
        "<html><body><h1><span class='subtitle'>Olympische Spiele in Paris</span> Getränke per Schiff ins "
        "Stadtzentrum</h1><p>Text.</p><h1><b>Ehezoff</b> der Pochers eskaliert heute</h1></body></html>"
    )
    meta = page_metadata(page, "https://news.example/a")
    assert choose_headline(meta).kicker == "Olympische Spiele in Paris"
    assert choose_headline(meta).headline == "Getränke per Schiff ins Stadtzentrum"
    lowercase = page_metadata(html.fromstring("<h1><b>Ehezoff</b> der Pochers eskaliert heute</h1>"), "https://x.example/")
    assert lowercase.kicker is None


def test_review_cases_of_headline_and_site_names() -> None:
    title = "Interview - Zeit Online über die Krise - ZEIT ONLINE"
    assert strip_site_name(title, ["ZEIT ONLINE"], [], "zeit") == "Interview - Zeit Online über die Krise"
    tagline = "Bielersee-Winterhechte | petri-heil.ch | Dein Schweizer Fischereimagazin"
    assert strip_site_name(tagline, [], [], "petri-heil") == "Bielersee-Winterhechte"
    word = html.fromstring("<h1>Apple and <em>Microsoft</em> Report Record Profits</h1>")
    assert page_metadata(word, "https://x.example/").kicker is None
    sub = "<h1>Site</h1><h2 class='subheadline'>A standfirst under the headline</h2><h2 class='headline'>The head</h2>"
    assert page_metadata(html.fromstring(sub), "https://x.example/").marked_headlines == ["The head"]
