"""`kit inventory` and `kit demo-export`, through the `kit` command's own entry point."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kit.cli import main
from kit.demo import DEMO_COUNTS, write_demo_export

ROOT = Path(__file__).resolve().parents[2]


def kit(*argv: str) -> int:
    return main([str(arg) for arg in argv])


def run_process(*argv: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m kit ARGV` in a process of its own, with $KIT_LANG set to `lang` or unset."""
    env = {k: v for k, v in os.environ.items() if k != "KIT_LANG"}
    if lang:
        env["KIT_LANG"] = lang
    return subprocess.run(
        [sys.executable, "-m", "kit", *argv], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return write_demo_export(tmp_path_factory.mktemp("demo") / "demo.zip")


def test_json_output(demo: Path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("KIT_LANG", raising=False)
    assert kit("inventory", demo, "--format", "json") == 0
    out, err = capsys.readouterr()
    assert err == ""
    rows = json.loads(out)
    assert {(r["platform"], r["category"]): r["count"] for r in rows} == DEMO_COUNTS
    assert all(
        set(r) == {"platform", "category", "count", "first", "last", "visibility", "source"} for r in rows
    )
    post = next(r for r in rows if (r["platform"], r["category"]) == ("facebook", "post"))
    assert re.fullmatch(r"20\d\d-\d\d-\d\d", post["first"]), "ISO dates"
    profile = next(r for r in rows if r["category"] == "profile")
    assert profile["first"] is None and profile["last"] is None


def test_csv_output(demo: Path, capsys) -> None:
    assert kit("inventory", demo, "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == len(DEMO_COUNTS)
    assert rows[0]["platform"] == "facebook" and rows[0]["category"] == "post"
    assert next(r for r in rows if r["category"] == "profile")["first"] == ""


def test_table_output(demo: Path, capsys) -> None:
    assert kit("inventory", demo) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["platform", "category", "count", "first", "last", "visibility", "source"]
    assert lines[1].split()[:3] == ["facebook", "post", "42"]
    assert len(lines) == 1 + len(DEMO_COUNTS)


def test_partial_success_messages_go_to_stderr(content, make_zip, capsys) -> None:
    path = make_zip(
        {
            "your_facebook_activity/comments_and_reactions/comments.json": b"[{",
            "your_facebook_activity/reels/your_reels.json": [],
        }
    )
    assert kit("inventory", path, "--lang", "en", "--format", "json") == 0
    out, err = capsys.readouterr()
    assert [r["category"] for r in json.loads(out)] == ["reel"]
    assert err.splitlines()[0] == content.text("exports.partial", "en", read=1, total=2)


def test_nothing_read_exits_non_zero(content, tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    assert kit("inventory", tmp_path / "notes.txt", "--lang", "fr") == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert "« notes.txt »" in err and err.strip() == content.text("exports.not-a-zip", "fr", name="notes.txt")
    assert kit("inventory", tmp_path / "notes.txt", "--format", "json") == 1
    assert json.loads(capsys.readouterr().out) == []


def test_language_from_environment_in_a_real_process(content, tmp_path: Path) -> None:
    missing = tmp_path / "absent.zip"
    french = run_process("inventory", str(missing))
    english = run_process("inventory", str(missing), lang="en")
    assert french.returncode == english.returncode == 1
    assert french.stdout == english.stdout == ""
    assert "absent.zip" in french.stderr and french.stderr != english.stderr
    for lang, done in (("fr", french), ("en", english)):
        assert done.stderr.strip() == content.text("exports.file-not-found", lang, name="absent.zip"), lang
    assert run_process("inventory", str(missing), "--lang", "fr", lang="en").stderr == french.stderr


def test_demo_export_then_inventory_in_real_processes(content, tmp_path: Path) -> None:
    target = tmp_path / "out" / "demo.zip"
    written = run_process("demo-export", str(target), lang="en")
    assert written.returncode == 0, written.stderr
    assert written.stdout.strip() == content.text("exports.demo-written", "en", path=target)
    listed = run_process("inventory", str(target), "--format", "json")
    assert listed.returncode == 0 and listed.stderr == ""
    assert {(r["platform"], r["category"]): r["count"] for r in json.loads(listed.stdout)} == DEMO_COUNTS


def test_demo_export_as_folder(content, tmp_path: Path, capsys) -> None:
    assert kit("demo-export", tmp_path / "demo", "--folder", "--seed", "3", "--lang", "fr") == 0
    assert capsys.readouterr().out.strip() == content.text("exports.demo-written", "fr", path=tmp_path / "demo")
    assert (tmp_path / "demo").is_dir()
    assert kit("inventory", tmp_path / "demo", "--format", "json") == 0
    assert len(json.loads(capsys.readouterr().out)) == len(DEMO_COUNTS)


def test_table_of_a_facebook_export_loads_neither_pandas_nor_data(make_zip) -> None:
    path = make_zip({"your_facebook_activity/posts/your_posts_1.json": [{"timestamp": 1_700_000_000}]})
    code = (
        "import sys\n"
        "from kit.cli import main\n"
        f"status = main(['inventory', {str(path)!r}])\n"
        "print(status, sorted({'pandas', 'pydantic'} & set(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "KIT_LANG"} | {"PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT).stdout
    assert out.splitlines()[-1] == "0 []", "pandas (1 s to import) is for --format csv and json"
    assert out.splitlines()[1].split()[:3] == ["facebook", "post", "1"]


def test_table_rows_are_the_inventorys_records(demo: Path) -> None:
    from kit.exports import read_export
    from kit.inventory import to_records

    result = read_export(demo)
    assert result.records() == to_records(result.rows)
