"""`$filter` and `$orderby` as the store runs them: every filter the spec's pattern allows compiles, runs, and
keeps the same items on SQLite and PostgreSQL; date-times are the same instants on both."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ios_lob_kit.mock_server.filtering import Dialect, instant, order_by, where
from ios_lob_kit.mock_server.operations import Operation, compile_operations
from ios_lob_kit.mock_server.scratch_postgres import ScratchCluster
from ios_lob_kit.mock_server.store import Store
from ios_lob_kit.openapi.index import spec_index

OPERATIONS = {op.operation_id: op for op in compile_operations(spec_index())}
LIST = OPERATIONS["listConfigurations"]

# Configurations with the values a comparison can trip on: nulls, absent properties, a quote, non-ASCII
# text, an escaped NUL, fractions past the microsecond, a leap second, offsets PostgreSQL refuses, year 0.
DOCS: list[dict[str, Any]] = [
    {"id": "a", "displayName": "Alpha", "description": None, "version": 1, "payloadFileName": "a.xml",
     "createdDateTime": "2024-01-01T00:00:00.123456Z", "lastModifiedDateTime": "2024-01-01T01:00:00+15:00",
     "expirationDateTime": "2025-06-30T23:59:60+01:00"},
    {"id": "b", "displayName": "beta\u00e9", "description": "d", "version": 2, "payloadFileName": "b.xml",
     "createdDateTime": "2024-01-01T00:00:00.1234565Z", "lastModifiedDateTime": "2024-01-01T00:00:00Z",
     "expirationDateTime": "0000-01-01T00:00:00Z"},
    {"id": "c", "displayName": "x\u0000y", "version": -3, "payloadFileName": "c",
     "createdDateTime": "2024-01-01T01:00:00+15:00", "lastModifiedDateTime": "2024-01-01T00:00:00Z",
     "expirationDateTime": "2024-01-01T00:00:00+23:00"},
    {"id": "d", "displayName": "It's", "description": "", "version": 2147483647, "payloadFileName": "%_?",
     "createdDateTime": "2023-12-31T23:00:00-01:00", "lastModifiedDateTime": "2024-01-01T00:00:00.9999995Z"},
    {"id": "e", "displayName": "Alpha", "version": 0, "payloadFileName": "",
     "createdDateTime": "2024-01-01T00:00:00.123457Z", "lastModifiedDateTime": "2024-01-01T00:00:00Z",
     "expirationDateTime": "2024-12-31T23:30:00-00:30"},
]  # fmt: skip


@pytest.fixture(scope="module")
def stores(postgres: ScratchCluster) -> Iterator[dict[Dialect, Store]]:
    opened: dict[Dialect, Store] = {"sqlite": Store(None), "postgresql": Store(postgres.create_database())}
    for store in opened.values():
        for doc in DOCS:
            store.insert_configuration("t", doc)
    yield opened
    for store in opened.values():
        store.close()


def _listed(store: Store, operation: Operation, text: str | None, order: str | None) -> list[str]:
    dialect = store.dialect
    condition = where(text, operation.properties, dialect) if text is not None else None
    ordering = order_by(order, operation.properties, dialect) if order is not None else None
    page, total = store.list_configurations("t", where=condition, order=ordering, skip=0, limit=100, with_count=True)
    assert total == store.count_configurations("t", condition) == len(page)
    return [doc["id"] for doc in page]


PATTERN = next(p.schema.node["pattern"] for p in spec_index().operation("listConfigurations").parameters
               if p.name == "$filter")  # fmt: skip


@settings(max_examples=120, derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.from_regex(PATTERN, fullmatch=True))
def test_every_filter_the_spec_allows_keeps_the_same_items_on_both_backends(
    stores: dict[Dialect, Store], text: str
) -> None:
    order = "displayName desc,version,createdDateTime desc"
    found = {dialect: _listed(store, LIST, text, order) for dialect, store in stores.items()}
    assert found["sqlite"] == found["postgresql"], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("displayName eq 'Alpha'", ["a", "e"]),
        ("displayName ge 'a'", ["b"]),  # by code point: upper case first
        ("description eq null", ["a", "c", "e"]),  # null, absent, and a document holding NUL
        ("not (version ge 1)", ["e"]),  # the NUL document compares nothing, negated or not
        ("startswith(payloadFileName,'%')", ["d"]),  # LIKE wildcards are plain characters
        ("contains(payloadFileName,'_')", ["d"]),
        ("endswith(payloadFileName,'')", ["a", "b", "d", "e"]),
        ("createdDateTime gt 2024-01-01T00:00:00.123456Z", ["e"]),  # .1234565 rounds half-even to .123456
        ("createdDateTime eq 2024-01-01T00:00:00Z", ["d"]),  # 23:00-01:00 is midnight UTC
        ("lastModifiedDateTime ge 2024-01-01T00:00:01Z", ["d"]),  # .9999995 rounds up to the next second
        ("expirationDateTime ge 2025-07-01T00:00:00+01:00", ["a"]),  # second 60 rolls over
        ("expirationDateTime eq 2024-12-31T23:30:00-00:30", ["e"]),
        ("expirationDateTime ne null", ["a", "b", "e"]),  # year 0 and +23:00 are no instants, but not null
        ("lastModifiedDateTime lt 2024-01-01T00:00:00Z", ["a"]),  # 01:00+15:00 is 10:00 the day before
    ],
)
def test_comparisons_mean_the_same_on_both_backends(
    stores: dict[Dialect, Store], text: str, expected: list[str]
) -> None:
    for store in stores.values():
        assert _listed(store, LIST, text, None) == expected, store.dialect


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("version desc", ["d", "b", "a", "e", "c"]),
        ("displayName,id desc", ["c", "e", "a", "d", "b"]),  # the NUL document's name is null: first
        ("expirationDateTime,createdDateTime desc", ["b", "d", "c", "e", "a"]),  # nulls (and non-instants) first
    ],
)
def test_orderby_sorts_the_same_on_both_backends(stores: dict[Dialect, Store], order: str, expected: list[str]) -> None:
    for store in stores.values():
        assert _listed(store, LIST, None, order) == expected, store.dialect


def test_instant_reads_date_times_as_postgresql_does(postgres: ScratchCluster) -> None:
    values = [doc[key] for doc in DOCS for key in doc if key.endswith("DateTime")]
    values += ["2024-01-01T00:00:00.1234564Z", "2024-03-31T02:30:00+15:59", "2024-03-31T02:30:00-16:00", "garbage"]
    with psycopg.connect(postgres.url(), autocommit=True) as connection:
        for value in values:
            try:
                epoch = connection.execute("SELECT extract(epoch FROM CAST(%s AS timestamptz))", (value,)).fetchone()
                expected = int(epoch[0] * 1_000_000) if epoch else None
            except psycopg.DataError:
                expected = None
            assert instant(value) == expected, value


def test_a_long_chain_of_conditions_runs_on_both_backends(stores: dict[Dialect, Store]) -> None:
    """Thousands of comparisons (as many as a URL holds) stay within SQLite's expression depth."""
    text = " or ".join(f"id eq 'x{i}'" for i in range(4000)) + " or (id eq 'd' and version gt 0)"
    for store in stores.values():
        assert _listed(store, LIST, text, None) == ["d"], store.dialect
