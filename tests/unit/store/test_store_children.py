"""Children: corrected age, validated details, and removal that keeps their sessions."""

from __future__ import annotations

from datetime import date

import pytest

from massage_desktop.store.children import Child, ChildError, Children, age_weeks
from massage_desktop.store.history import History, SessionStart


def test_age_is_counted_in_weeks_from_birth() -> None:
    bee = Child(1, "Bee", date(2024, 1, 1))
    assert age_weeks(bee, date(2024, 3, 11)) == 10.0


def test_a_baby_born_early_uses_the_corrected_age() -> None:
    bee = Child(1, "Bee", date(2024, 1, 1), weeks_early=6)
    assert age_weeks(bee, date(2024, 3, 11)) == 4.0


def test_corrected_age_never_goes_below_zero() -> None:
    bee = Child(1, "Bee", date(2024, 1, 1), weeks_early=10)
    assert age_weeks(bee, date(2024, 1, 15)) == 0.0


def test_correction_stops_at_two_years() -> None:
    bee = Child(1, "Bee", date(2020, 1, 1), weeks_early=8)
    assert age_weeks(bee, date(2023, 1, 1)) == round((date(2023, 1, 1) - bee.born).days / 7, 1)


def test_a_child_is_added_and_listed(children: Children) -> None:
    bee = children.add("  Bee  ", date(2024, 1, 1), 2, ["hernia"])
    assert bee.id > 0
    assert bee.name == "Bee"
    assert children.all() == [bee]
    assert children.find("bee") == bee


def test_only_standing_conditions_are_accepted(children: Children) -> None:
    with pytest.raises(ChildError, match="Not a lasting condition: fever"):
        children.add("Bee", date(2024, 1, 1), conditions=["fever"])
    assert children.all() == []


@pytest.mark.parametrize(
    ("name", "born", "early", "message"),
    [
        ("", date(2024, 1, 1), 0, "name"),
        ("Bee", date(2030, 1, 1), 0, "future"),
        ("Bee", date(2024, 1, 1), 25, "Weeks born early"),
    ],
)
def test_invalid_details_are_refused_in_plain_words(
    children: Children, name: str, born: date, early: int, message: str
) -> None:
    with pytest.raises(ChildError, match=message):
        children.add(name, born, early)


def test_a_child_can_be_edited(children: Children) -> None:
    bee = children.add("Bee", date(2024, 1, 1))
    children.edit(Child(bee.id, "Bumble", date(2024, 1, 2), 1, ("epilepsy",)))
    assert children.get(bee.id) == Child(bee.id, "Bumble", date(2024, 1, 2), 1, ("epilepsy",))


def test_removing_a_child_keeps_their_sessions(children: Children, history: History) -> None:
    bee = children.add("Bee", date(2024, 1, 1))
    sid = history.start_session(SessionStart("colic", 1, "Colic", 300, 10, child_id=bee.id))
    children.remove(bee.id)
    assert children.all() == []
    assert [c.id for c in children.all(include_removed=True)] == [bee.id]
    assert history.session(sid) is not None
    assert history.sessions(child_id=bee.id)[0].child_name == "Bee"
    children.restore(bee.id)
    assert [c.name for c in children.all()] == ["Bee"]


def test_erasing_a_child_deletes_their_sessions_and_says_how_many(
    children: Children, history: History
) -> None:
    bee = children.add("Bee", date(2024, 1, 1))
    pip = children.add("Pip", date(2023, 6, 1))
    for child in (bee, bee, pip):
        history.start_session(SessionStart("colic", 1, "Colic", 300, 10, child_id=child.id))
    assert children.erase(bee.id) == 2
    assert children.get(bee.id) is None
    assert [s.child_id for s in history.sessions()] == [pip.id]


def test_editing_an_unknown_child_is_an_error(children: Children) -> None:
    with pytest.raises(KeyError):
        children.edit(Child(7, "Ghost", date(2024, 1, 1)))
