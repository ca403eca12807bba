"""The printable sheet of presence-code labels: a QR code per room and wristband, names only as the tablet
shows them."""

import re

from tests.integration.rounds_helpers import notifier  # noqa: F401


def test_the_lead_prints_a_label_per_room_and_wristband_with_the_tokens_as_qr_codes(login):
    lead = login("lead1")
    page = lead.get("/units/1/presence-codes")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    codes = lead.get("/api/v1/units/1/presence-codes").get_json()
    assert html.count('class="label label-room"') == 12 and html.count('class="label label-wristband"') == 12
    assert all(f'data-token="{c["token"]}"' in html for c in codes)
    assert html.count("<svg") >= 24 and "Room N101" in html
    detail = login("nurse1").get("/api/v1/residents/1").get_json()
    assert detail["last_name"] not in html and detail["record_number"] not in html
    assert re.search(rf"{detail['first_name']} [A-Z]\. · N101", html)
    assert "Replace this label" not in html  # only an admin replaces labels
    assert "Replace this label" in login("admin").get("/units/1/presence-codes").get_data(as_text=True)


def test_workers_and_other_units_do_not_get_the_sheet(login):
    assert login("worker1").get("/units/1/presence-codes").status_code == 403
    assert login("lead1").get("/units/2/presence-codes").status_code == 404
