"""Presence codes: printed per room and wristband, rotated when lost, and the unit's scan policy on checks."""

import re

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from facility.migrate import alembic_config
from tests.conftest import iso, new_uid
from tests.integration.rounds_helpers import check_body, notifier  # noqa: F401

pytestmark = pytest.mark.usefixtures("notifier")


def codes(client, unit_id=1):
    answer = client.get(f"/api/v1/units/{unit_id}/presence-codes")
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def code_of(listed, kind, room=None, resident_id=None):
    return next(
        c["token"]
        for c in listed
        if c["kind"] == kind
        and (room is None or c["room"] == room)
        and (resident_id is None or c.get("resident_id") == resident_id)
    )


def require_scans(client, *levels, unit_id=1):
    answer = client.patch(f"/api/v1/units/{unit_id}", json={"scan_required_levels": list(levels)})
    assert answer.status_code == 200, answer.get_json()
    return answer.get_json()


def level_of(client, resident_id):
    return client.get(f"/api/v1/residents/{resident_id}").get_json()["observation_level"]


def test_every_room_and_wristband_has_a_code_that_names_no_one(login, demo):
    lead = login("lead1")
    listed = codes(lead)
    rooms = [c for c in listed if c["kind"] == "room"]
    bands = [c for c in listed if c["kind"] == "wristband"]
    assert sorted(c["room"] for c in rooms) == [f"N{101 + i}" for i in range(12)]
    assert sorted(c["resident_id"] for c in bands) == list(range(1, 13))
    residents = login("nurse1").get("/api/v1/residents?unit_id=1").get_json()
    details = [login("nurse1").get(f"/api/v1/residents/{r['id']}").get_json() for r in residents]
    # Whole names and record numbers: a 3-letter first name turns up by chance in a random token now and then.
    words = {
        w.lower()
        for d in details
        for w in (d["first_name"] + d["last_name"], d["last_name"] + d["first_name"], d["record_number"])
    }
    for code in listed:
        assert re.fullmatch(r"[A-Za-z0-9_-]{16}", code["token"])
        assert not any(w in code["token"].lower() for w in words)
    assert len({c["token"] for c in listed}) == len(listed)
    assert codes(lead) == listed  # asking again prints the same labels


def stored_codes(database_url):
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return (
                connection.execute(text("SELECT token FROM presence_codes WHERE replaced_at IS NULL")).scalars().all()
            )
    finally:
        engine.dispose()


def test_listing_the_codes_stores_nothing_they_were_made_at_admission(login, demo, database_url):
    made = stored_codes(database_url)
    assert len(made) == 2 * (12 + 12)  # each unit: 12 occupied rooms and 12 wristbands
    listed = codes(login("lead1")) + codes(login("admin"), unit_id=2)
    assert sorted(c["token"] for c in listed) == sorted(made)
    assert stored_codes(database_url) == made


def test_an_admitted_resident_has_codes_at_once(login, clock):
    lead = login("lead1")
    admitted = lead.post(
        "/api/v1/residents",
        json={
            "unit_id": 1,
            "first_name": "Zoe",
            "last_name": "Quinn",
            "date_of_birth": "1990-04-01",
            "room": "N120",
            "admitted_at": iso(clock.now),
            "observation_level": "q60",
        },
    )
    assert admitted.status_code == 201
    listed = codes(lead)
    assert code_of(listed, "room", room="N120") and code_of(listed, "wristband", resident_id=admitted.get_json()["id"])


def test_a_transferred_resident_has_codes_on_the_unit_they_arrive_on(login, clock):
    admin = login("admin")
    answer = admin.post(
        "/api/v1/residents/3/transfer",
        json={"uid": new_uid(), "occurred_at": iso(clock.now), "unit_id": 2, "room": "S130"},
    )
    assert answer.status_code == 201
    listed = codes(admin, unit_id=2)
    assert code_of(listed, "room", room="S130") and code_of(listed, "wristband", resident_id=3)


def test_the_migration_gives_residents_already_in_care_their_codes(demo, database_url):
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM presence_codes"))
    engine.dispose()
    config = alembic_config(database_url)
    command.downgrade(config, "0008")
    command.upgrade(config, "head")
    assert len(stored_codes(database_url)) == 2 * (12 + 12)


