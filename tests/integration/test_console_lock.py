"""The idle lock of the alert console: a locked session answers nothing over HTTP, its console keeps hearing alerts
without resident identity, a nurse's password opens it; an ended session is told so before its console closes."""

from __future__ import annotations

import json

from facility.extensions import socketio
from facility.web.alert_links import alert_link
from tests.alert_factory import raise_committed, resident_of

IDLE = {"minutes": 16}  # past SESSION_IDLE_MINUTES (15)


def alerts_socket(app, client, **auth):
    return socketio.test_client(app, namespace="/alerts", flask_test_client=client.http, auth=auth or None)


def received(socket, name=None):
    return [(e["name"], e["args"][0]) for e in socket.get_received("/alerts") if name in (None, e["name"])]


def north_resident(demo):
    with demo.app_context():
        session = demo.extensions["facility_db"].new_session()
        resident = resident_of(session, "North")
        names = (resident.first_name, resident.last_name, resident.display_name, resident.room)
        session.close()
    return names


def test_an_idle_console_connects_locked_and_hears_new_alerts_without_any_resident_identity(login, demo, clock):
    nurse = login("nurse1")
    clock.advance(**IDLE)
    lead = login("lead1")
    assert nurse.get("/api/v1/alerts").status_code == 401  # locked: nothing over HTTP
    locked = alerts_socket(demo, nurse)
    assert locked.is_connected("/alerts")
    assert received(locked) == [("console", {"locked": True})]
    live = alerts_socket(demo, lead)

    [alert_id] = raise_committed(demo, "North", severity="critical")
    [(name, body)] = received(locked)
    assert name == "alert" and body["id"] == alert_id and body["severity"] == "critical" and body["unit_id"] == 1
    assert set(body) <= {"id", "kind", "severity", "unit_id", "raised_at", "acknowledged_at", "locked"}
    words = json.dumps(body)
    assert not any(part in words for part in north_resident(demo))
    [(_, whole)] = received(live, "alert")  # an unlocked console of the unit hears who it is about
    assert whole["resident_display"] == north_resident(demo)[2]


def test_a_locked_console_replays_what_it_missed_without_identity(login, demo, clock):
    nurse = login("nurse1")
    [alert_id] = raise_committed(demo, "North")
    clock.advance(**IDLE)
    nurse.get("/api/v1/auth/me")  # the request that finds the session idle locks it
    socket = alerts_socket(demo, nurse, last_alert_id=alert_id - 1)
    [(first, _), (name, body)] = received(socket)
    assert (first, name) == ("console", "alert")
    assert body["id"] == alert_id and "resident_display" not in body and "message" not in body


def test_the_same_nurses_password_unlocks_and_the_console_hears_names_again(login, demo, clock):
    nurse = login("nurse1")
    clock.advance(**IDLE)
    assert nurse.get("/api/v1/auth/me").status_code == 401
    wrong = nurse.http.post("/api/v1/auth/unlock", json={"username": "nurse1", "password": "not it"})
    assert wrong.status_code == 401 and nurse.get("/api/v1/auth/me").status_code == 401
    opened = nurse.http.post("/api/v1/auth/unlock", json={"username": "nurse1", "password": "facility-demo"})
    assert opened.status_code == 200 and opened.get_json()["user"]["username"] == "nurse1"
    assert nurse.http.get("/api/v1/alerts").status_code == 200
    socket = alerts_socket(demo, nurse)
    raise_committed(demo, "North")
    [(name, body)] = received(socket)
    assert name == "alert" and body["resident_display"] == north_resident(demo)[2]


def test_another_nurse_unlocking_takes_the_session_over_and_a_worker_cannot(login, demo, clock):
    nurse = login("nurse1")
    clock.advance(**IDLE)
    nurse.get("/api/v1/auth/me")
    refused = nurse.http.post("/api/v1/auth/unlock", json={"username": "worker1", "password": "facility-demo"})
    assert refused.status_code == 403 and "nurse or a lead" in refused.get_json()["message"]
    assert nurse.get("/api/v1/auth/me").status_code == 401  # still locked, still nurse1's
    assert alerts_socket(demo, nurse).is_connected("/alerts")
    taken = nurse.http.post("/api/v1/auth/unlock", json={"username": "lead1", "password": "facility-demo"})
    assert taken.status_code == 200
    assert nurse.get("/api/v1/auth/me").get_json()["user"]["username"] == "lead1"


def test_logout_tells_the_users_consoles_their_session_ended_before_closing_them(login, demo):
    nurse, elsewhere = login("nurse1"), login("nurse1")
    socket = alerts_socket(demo, nurse)
    assert elsewhere.post("/api/v1/auth/logout").status_code == 204
    assert not socket.is_connected("/alerts")
    # what it heard before the close (the test client keeps it, but answers only while connected)
    heard = [(p["name"], p["args"][0]) for p in socket.queue if p["namespace"] == "/alerts"]
    assert heard == [("session_ended", {"reason": "session_ended"})]


def test_the_login_page_says_the_user_logged_out_or_that_the_session_ended(login, demo, clock):
    page = login("nurse1")
    token = page.http.get("/alerts").get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    out = page.http.post("/logout", data={"csrf_token": token})
    assert "You have logged out" in page.http.get(out.headers["Location"]).get_data(as_text=True)
    idle = login("nurse1")
    clock.advance(**IDLE)
    sent_back = idle.http.get("/alerts")
    assert sent_back.status_code == 302
    assert "Your session ended" in idle.http.get(sent_back.headers["Location"]).get_data(as_text=True)
    assert "session ended" not in demo.test_client().get("/login").get_data(as_text=True)


def test_alert_cards_lead_to_the_incident_the_episode_or_the_resident():
    assert alert_link("incident_submitted", "incident_submitted:12", 3) == "/incidents/12"
    assert alert_link("face_to_face_overdue", "face_to_face_overdue:7", 3) == "/episodes/7"
    assert alert_link("breathing_not_observed", "rounds:breathing:3:abc", 3) == "/residents/3"
    assert alert_link("escalated", "escalated:41", None) is None


def test_the_alert_list_carries_each_alerts_link(login, demo):
    [alert_id] = raise_committed(demo, "North")
    items = login("nurse1").get("/api/v1/alerts").get_json()["items"]
    resident_id = next(a["resident_id"] for a in items if a["id"] == alert_id)
    assert next(a["link"] for a in items if a["id"] == alert_id) == f"/residents/{resident_id}"
