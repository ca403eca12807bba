"""The monthly medication observation record (MOR) and the med-pass page."""

from __future__ import annotations

from tests.integration.medobs_helpers import at_local, med, noon, notifier  # noqa: F401


def test_the_mor_shows_each_dose_with_its_code_and_witness(med):
    order = med.order()
    med.observe(order["id"], outcome="refused")
    med.clock.now = at_local("21:30")
    med.sweep()
    answer = med.nurse.get("/api/v1/residents/4/mor?month=2026-06")
    assert answer.status_code == 200, answer.get_json()
    record = answer.get_json()
    assert record["allergies"] == ["latex"] and len(record["days"]) == 30
    rows = next(o for o in record["orders"] if o["order"]["id"] == order["id"])["rows"]
    noon_row, evening_row = rows
    assert noon_row["time"] == "12:00" and evening_row["time"] == "20:00"
    assert noon_row["cells"][9] == {
        "code": "R",
        "witness": "WW",
        "scheduled": True,
        "outcome": "refused",
        "at": "12:00",
    }
    assert evening_row["cells"][9]["code"] == "M"
    assert noon_row["cells"][8] == {"code": "", "scheduled": False}  # before the order started
    assert evening_row["cells"][10] == {"code": "", "scheduled": True}  # not due yet


def test_the_mor_page_prints_the_month(med):
    order = med.order()
    med.observe(order["id"])
    page = med.nurse.get("/residents/4/mor?month=2026-06")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "June 2026" in html and "risperidone 2 mg" in html and "Allergies: latex" in html
    assert "T<small>WW</small>" in html
    assert "@page" in med.nurse.get("/static/css/mor.css").get_data(as_text=True)


def test_a_bad_month_is_422_naming_month(med):
    answer = med.nurse.get("/api/v1/residents/4/mor?month=June")
    assert answer.status_code == 422 and "month" in answer.get_json()["errors"]


def test_the_med_pass_page_is_served_to_the_units_staff_only(med, login):
    assert med.worker.get("/units/1/med-pass").status_code == 200
    assert login("worker2").get("/units/1/med-pass").status_code == 404
    assert login("worker2").get("/residents/4/mor").status_code == 404


def test_the_mor_has_a_key_of_the_initials_with_full_names_and_roles(med):
    order = med.order()
    med.observe(order["id"], outcome="refused")
    record = med.nurse.get("/api/v1/residents/4/mor?month=2026-06").get_json()
    assert record["witnesses"] == [{"initials": "WW", "name": "Wren Walker", "role": "mental health worker"}]
    html = med.nurse.get("/residents/4/mor?month=2026-06").get_data(as_text=True)
    key = html.split('id="witness-key"', 1)[1].split("</table>", 1)[0]
    assert '<th scope="row">WW</th><td>Wren Walker</td><td>mental health worker</td>' in key