def test_workers_cannot_list_the_codes_and_another_units_are_not_shown(login):
    assert login("worker1").get("/api/v1/units/1/presence-codes").status_code == 403
    assert login("lead1").get("/api/v1/units/2/presence-codes").status_code == 404


def test_a_scanned_room_code_opens_its_residents_and_records_a_scanned_check(login, clock):
    token = code_of(codes(login("lead1")), "room", room="N103")
    worker = login("worker1")
    found = worker.get(f"/api/v1/presence-codes/{token}").get_json()
    assert (found["kind"], found["room"], [r["id"] for r in found["residents"]]) == ("room", "N103", [3])
    assert set(found["residents"][0]) == {"id", "display_name"}
    answer = worker.post(
        "/api/v1/rounds/checks", json=check_body(clock, resident_id=3, presence={"method": "scanned", "token": token})
    )
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["presence"] == {"method": "scanned", "kind": "room", "scanned_at": iso(clock.now)}
    stored = login("nurse1").get("/api/v1/events?unit_id=1&kind=rounds.check&resident_id=3").get_json()["items"][-1]
    assert stored["data"]["presence"]["method"] == "scanned" and token not in str(stored)


def test_a_room_shared_by_two_residents_offers_both(login, clock):
    lead = login("lead1")
    admitted = lead.post(
        "/api/v1/residents",
        json={
            "unit_id": 1,
            "first_name": "Rowan",
            "last_name": "Reyes",
            "date_of_birth": "1990-04-02",
            "room": "N105",
            "admitted_at": iso(clock.now),
            "observation_level": "q30",
        },
    )
    assert admitted.status_code == 201, admitted.get_json()
    token = code_of(codes(lead), "room", room="N105")
    found = login("worker1").get(f"/api/v1/presence-codes/{token}").get_json()
    assert sorted(r["id"] for r in found["residents"]) == sorted([5, admitted.get_json()["id"]])


def test_a_wristband_proves_only_its_wearer(login, clock):
    band = code_of(codes(login("lead1")), "wristband", resident_id=4)
    worker = login("worker1")
    wrong = worker.post(
        "/api/v1/rounds/checks", json=check_body(clock, resident_id=5, presence={"method": "scanned", "token": band})
    )
    assert wrong.status_code == 422 and "presence" in wrong.get_json()["errors"]
    right = worker.post(
        "/api/v1/rounds/checks", json=check_body(clock, resident_id=4, presence={"method": "scanned", "token": band})
    )
    assert right.status_code == 201 and right.get_json()["presence"]["kind"] == "wristband"


def test_a_rotated_code_is_refused_with_a_clear_message_and_the_new_one_works(login, clock):
    admin = login("admin")
    old = code_of(codes(admin), "room", room="N106")
    assert login("lead1").post(f"/api/v1/presence-codes/{old}/rotate").status_code == 403
    rotated = admin.post(f"/api/v1/presence-codes/{old}/rotate")
    assert rotated.status_code == 201
    new = rotated.get_json()
    assert (new["kind"], new["room"]) == ("room", "N106") and new["token"] != old
    worker = login("worker1")
    gone = worker.get(f"/api/v1/presence-codes/{old}")
    assert gone.status_code == 410 and "replaced" in gone.get_json()["message"]
    refused = worker.post(
        "/api/v1/rounds/checks", json=check_body(clock, resident_id=6, presence={"method": "scanned", "token": old})
    )
    assert refused.status_code == 422 and "replaced" in refused.get_json()["errors"]["presence"][0]
    assert (
        worker.post(
            "/api/v1/rounds/checks",
            json=check_body(clock, resident_id=6, presence={"method": "scanned", "token": new["token"]}),
        ).status_code
        == 201
    )
    assert code_of(codes(admin), "room", room="N106") == new["token"]
    assert admin.post(f"/api/v1/presence-codes/{old}/rotate").status_code == 410


