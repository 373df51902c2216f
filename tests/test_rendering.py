"""The kit's HTML: from autoescaped templates, styled by classes from one stylesheet that every front end gets."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from kit.content import models as m
from kit.print import pdf
from kit.rendering.colours import STATUS_COLOURS
from kit.rendering.html import STYLESHEET, paragraph, stylesheet
from kit.widgets import ExportImportPanel, InventorySession, QuizPanel, TimelinePanel
from kit.widgets.base import Stylesheet

KIT = Path(__file__).resolve().parents[1] / "kit"
# Every Python file renders its HTML from templates: none is an exception any more.
NOT_YET_CONVERTED: set[Path] = set()
STYLE_ATTRIBUTE = re.compile(r"(?<![\w-])style\s*=\s*[\"']")  # an HTML style="…", not button_style="primary"
HOSTILE = '<img src=x onerror="alert(1)">'


def test_no_inline_style_in_python():
    offenders = [
        f"{path.relative_to(KIT)}:{number}"
        for path in sorted(KIT.rglob("*.py")) if path not in NOT_YET_CONVERTED
        for number, line in enumerate(path.read_text().splitlines(), start=1) if STYLE_ATTRIBUTE.search(line)
    ]
    assert offenders == []


def test_templates_escape_what_they_are_given():
    shown = paragraph(HOSTILE, role="alert")
    assert "<img" not in shown and "&lt;img" in shown


def test_facts_are_shown_escaped(content):
    from kit.rendering.explain import timeline_html

    event = content.timeline[0]
    hostile = event.model_copy(update={"title": m.Text(fr=HOSTILE, en=HOSTILE)})
    shown = timeline_html(dataclasses.replace(content, timeline=[hostile]), "en")
    assert "<img" not in shown and "&lt;img" in shown
    assert shown.count("<details>") == 2, "the event's own details and its sources' are markup, not text"


def test_a_typed_path_is_shown_escaped(content, monkeypatch):
    monkeypatch.delenv("KIT_SERVED", raising=False)  # at home: the path field is there
    panel = ExportImportPanel("en", InventorySession(content))
    panel.path.value = f"/nowhere/{HOSTILE}"
    panel.read_path.click()
    assert 'role="alert"' in panel.status.value
    assert "<img" not in panel.status.value and "&lt;img" in panel.status.value


def test_status_colours_are_named_once_for_pages_and_pdfs():
    assert set(STATUS_COLOURS) == {status.value for status in m.Status}
    assert pdf.STATUS_COLOURS is STATUS_COLOURS
    declared = dict(re.findall(r"--kit-status-([a-z]+):\s*(#[0-9a-fA-F]{6})", stylesheet()))
    assert declared == STATUS_COLOURS
    for status in STATUS_COLOURS:  # the inventory's table and chart colour each status with its property
        assert re.search(rf"\.kit-exposure-{status} {{ color: var\(--kit-status-{status}\); }}", stylesheet())
        assert re.search(rf"\.kit-bar-{status} {{ background: var\(--kit-status-{status}\); }}", stylesheet())
        assert re.search(rf"\.kit-badge-{status} {{ background: var\(--kit-status-{status}\); }}", stylesheet())


def test_every_rule_is_scoped_so_the_stylesheet_can_be_carried_into_jupyterlab():
    rules = re.sub(r"/\*.*?\*/", "", stylesheet(), flags=re.S)
    rules = re.sub(r"@media[^{]*\{", "", rules)  # a media query holds scoped rules; it scopes nothing itself
    selectors = [s.strip() for block in re.findall(r"([^{}]+)\{", rules) for s in block.split(",")]
    assert selectors
    unscoped = [s for s in selectors if not re.match(r"(:root$|:where\(\.kit-page\) |\.kit[\w-]*( |$))", s)]
    assert unscoped == []


@pytest.mark.parametrize("panel", [lambda c: TimelinePanel("fr", c), lambda c: QuizPanel("en", "01", c)])
def test_every_panel_carries_the_one_stylesheet_into_jupyterlab(content, panel, monkeypatch):
    monkeypatch.setenv("KIT_SERVED", "1")  # a hub's JupyterLab serves the notebooks, and does not link kit.css
    monkeypatch.delenv("KIT_STYLESHEET_LINKED", raising=False)
    first, second = panel(content), panel(content)
    sheets = [child for child in first.children if isinstance(child, Stylesheet)]
    assert len(sheets) == 1 and sheets[0].css == STYLESHEET.read_text()
    assert sheets[0].layout.display == "none"
    assert sheets[0] in second.children  # one widget per kernel, shown in every panel
    monkeypatch.setenv("KIT_STYLESHEET_LINKED", "1")  # kit serve's pages link kit.css: no copy in every kernel
    assert not [child for child in panel(content).children if isinstance(child, Stylesheet)]


def test_the_voila_pages_and_slides_link_the_stylesheet():
    template = (KIT / "serving/templates/voila/templates/kit/index.html.j2").read_text()
    assert "voila/static/kit.css" in template and 'classList.add("kit-page")' in template
    slides = (KIT / "serving/templates/voila/templates/kit-reveal/index.html.j2").read_text()
    assert "voila/templates/kit/static/kit.css" in slides
    script = (KIT / "widgets/stylesheet.js").read_text()
    assert 'href$="/kit.css"' in script  # no second copy where the page links it
