"""The ways through the workshop that the kit's Voilà template draws (kit.serving.nav)."""

import html

from kit.env import NOTEBOOKS_DIR
from kit.serving.landing import notebook_entries
from kit.serving.nav import TEXTS, template_resources


def test_each_module_leads_to_the_next_in_its_language_and_to_itself_in_the_other(content):
    entries = notebook_entries(NOTEBOOKS_DIR)
    pages = template_resources(content, entries)["kit"]["pages"]
    for lang in ("fr", "en"):
        modules = [entry for entry in entries if entry.lang == lang]
        assert len(modules) >= 3
        for here, there in zip(modules, modules[1:], strict=False):
            page = pages[here.path.removesuffix(".ipynb")]
            assert (page["next_path"], page["next_title"]) == (there.path, there.title)
            assert page["other_path"].split("/")[1] == here.path.split("/")[1] and page["other_lang"] != lang
        assert pages[modules[-1].path.removesuffix(".ipynb")]["next_path"] == ""


def test_the_template_gets_every_string_in_both_languages(content):
    text = template_resources(content, [])["kit"]["text"]
    assert all(text[lang][key] for lang in ("fr", "en") for key in TEXTS)
    assert "{index}" in text["fr"]["loading.step"] and "{count}" in text["en"]["loading.step"]


def test_in_jupyterlab_a_module_ends_with_links_on_and_served_it_leaves_that_to_the_page(monkeypatch, content):
    from kit.rendering.ways import ways_on

    monkeypatch.delenv("KIT_SERVED", raising=False)
    monkeypatch.setenv("KIT_LANG", "fr")
    first = ways_on("01-what-feeds-meta-ai").data
    second = next(e for e in notebook_entries(NOTEBOOKS_DIR) if e.path.startswith("fr/02-"))
    assert 'href="02-' in first and second.title in first and 'href="../en/01-' in first
    assert content.text("nav.last", "fr") in html.unescape(ways_on("03-my-checklist").data)
    monkeypatch.setenv("KIT_SERVED", "1")
    assert ways_on("01-what-feeds-meta-ai") is None
