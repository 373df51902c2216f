"""`kit verify` through the real entry point, on a copy of data/: kept, changed, cannot check, interrupted."""

from __future__ import annotations

import builtins
import datetime as dt
import os
import select
import shutil
import signal
import subprocess
import sys
import time

import pytest
import yaml

from kit.cli import main
from kit.content import DATA_DIR, load_content
from kit.content.verification import account_entries


@pytest.fixture
def data_copy(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


def _answers(monkeypatch, *answers):
    """Play the facilitator: each prompt gets the next answer; then Ctrl-C."""
    queue = list(answers)

    def answer(prompt=""):
        print(prompt)
        if not queue:
            raise KeyboardInterrupt
        return queue.pop(0)

    monkeypatch.setattr(builtins, "input", answer)


def _entry(path, entry_id):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return next(e for section in raw.values() for e in section if e["id"] == entry_id)


def test_kept_changed_cannot_check_then_ctrl_c(data_copy, monkeypatch, capsys):
    first, second, third, fourth = account_entries(load_content(data_copy))[:4]
    assert first.url and second.url, "the walk starts with the forms"
    objection = data_copy / "objection.yaml"
    before = objection.read_text(encoding="utf-8")
    _answers(monkeypatch, "1", "2", "3", "Check the address the form shows", "3")  # 4th entry: Ctrl-C
    code = main(["verify", "--lang", "en", "--country", "be", "--data", str(data_copy)])
    out = capsys.readouterr().out
    assert code == 130
    assert "Traceback" not in out and out.strip().splitlines()[-1] == load_content(data_copy).text(
        "verify.cli.stopped", "en", saved=2)

    kept = _entry(objection, first.id)["checked"]["account"]
    assert kept == {"date": dt.date.today(), "country": "be", "surface": "web", "result": "confirmed"}
    changed = _entry(objection, second.id)
    assert changed["steps"][1]["en"] == "Check the address the form shows"
    assert changed["steps"][1]["fr"] == second.steps[1].fr, "the other language is left for a translator"
    assert changed["checked"]["account"]["result"] == "changed"
    assert changed["checked"]["account"]["translate"] == "fr"
    assert "account" not in _entry(objection, third.id)["checked"], "cannot check records nothing"
    assert "account" not in _entry(objection, fourth.id)["checked"]

    after = objection.read_text(encoding="utf-8")
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")], "comments kept"
    old, new = yaml.safe_load(before), yaml.safe_load(after)
    assert [e for e in old["routes"] if e["id"] not in (first.id, second.id)] == [
        e for e in new["routes"] if e["id"] not in (first.id, second.id)]
    assert old["effects"] == new["effects"]
    removed = set(before.splitlines()) - set(after.splitlines())
    assert all(line.strip().startswith(("checked:", "en:")) for line in removed), removed
    assert (data_copy / "checklist.yaml").read_text() == (DATA_DIR / "checklist.yaml").read_text()
    assert not list(data_copy.glob(".*.tmp")), "no temporary file left behind"
    assert load_content(data_copy).facts[second.id].checked.account.translate == "fr", "the file is still valid"


def test_a_finished_walk_runs_the_facts_check_which_lists_the_translation_due(data_copy, monkeypatch, capsys):
    entries = account_entries(load_content(data_copy), "br")
    assert entries[0].url is None, "Brazil's route is steps in the app"
    _answers(monkeypatch, "xx", "fr", "2", "1", "Ouvrez la notification « IA »", *(["3"] * (len(entries) - 1)))
    code = main(["verify", "--lang", "fr", "--region", "br", "--data", str(data_copy)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "valid" in out, "kit facts ran at the end"
    assert f"{entries[0].id}  changed {dt.date.today()}: update the 'en' text" in out
    route = load_content(data_copy).facts[entries[0].id]
    assert route.steps[0].fr == "Ouvrez la notification « IA »"
    assert route.checked.account.country == "fr", "asked once, 'xx' refused"


def test_a_path_seen_in_the_app_or_on_the_web_asks_where(data_copy, monkeypatch, capsys):
    entries = account_entries(load_content(data_copy))
    index = next(i for i, f in enumerate(entries) if getattr(f, "app_path", None) and getattr(f, "web_path", None))
    _answers(monkeypatch, *(["3"] * index), "1", "2")
    assert main(["verify", "--lang", "en", "--country", "fr", "--data", str(data_copy)]) == 130
    account = load_content(data_copy).facts[entries[index].id].checked.account
    assert (account.surface, account.result) == ("web", "confirmed")


def test_a_text_awaiting_translation_is_shown_in_the_up_to_date_language(data_copy, monkeypatch, capsys):
    first = account_entries(load_content(data_copy))[0]
    _answers(monkeypatch, "2", "2", "Connectez-vous, puis ouvrez le formulaire")
    assert main(["verify", "--lang", "fr", "--country", "fr", "--data", str(data_copy)]) == 130
    capsys.readouterr()
    _answers(monkeypatch, "1")
    assert main(["verify", "--lang", "en", "--country", "gb", "--data", str(data_copy)]) == 130
    out = capsys.readouterr().out
    assert "Connectez-vous, puis ouvrez le formulaire" in out and first.steps[0].en not in out
    account = load_content(data_copy).facts[first.id].checked.account
    assert (account.country, account.result, account.translate) == ("gb", "confirmed", "en"), \
        "confirming the screen does not translate the text"


def _kit(data_copy, *args, **env):
    return subprocess.Popen([sys.executable, "-m", "kit", "verify", "--data", str(data_copy), *args],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONUNBUFFERED": "1", **env})


def test_end_of_input_mid_way_keeps_the_answers_given(data_copy):
    first = account_entries(load_content(data_copy))[0]
    process = _kit(data_copy, "--country", "ch", LANG="fr_FR.UTF-8", LC_ALL="")
    out, err = process.communicate(b"1\n", timeout=60)
    assert process.returncode == 1
    assert b"Traceback" not in err and "Arrêté. 1".encode() in out, "French from the locale"
    assert load_content(data_copy).facts[first.id].checked.account.country == "ch"


def test_ctrl_c_at_a_prompt_is_one_calm_line_and_exit_130(data_copy):
    process = _kit(data_copy, "--lang", "en", "--country", "fr")
    seen, deadline = b"", time.monotonic() + 60
    while b"cannot check: " not in seen and time.monotonic() < deadline:
        if select.select([process.stdout], [], [], 1)[0]:
            seen += os.read(process.stdout.fileno(), 4096)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert b"Traceback" not in err and b"Stopped. 0 answer(s) saved" in out
    assert (data_copy / "objection.yaml").read_text() == (DATA_DIR / "objection.yaml").read_text()


def test_an_unknown_region_is_a_clear_error(data_copy):
    process = _kit(data_copy, "--lang", "en", "--region", "mars")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 2 and b"mars" in err and b"Traceback" not in err


def test_kit_data_dir_points_the_kit_at_a_copy(data_copy):
    first = account_entries(load_content(data_copy))[0]
    rerun = subprocess.run([sys.executable, "-m", "kit", "verify", "--lang", "en", "--country", "fr"],
                           input=b"1\n", capture_output=True, timeout=60,
                           env={**os.environ, "KIT_DATA_DIR": str(data_copy)})
    assert rerun.returncode == 1 and b"Stopped. 1" in rerun.stdout
    assert load_content(data_copy).facts[first.id].checked.account is not None
    assert load_content().facts[first.id].checked == first.checked, "the kit's own data/ is untouched"


def test_a_failed_write_is_a_clear_line_and_leaves_the_file_whole(data_copy, monkeypatch, capsys):
    import kit.content.writer

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(kit.content.writer.os, "replace", full_disk)
    _answers(monkeypatch, "1")
    assert main(["verify", "--lang", "en", "--country", "fr", "--data", str(data_copy)]) == 1
    assert "could not write" in capsys.readouterr().err
    assert (data_copy / "objection.yaml").read_text() == (DATA_DIR / "objection.yaml").read_text()
    assert not list(data_copy.glob(".*.tmp")), "no temporary file left behind"
