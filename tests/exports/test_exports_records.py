"""Unwrapping Meta's shapes, and the shared field helpers."""

from __future__ import annotations

import pytest

from kit.exports.records import (
    ShapeError,
    dict_records,
    is_filled,
    iso_seconds,
    private_flag,
    records,
    times_of,
    timestamp_of,
    valid_seconds,
)

A = {"timestamp": 1_700_000_000, "title": "a"}
B = {"timestamp": 1_700_000_100, "title": "b"}
EXPECTED = frozenset({"timestamp", "title"})


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ([A, B], [A, B]),  # bare list
        ({"comments_v2": [A, B]}, [A, B]),  # wrapper key
        ({"group_posts": {"activity_log_data": [A]}}, [A]),  # wrapper around a wrapper
        (A, [A]),  # one record written as a bare object
        ({"media": [{"uri": "x"}]}, [{"media": [{"uri": "x"}]}]),  # a one-key record, not a wrapper
        ({"profile_v2": {"name": "n", "username": "u"}}, [{"name": "n", "username": "u"}]),
        ({}, []),
        ([], []),
        ({"ig_stories": []}, []),
    ],
)
def test_records_unwraps_every_shape(data, expected) -> None:
    assert records(data) == expected


@pytest.mark.parametrize("data", ["text", 3, None, True])
def test_records_rejects_scalars(data) -> None:
    with pytest.raises(ShapeError):
        records(data)


def test_dict_records_checks_shapes() -> None:
    assert dict_records(A, EXPECTED) == [A]
    with pytest.raises(ShapeError):
        dict_records([1, 2], EXPECTED)
    with pytest.raises(ShapeError):
        dict_records({"unrelated": 1, "other": 2}, EXPECTED)
    assert dict_records([{"anything": 1}], EXPECTED) == [{"anything": 1}]  # lists are trusted


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"timestamp": 1_700_000_000}, 1_700_000_000),
        ({"creation_timestamp": 1_600_000_000}, 1_600_000_000),
        (
            {"string_map_data": {"Comment": {"timestamp": 0}, "Time": {"timestamp": 1_650_000_000}}},
            1_650_000_000,
        ),
        ({"string_list_data": [{"href": "h", "timestamp": 1_640_000_000}]}, 1_640_000_000),
        ({"label_values": [{"label": "Visit time", "timestamp_value": 1_630_000_000}]}, 1_630_000_000),
        ({"media": [{"creation_timestamp": 1_620_000_000}]}, 1_620_000_000),
        ({"data": [{}, {"comment": {"timestamp": 1_610_000_000}}]}, 1_610_000_000),
        ({"timestamp": 1_700_000_000_123}, 1_700_000_000),  # milliseconds
        ({"timestamp": 0, "title": "no date"}, None),
        ({"timestamp": 1_726_806}, None),  # anonymised value in the what-if sample
        ({"timestamp": "1700000000"}, None),
    ],
)
def test_timestamp_of_every_envelope(record, expected) -> None:
    assert timestamp_of(record) == expected
    assert times_of([record, record]) == [expected, expected], "the list version agrees"


def test_valid_seconds_and_iso() -> None:
    assert valid_seconds(True) is None
    assert valid_seconds(-62169958800) is None
    assert iso_seconds("2019-05-01T12:00:00") == 1_556_712_000
    assert iso_seconds("2019-05-01T12:00:00+00:00") == iso_seconds("2019-05-01T12:00:00Z") == 1_556_712_000
    assert iso_seconds("2019-05-01T14:00:00+02:00") == 1_556_712_000, "an offset is kept"
    assert valid_seconds(1_072_915_200) == 1_072_915_200, "2004-01-01 itself is a date"
    assert iso_seconds("not a date") is None


@pytest.mark.parametrize(
    ("value", "filled"),
    [
        ("Camille", True),
        ("", False),
        ("True", False),
        ("unspecified", False),
        (0, False),
        (1991, True),
        ([], False),
        ({"emails": [], "previous_emails": []}, False),
        ({"emails": ["a@example.org"]}, True),
        ({"graduated": True}, False),
    ],
)
def test_is_filled(value, filled) -> None:
    assert is_filled(value) is filled


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"Private Account": {"value": "True"}}, True),
        ({"Private Account": {"value": "False"}}, False),
        ({"Compte privé": {"value": "Faux"}}, False),
        ({"Privéaccount": {"value": "Waar"}}, True),
        ({"Username": {"value": "x"}}, None),
        ({"Private Account": {"value": "maybe"}}, None),
    ],
)
def test_private_flag(fields, expected) -> None:
    assert private_flag(fields) is expected
