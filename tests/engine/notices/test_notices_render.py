"""Rendering: accessible HTML (well-formed, one h1, ordered headings, lang) and wrapped text."""

from html.parser import HTMLParser

import pytest
from notice_fixtures import context, person

from breachdesk.notices import (
    ITEMS,
    Format,
    build_notice,
    render,
    render_html,
    render_html_fragment,
    render_text,
)
from breachdesk.notices.render import WIDTH

VOID = {"meta", "br", "link", "img", "hr", "input"}


class Outline(HTMLParser):
    """Checks nesting as it parses, and records headings, tags and lang attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.headings, self.tags, self.langs, self.errors = [], [], [], [], []
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if "lang" in attrs:
            self.langs.append(attrs["lang"])
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self.headings.append(int(tag[1]))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()


def outline(html):
    parser = Outline()
    parser.feed(html)
    parser.close()
    return parser


def welsh_context():
    from dataclasses import replace

    return context(what_happened={"cy": "Fe wnaethom anfon rhestr at y person anghywir."},
                   measures_taken=({"cy": "gofyn iddyn nhw ei dileu"},), next_steps=(),
                   prevention=(), signatory_role=None,
                   support=replace(context().support, helpline_hours=None))


CASES = {
    "en-full": lambda: build_notice(context(), person(items=set(ITEMS))),
    "en-child": lambda: build_notice(context(), person(items={"name"}, child=True)),
    "en-large-print": lambda: build_notice(context(), person(items={"email"}, format="large_print")),
    "cy": lambda: build_notice(welsh_context(), person(items={"sort_code", "nino"}, language="cy")),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("letter", [False, True])
def test_html_is_well_formed_with_one_h1_and_ordered_headings(case, letter):
    notice = CASES[case]()
    page = outline(render_html(notice, letter=letter))
    assert page.errors == [] and page.stack == []
    assert page.doctype.lower() == "doctype html"
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, page.headings  # never skip a level
    assert page.headings.count(2) == len(notice.blocks)
    assert "table" not in page.tags
    assert set(page.langs) == {notice.lang}
    assert {"main", "article", "section", "h2", "p"} <= set(page.tags)


def test_html_lists_are_real_lists():
    page = outline(render_html(CASES["en-full"]()))
    assert page.tags.count("ul") >= 2 and page.tags.count("li") >= len(ITEMS) - 3


def test_values_are_escaped():
    notice = build_notice(context(organisation="Smith & <Sons>"), person(items={"email"}))
    html = render_html(notice)
    assert "Smith &amp; &lt;Sons&gt;" in html and "<Sons>" not in html
    assert outline(html).errors == []


def test_large_print_has_a_class_and_a_larger_base_font():
    big = render_html(CASES["en-large-print"]())
    standard = render_html(CASES["en-full"]())
    assert '<body class="large-print" style="font-size:18pt">' in big
    assert 'class="notice large-print"' in big
    assert "large-print" not in standard and "font-size:12pt" in standard


def test_fragment_is_an_article_with_lang():
    fragment = render_html_fragment(CASES["cy"]())
    assert fragment.startswith('<article class="notice" lang="cy">')
    assert "<html" not in fragment and outline(fragment).errors == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_plain_text_wraps_at_72(case):
    text = render_text(CASES[case]())
    for line in text.splitlines():
        assert len(line) <= WIDTH or " " not in line.strip(" -"), line
    assert max(len(line) for line in text.splitlines()) > 60  # it is filled, not chopped short


def test_plain_text_keeps_long_links_whole_and_indents_list_items():
    long_url = "help.northmere.example/" + "a" * 80
    from dataclasses import replace

    ctx = context(support=replace(context().support, portal_url=long_url))
    text = render_text(build_notice(ctx, person(items={"email"})))
    assert any(line.startswith(long_url) for line in text.splitlines())
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("- asked the person"))
    assert lines[first + 1].startswith("  ") or len(lines[first]) < WIDTH


def test_render_follows_the_persons_format():
    plain = build_notice(context(), person(items={"email"}, format=Format.PLAIN_TEXT))
    assert not render(plain).startswith("<") and "Dear " in render(plain)
    assert render(CASES["en-full"]()).startswith("<!DOCTYPE html>")
