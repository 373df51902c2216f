"""`kit facts`: validation, stale facts, exit codes, no traceback."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys

import yaml

from kit.content import DATA_DIR


def kit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True, timeout=120)


def test_facts_validate_and_pass():
    result = kit("facts")
    assert result.returncode == 0, result.stderr
    assert "valid" in result.stdout


def test_stale_facts_are_listed_on_a_later_date(content):
    oldest = min(f.last_checked for f in content.facts.values())
    later = oldest + dt.timedelta(days=181)
    result = kit("facts", "--on", later.isoformat())
    assert result.returncode == 0
    stale = [f.id for f in content.facts.values() if f.last_checked == oldest]
    assert all(fact_id in result.stdout for fact_id in stale)
    assert kit("facts", "--on", later.isoformat(), "--max-age", "400").stdout.count("checked 2") == 0
    assert kit("facts", "--on", later.isoformat(), "--strict").returncode == 1


def test_facts_count_the_entries_never_checked_on_an_account(content):
    from kit.content.verification import account_summary

    summary = account_summary(content)
    result = kit("facts")
    assert f"{len(summary.never)} of {len(summary.entries)} entries that only an account can confirm" in result.stdout


def test_invalid_data_exits_non_zero_without_traceback(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    raw = yaml.safe_load((data / "checklist.yaml").read_text())
    raw["items"][0]["priority"] = 9
    raw["items"][0]["sources"] = ["missing-source"]
    (data / "checklist.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    result = kit("facts", "--data", str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"data/checklist.yaml: entry '{raw['items'][0]['id']}': field 'priority'" in result.stderr
