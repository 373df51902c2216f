"""The private parts of Voilà, Jupyter Server and Tornado the kit uses: in one module, and checked at start-up."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from kit.serving import internals

SERVING = Path(__file__).resolve().parents[1] / "kit" / "serving"
PRIVATE = re.compile(r"\._(tz|initialize|pools|kernels|kernel_connections|gzipping)\b|\bfill_if_needed\b")


def test_private_parts_are_used_only_in_the_internals_module():
    users = sorted(path.name for path in SERVING.glob("*.py")
                   if path.name != "internals.py" and PRIVATE.search(path.read_text(encoding="utf-8")))
    assert users == []
    assert PRIVATE.search((SERVING / "internals.py").read_text(encoding="utf-8"))


def test_the_installed_versions_are_the_tested_ones():
    assert internals.untested_versions() == []
    assert internals.untested_versions_message("kit serve", "fr") is None


def test_an_untested_version_is_one_translated_sentence(monkeypatch):
    monkeypatch.setattr(internals, "version", lambda name: "0.6.0" if name == "voila" else "2.21.1")
    monkeypatch.setitem(internals.TESTED, "jupyter_server", ("2.",))
    untested = internals.untested_versions()
    assert "voila 0.6.0" in untested
    fr = internals.untested_versions_message("kit serve", "fr")
    en = internals.untested_versions_message("kit serve", "en")
    assert fr and en and fr != en
    assert all(m.startswith("kit serve") and "voila 0.6.0" in m and "voila 0.5.x" in m and "\n" not in m
               for m in (fr, en))


def test_kit_serve_stops_at_once_on_an_untested_version(tmp_path):
    shim = tmp_path / "sitecustomize.py"  # the kit's serve command run with a faked Voilà version
    shim.write_text(
        "import importlib.metadata as md\n_v = md.version\n"
        "md.version = lambda name: '9.9.9' if name == 'voila' else _v(name)\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kit", "serve", "--no-browser", "--port", "1", "--lang", "en"],
                          capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "PYTHONPATH": str(tmp_path)})
    assert done.returncode == 2
    assert "voila 9.9.9" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_second_page_reuses_the_templates_the_first_compiled(monkeypatch):
    """Voilà builds a new exporter for every page: the templates are compiled once per server, not once per page."""
    import jinja2
    from voila.exporter import VoilaExporter

    from kit.serving.app import TEMPLATES_ROOT

    internals.share_compiled_templates()
    compiled = []
    compile_source = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda self, *a, **k: compiled.append(1) or compile_source(self, *a, **k))
    paths = [str(TEMPLATES_ROOT / "voila" / "templates" / "kit"), *VoilaExporter().template_paths]

    def page() -> None:
        exporter = VoilaExporter(template_paths=paths, template_name="kit")
        exporter.environment.get_template("index.html.j2")

    page()
    first = len(compiled)
    page()
    assert first > 0 and len(compiled) == first
