"""Sessions end for real: logout, a password change and deactivation close every session and socket of the user."""

from facility.extensions import socketio
from tests.alert_factory import raise_committed
from tests.conftest import ApiClient

PASSWORD = "a-new-long-password"


def saved_cookie(client: ApiClient) -> str:
    return client.http.get_cookie("session").value


def replay(app, cookie: str):
    """A fresh browser presenting a cookie saved earlier."""
    other = app.test_client()
    other.set_cookie("session", cookie)
    return other


def test_a_cookie_saved_before_logout_no_longer_answers(login, demo):
    worker = login("worker1")
    cookie = saved_cookie(worker)
    assert replay(demo, cookie).get("/api/v1/units").status_code == 200
    assert worker.post("/api/v1/auth/logout").status_code == 204
    assert replay(demo, cookie).get("/api/v1/units").status_code == 401


def test_logout_ends_the_users_sessions_on_other_devices_too(login):
    tablet, laptop = login("nurse1"), login("nurse1")
    assert tablet.post("/api/v1/auth/logout").status_code == 204
    assert laptop.get("/api/v1/auth/me").status_code == 401
    assert login("nurse1").get("/api/v1/auth/me").status_code == 200  # a new login works


def test_logout_from_the_page_ends_the_api_sessions_too(login, demo):
    api = login("worker1")
    page = login("worker1")
    token = page.http.get("/login").get_data(as_text=True).split('name="csrf_token" value="')[1].split('"')[0]
    assert page.http.post("/logout", data={"csrf_token": token}).status_code == 302
    assert api.get("/api/v1/units").status_code == 401


def test_a_password_change_ends_every_session_of_that_user(login, demo):
    nurse = login("nurse1")
    admin = login("admin")
    answer = admin.patch(f"/api/v1/users/{nurse.user['id']}", json={"password": PASSWORD})
    assert answer.status_code == 200
    assert nurse.get("/api/v1/alerts").status_code == 401
    again = ApiClient(demo, "nurse1", password=PASSWORD)
    assert again.get("/api/v1/alerts").status_code == 403  # the temporary password opens only its own change
    assert (
        again.post(
            "/api/v1/auth/password", json={"current_password": PASSWORD, "new_password": "nurse1's own one"}
        ).status_code
        == 200
    )
    assert again.get("/api/v1/alerts").status_code == 200


def test_deactivation_ends_the_session_and_reactivation_does_not_revive_it(login, demo):
    worker = login("worker1")
    admin = login("admin")
    assert admin.patch(f"/api/v1/users/{worker.user['id']}", json={"active": False}).status_code == 200
    assert admin.patch(f"/api/v1/users/{worker.user['id']}", json={"active": True}).status_code == 200
    assert worker.get("/api/v1/units").status_code == 401


def alerts_socket(app, client: ApiClient, **auth):
    return socketio.test_client(app, namespace="/alerts", flask_test_client=client.http, auth=auth or None)


def test_logout_disconnects_the_users_sockets_and_they_hear_nothing_more(login, demo):
    nurse = login("nurse1")
    socket = alerts_socket(demo, nurse)
    assert socket.is_connected("/alerts")
    nurse.post("/api/v1/auth/logout")
    assert not socket.is_connected("/alerts")
    raise_committed(demo, "North")
    assert not socket.is_connected("/alerts")


def test_a_password_change_disconnects_sockets_and_a_saved_cookie_cannot_reconnect(login, demo):
    nurse = login("nurse1")
    cookie = saved_cookie(nurse)
    socket = alerts_socket(demo, nurse)
    login("admin").patch(f"/api/v1/users/{nurse.user['id']}", json={"password": PASSWORD})
    assert not socket.is_connected("/alerts")
    again = socketio.test_client(demo, namespace="/alerts", flask_test_client=replay(demo, cookie))
    assert not again.is_connected("/alerts")


def test_workers_and_admins_are_kept_off_the_alert_stream_and_its_replay(login, demo):
    raise_committed(demo, "North")
    for username in ("worker1", "admin"):
        socket = alerts_socket(demo, login(username), last_alert_id=0)
        assert not socket.is_connected("/alerts"), username
    nurse = alerts_socket(demo, login("nurse1"), last_alert_id=0)
    assert nurse.is_connected("/alerts")
    assert [e["name"] for e in nurse.get_received("/alerts")] == ["alert"]