def test_another_units_code_is_refused(login, clock, south_nurse):
    admin = login("admin")
    south_room = code_of(codes(admin, unit_id=2), "room", room="S101")
    worker = login("worker1")
    assert worker.get(f"/api/v1/presence-codes/{south_room}").status_code == 404
    refused = worker.post(
        "/api/v1/rounds/checks",
        json=check_body(clock, resident_id=1, presence={"method": "scanned", "token": south_room}),
    )
    assert refused.status_code == 422 and "presence" in refused.get_json()["errors"]
    assert worker.get("/api/v1/presence-codes/no-such-token").status_code == 404


def test_a_level_that_requires_scans_refuses_a_plain_tap_but_takes_a_reason(login, clock):
    lead = login("lead1")
    level = level_of(lead, 2)
    unit = require_scans(lead, level)
    assert unit["scan_required_levels"] == [level]
    assert login("worker1").get("/api/v1/units").get_json()[0]["scan_required_levels"] == [level]
    worker = login("worker1")
    for presence in (None, {"method": "tapped"}):
        body = check_body(clock, resident_id=2, **({"presence": presence} if presence else {}))
        refused = worker.post("/api/v1/rounds/checks", json=body)
        assert refused.status_code == 422, presence
        assert "scan" in refused.get_json()["errors"]["presence"][0]
    blank = worker.post(
        "/api/v1/rounds/checks", json=check_body(clock, resident_id=2, presence={"method": "tapped", "reason": "  "})
    )
    assert blank.status_code == 422 and "presence" in blank.get_json()["errors"]
    taken = worker.post(
        "/api/v1/rounds/checks",
        json=check_body(clock, resident_id=2, presence={"method": "tapped", "reason": "asleep, door closed"}),
    )
    assert taken.status_code == 201
    assert taken.get_json()["presence"] == {"method": "tapped", "reason": "asleep, door closed"}
    other = next(r for r in range(1, 13) if level_of(lead, r) != level)
    assert worker.post("/api/v1/rounds/checks", json=check_body(clock, resident_id=other)).status_code == 201
    board = worker.get("/api/v1/units/1/board").get_json()["residents"]
    assert {r["id"]: r["scan_required"] for r in board}[2] is True
    assert {r["id"]: r["scan_required"] for r in board}[other] is False


def test_only_admins_and_leads_set_the_policy_and_only_to_known_levels(login):
    assert login("worker1").patch("/api/v1/units/1", json={"scan_required_levels": ["q5"]}).status_code == 403
    assert login("nurse1").patch("/api/v1/units/1", json={"scan_required_levels": ["q5"]}).status_code == 403
    bad = login("lead1").patch("/api/v1/units/1", json={"scan_required_levels": ["q1"]})
    assert bad.status_code == 422 and "scan_required_levels" in bad.get_json()["errors"]
    assert login("lead1").patch("/api/v1/units/1", json={"name": "Upstairs"}).status_code == 403
    assert login("admin").patch("/api/v1/units/1", json={"scan_required_levels": ["line_of_sight", "q5"]}).get_json()[
        "scan_required_levels"
    ] == ["q5", "line_of_sight"]


def test_a_scan_needs_its_token_and_presence_cannot_be_amended_afterwards(login, clock):
    worker = login("worker1")
    missing = worker.post("/api/v1/rounds/checks", json=check_body(clock, presence={"method": "scanned"}))
    assert missing.status_code == 422 and "presence" in missing.get_json()["errors"]
    body = check_body(clock, presence={"method": "tapped"})
    assert worker.post("/api/v1/rounds/checks", json=body).status_code == 201
    forged = login("nurse1").post(
        f"/api/v1/events/{body['uid']}/amend",
        json={"uid": new_uid(), "reason": "it was scanned really", "data": {"presence": {"method": "scanned"}}},
    )
    assert forged.status_code == 422 and "presence" in forged.get_json()["errors"]["data"]


@pytest.mark.parametrize(
    "outcome",
    [
        {"location": "unable_to_locate", "state": "not_seen"},
        {"state": "asleep", "breathing_observed": False},
        {"state": "self_harm_behavior"},
    ],
)
def test_an_emergency_is_recorded_at_once_whatever_the_scan_policy(login, clock, outcome):
    require_scans(login("lead1"), level_of(login("lead1"), 6))
    answer = login("worker1").post("/api/v1/rounds/checks", json=check_body(clock, resident_id=6, **outcome))
    assert answer.status_code == 201 and answer.get_json()["presence"] == {"method": "tapped"}
