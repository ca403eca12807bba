"""The handoff fold: hand it a shift's facts, read the sections and the I-PASS entries."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from facility.domain import Registry
from facility.domains import DOMAINS
from facility.handoff.summary import build_summary
from facility.sections import AlertFact, EventFact, ResidentFact, ShiftFacts
from facility.timeutil import ShiftWindow

NY = ZoneInfo("America/New_York")
START = datetime(2026, 6, 10, 11, 0, tzinfo=UTC)  # 07:00 local
SECTIONS = [section.fold for section in Registry(DOMAINS).handoff_sections]
WINDOW = ShiftWindow(START, START + timedelta(hours=8), NY)


def at(minutes: float) -> datetime:
    return START + timedelta(minutes=minutes)


def resident(rid: int, level: str = "q60", room: str | None = None, **kw) -> ResidentFact:
    return ResidentFact(
        rid,
        f"R{rid} X. · {room or rid}",
        room or str(rid),
        level,
        tuple(kw.pop("precautions", ())),
        kw.pop("admitted_at", START - timedelta(days=3)),
        kw.pop("discharged_at", None),
    )


def check(rid: int, minutes: float, state: str = "awake_calm", location: str = "dayroom") -> EventFact:
    return EventFact(f"c{rid}-{minutes}", "rounds.check", rid, 7, at(minutes), {"state": state, "location": location})


def hourly(rid: int) -> list[EventFact]:
    return [check(rid, m) for m in range(0, 481, 60)][:-1] + [check(rid, 470)]


def fold(residents, events, alerts=(), before=None):
    facts = ShiftFacts(
        1,
        "North",
        WINDOW,
        residents,
        sorted(events, key=lambda e: e.occurred_at),
        list(alerts),
        extras={"rounds": {"checks_before": before or {}}},
    )
    return build_summary(facts, SECTIONS)


def entry(summary, rid):
    return next(r for r in summary["residents"] if r["resident_id"] == rid)


def test_quiet_resident_checked_every_hour_is_stable_and_fully_on_time():
    summary = fold([resident(1)], hourly(1))
    assert entry(summary, 1)["severity"] == "stable"
    assert summary["rounds"]["checks"] == 9 and summary["rounds"]["on_time_pct"] == 100.0
    assert summary["rounds"]["missed"] == 0


def test_a_critical_alert_in_the_shift_makes_a_resident_unstable_and_listed_first():
    alert = AlertFact(5, "resident_missing", "critical", 2, "Ben O. · 2 could not be located", at(30))
    summary = fold([resident(1, room="101"), resident(2, room="102")], hourly(1) + hourly(2), [alert])
    assert [r["resident_id"] for r in summary["residents"]] == [2, 1]
    assert entry(summary, 2)["severity"] == "unstable"
    assert entry(summary, 2)["open_alerts"][0]["kind"] == "resident_missing"
    assert summary["alerts"]["open"] == 1 and summary["alerts"]["unacknowledged"] == 1


def test_an_agitated_check_or_close_observation_makes_a_watcher():
    summary = fold(
        [resident(1), resident(2, "q15")],
        hourly(1) + [check(1, 200, state="agitated")] + [check(2, m) for m in range(0, 480, 15)],
    )
    assert entry(summary, 1)["severity"] == "watcher" and "agitated" in " ".join(entry(summary, 1)["events"])
    assert entry(summary, 2)["severity"] == "watcher"
    assert entry(summary, 2)["actions"] == ["next check due 15:00 (q15)"]


def test_gaps_count_missed_checks_and_name_the_longest_and_whose():
    events = [check(1, m) for m in (10, 25, 60)] + [check(1, m) for m in range(75, 480, 15)]
    summary = fold([resident(1, "q15")], events, before={1: START - timedelta(minutes=5)})
    rounds = summary["rounds"]
    assert rounds["checks"] == len(events)
    assert rounds["on_time"] == len(events) - 1  # 25 → 60 is 35 minutes
    assert rounds["missed"] == 2  # the 35-minute gap skipped two q15 checks
    assert rounds["longest_gap_minutes"] == 35 and rounds["longest_gap_resident_id"] == 1


def test_a_tighter_level_mid_shift_counts_from_the_last_actual_check():
    change = EventFact("l1", "observation.level_changed", 1, 3, at(120), {"from": "q60", "to": "q15", "reason": "x"})
    events = [check(1, 0), check(1, 60), change, check(1, 120), check(1, 165)]
    summary = fold([resident(1, "q15")], events)
    assert summary["rounds"]["on_time"] == 2  # 60 → 120 and 120 → 165 are late under q15
    assert "level q60 → q15" in " ".join(entry(summary, 1)["events"])
    assert summary["census"]["level_changes"][0]["to"] == "q15"


def test_census_counts_admissions_and_discharges_in_the_shift():
    newcomer = resident(3, admitted_at=at(100))
    leaver = resident(4, discharged_at=at(200))
    events = [
        EventFact("a", "resident.admitted", 3, 1, at(100), {}),
        EventFact("d", "resident.discharged", 4, 1, at(200), {}),
    ]
    census = fold([resident(1), newcomer, leaver], hourly(1) + events)["census"]
    assert (census["start"], census["end"], census["admissions"], census["discharges"]) == (2, 2, 1, 1)


def test_window_is_given_in_local_time():
    summary = fold([resident(1)], hourly(1))
    assert summary["window"]["hours"] == 8 and "07:00–15:00" in summary["window"]["label"]
