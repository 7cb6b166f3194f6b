"""The History table's model: pages read from a real SQLite file as the view asks for rows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from history_builder import Massage, bulk, record
from massage_desktop.store.children import Children
from massage_desktop.store.history import History, Outcome
from massage_desktop.store.history_query import HistoryQuery, Order, SessionFilter, SortBy
from massage_desktop.ui.records.history_model import COLUMNS, HistoryModel

FIRST = datetime(2024, 1, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))
SESSIONS = 45  # a day apart, Bee and Pip in turn; then one relaxing massage of Bee's
BEE, PIP = 1, 2


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    opened = History.open(tmp_path / "history.sqlite3")
    children = Children(opened.db)
    children.add("Bee", date(2023, 6, 1))
    children.add("Pip", date(2023, 9, 1))
    bulk(opened, SESSIONS, FIRST, timedelta(days=1), (BEE, PIP), steps=2)
    relaxing = Massage("relaxing", "Relaxing", BEE, Outcome.STOPPED, 90.0, cues=("crying",))
    record(opened, relaxing)  # stamped now, so the newest
    yield opened
    opened.close()


def model_of(history: History, page_rows: int = 10, kept_pages: int = 2) -> HistoryModel:
    return HistoryModel(HistoryQuery(history.db), page_rows=page_rows, kept_pages=kept_pages)


def ids(model: HistoryModel) -> list[int]:
    out = []
    for row in range(model.rowCount()):
        summary = model.summary_at(row)
        assert summary is not None
        out.append(summary.session.id)
    return out


def cells(model: HistoryModel, name: str) -> list[str]:
    column = COLUMNS.index(name)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_rows_appear_newest_first_across_pages_and_few_pages_are_held(history: History) -> None:
    model = model_of(history)
    assert model.rowCount() == SESSIONS + 1
    assert ids(model) == list(range(SESSIONS + 1, 0, -1))
    assert model.pages_held == 2
    assert cells(model, "Date")[-1] == "1 Jan 2024\n09:00"
    assert cells(model, "Massage")[0] == "Relaxing"
    assert cells(model, "Baby's cues")[:2] == ["Crying", "—"]
    assert model.index(0, COLUMNS.index("Outcome")).data() == "Stopped"
    assert model.index(0, COLUMNS.index("Outcome")).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, COLUMNS.index("Outcome")).data(Qt.ItemDataRole.FontRole) is None
    assert model.index(SESSIONS + 1, 0).data() is None  # past the end


def test_the_last_row_is_one_jump_away_in_the_table(qtbot: QtBot, history: History) -> None:
    model = model_of(history, page_rows=5)
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.resize(600, 300)
    table.show()
    qtbot.waitExposed(table)
    table.scrollToBottom()
    qtbot.waitUntil(lambda: table.rowAt(table.viewport().height() - 1) == SESSIONS)
    oldest = model.summary_at(SESSIONS)
    assert oldest is not None
    assert oldest.session.id == 1
    assert model.pages_held <= 2  # the pages between were never kept


def test_filters_and_sorting_are_done_by_sqlite(history: History) -> None:
    model = model_of(history)
    model.set_filter(SessionFilter(child_id=PIP))
    assert model.rowCount() == SESSIONS // 2
    assert set(cells(model, "Child")) == {"Pip"}
    model.set_filter(SessionFilter(protocol_id="relaxing"))
    assert ids(model) == [SESSIONS + 1]
    model.set_filter(SessionFilter(since=date(2024, 1, 3), until=date(2024, 1, 5)))
    assert ids(model) == [5, 4, 3]
    model.set_filter(SessionFilter())
    model.sort(COLUMNS.index("Length"), Qt.SortOrder.AscendingOrder)
    assert model.order == Order(SortBy.LENGTH, descending=False)
    assert ids(model)[0] == SESSIONS + 1  # 1:30, the shortest
    model.sort(COLUMNS.index("Child"), Qt.SortOrder.DescendingOrder)
    assert cells(model, "Child")[: SESSIONS // 2] == ["Pip"] * (SESSIONS // 2)
    assert model.row_of(SESSIONS + 1) == SESSIONS // 2  # Bee's newest comes first of Bee's


def test_a_change_to_the_history_is_read_again_and_nothing_else_is(
    qtbot: QtBot, history: History
) -> None:
    model = model_of(history)
    assert not model.refresh_if_changed()
    sid = record(history, Massage(child_id=PIP))
    with qtbot.waitSignal(model.modelReset):
        assert model.refresh_if_changed()
    assert model.rowCount() == SESSIONS + 2
    assert ids(model)[0] == sid
