"""Notebook hygiene, and French and English notebooks that run the same code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.cli.clean_notebooks import clean_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/[0-9][0-9]-*.ipynb"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_notebook_exists_in_french_and_english():
    names = {lang: {p.name for p in (ROOT / "notebooks" / lang).glob("*.ipynb")} for lang in ("fr", "en")}
    assert names["fr"] and names["fr"] == names["en"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_committed_clean(path):
    nb = _load(path)
    assert clean_notebook(nb) == nb, "run `kit clean-notebooks` (outputs or stray metadata present)"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert nb["metadata"]["kit"]["lang"] == path.parent.name
    assert "voila" in nb["metadata"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_opens_with_a_title_and_subtitle(path):
    first = "".join(_load(path)["cells"][0]["source"]).splitlines()
    assert first[0].startswith("# ")
    assert any(line.startswith("> ") for line in first[1:])
    assert _load(path)["metadata"]["title"] == first[0][2:]


@pytest.mark.parametrize("name", sorted({p.name for p in NOTEBOOKS}))
def test_french_and_english_share_their_code_cells(name):
    fr, en = (_load(ROOT / "notebooks" / lang / name)["cells"] for lang in ("fr", "en"))
    assert [c["cell_type"] for c in fr] == [c["cell_type"] for c in en]
    code = [["".join(c["source"]) for c in cells if c["cell_type"] == "code"] for cells in (fr, en)]
    assert code[0] == code[1]
    untranslated = [index for index, (french, english) in enumerate(zip(fr, en, strict=True))
                    if french["cell_type"] == "markdown" and "".join(french["source"]) == "".join(english["source"])]
    assert untranslated == [], "every text cell is translated"


def test_cleaning_keeps_what_voila_and_widgets_need():
    dirty = {
        "cells": [
            {"cell_type": "code", "execution_count": 3, "id": "a", "source": "x",
             "metadata": {"tags": ["skip-voila"], "collapsed": True, "ExecuteTime": {}},
             "outputs": [{"output_type": "stream", "name": "stdout", "text": "secret\n"}]},
            {"cell_type": "markdown", "id": "b", "source": "# T",
             "metadata": {"tags": ["intro"], "slideshow": {"slide_type": "slide"}}},
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "widgets": {"application/vnd.jupyter.widget-state+json": {"state": {}}},
            "voila": {"theme": "light"}, "kit": {"lang": "fr"}, "title": "T",
            "toc": {"x": 1}, "varInspector": {},
        },
        "nbformat": 4, "nbformat_minor": 5,
    }
    clean = clean_notebook(dirty)
    code, markdown = clean["cells"]
    assert code["outputs"] == [] and code["execution_count"] is None
    assert code["metadata"] == {"tags": ["skip-voila"]}
    assert markdown["metadata"] == {"tags": ["intro"], "slideshow": {"slide_type": "slide"}}
    assert set(clean["metadata"]) == {"kernelspec", "widgets", "voila", "kit", "title"}
    assert dirty["cells"][0]["outputs"], "the input is left untouched"


# What a served kernel loads decides how many attendees one laptop holds (pandas alone is ~50 MB per kernel).
HEAVY_MODULES = ("pandas", "reportlab")
LIGHT_NOTEBOOKS = ("01-what-feeds-meta-ai.ipynb", "03-my-checklist.ipynb")


@pytest.mark.parametrize("name", LIGHT_NOTEBOOKS)
def test_served_kernel_of_a_light_notebook_loads_no_pandas_or_reportlab(name):
    import subprocess
    import sys

    probe = (
        "import json, sys\n"
        f"cells = json.load(open({name!r}, encoding='utf-8'))['cells']\n"
        "for cell in cells:\n"
        "    if cell['cell_type'] == 'code':\n"
        "        exec(''.join(cell['source']))\n"
        f"print(json.dumps(sorted(m for m in {HEAVY_MODULES!r} if m in sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT / "notebooks" / "en",
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == []
