"""Issue 21 (13): medication records read in words on the resident page: the medication, not an order number."""

from __future__ import annotations

import re

from tests.conftest import iso, new_uid
from tests.integration.medobs_helpers import at_local, med, noon, notifier  # noqa: F401
from tests.integration.test_resident_page import timeline


def _panel(page: str, key: str) -> str:
    return page.split(f'id="panel-{key}"', 1)[1].split("</section>", 1)[0]


def _words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_refused_dose_names_its_medication_dose_time_and_reason(med):
    order = med.order(medication="sertraline", strength="50 mg", times=["12:00"])
    assert med.observe(order["id"], outcome="refused", note="feels sick").status_code == 201
    lines = timeline(med.worker.get("/residents/4").get_data(as_text=True))
    mine = [line for line in lines if "Sertraline" in line]
    assert (
        mine[-1] == f"12:00 12:00 dose of Sertraline 50 mg, 1 tablet by mouth: refused — feels sick "
        f"{med.worker.user['name']}"
    )
    assert not any("order " in line for line in lines)


def test_a_prn_dose_and_a_stop_name_the_medication(med):
    prn = med.prn()
    given = med.observe(prn["id"], prn_indication="pacing, anxious")
    assert given.status_code == 201, given.get_json()
    stop = med.nurse.post(
        f"/api/v1/medications/orders/{prn['id']}/stop",
        json={"uid": new_uid(), "reason": "no longer needed", "occurred_at": iso(med.clock.now)},
    )
    assert stop.status_code == 201, stop.get_json()
    lines = timeline(med.nurse.get("/residents/4").get_data(as_text=True))
    assert any("PRN Hydroxyzine 25 mg, 1 tablet by mouth for pacing, anxious: taken" in line for line in lines)
    assert any("stopped: Hydroxyzine 25 mg, 1 tablet by mouth — no longer needed" in line for line in lines)
    assert any(
        "ordered: Hydroxyzine 25 mg, 1 tablet by mouth, as needed for anxiety (at most 2 in 24 h)" in line
        for line in lines
    )


def test_the_orders_panel_says_each_order_in_words_and_links_the_mor(med):
    med.order(medication="sertraline", strength="50 mg", times=["08:00"])
    med.order(medication="olanzapine", strength="5 mg", times=["20:00", "08:00"], route="sublingual")
    page = med.worker.get("/residents/4").get_data(as_text=True)
    panel = _panel(page, "orders")
    assert "Sertraline 50 mg, 1 tablet by mouth, 08:00 daily" in _words(panel)
    assert "Olanzapine 5 mg, 1 tablet under the tongue, 08:00 and 20:00 daily" in _words(panel)
    assert "prn:" not in panel and "status:" not in panel
    assert 'href="/residents/4/mor"' in panel


def test_no_known_allergies_is_neutral_on_the_mor_and_real_ones_stay_prominent(med):
    allergic = med.worker.get("/residents/4/mor").get_data(as_text=True)
    assert re.search(r'class="allergies"[^>]*>Allergies: latex', allergic)
    clear = next(
        r["id"]
        for r in med.worker.get("/api/v1/residents?unit_id=1").get_json()
        if not med.worker.get(f"/api/v1/residents/{r['id']}").get_json()["allergies"]
    )
    page = med.worker.get(f"/residents/{clear}/mor").get_data(as_text=True)
    assert re.search(r'class="allergies none"[^>]*>Allergies: none known', page)


def test_a_dose_is_named_by_its_local_scheduled_time(med):
    order = med.order(times=["23:30"])
    med.clock.now = at_local("23:10")
    assert med.observe(order["id"]).status_code == 201
    lines = timeline(med.worker.get("/residents/4").get_data(as_text=True))
    assert any(line.startswith("23:10 23:30 dose of Risperidone") for line in lines)
