"""Medication records in one plain line each, for timelines and the resident page."""

from datetime import date
from typing import Any

from facility.words import say

# How a route reads in a sentence: "1 tablet by mouth", "1 patch on the skin".
ROUTE_WORDS = {
    "oral": "by mouth",
    "sublingual": "under the tongue",
    "buccal": "inside the cheek",
    "topical": "on the skin",
    "transdermal": "as a skin patch",
    "inhaled": "inhaled",
    "nasal": "in the nose",
    "ophthalmic": "in the eye",
    "otic": "in the ear",
    "rectal": "rectally",
    "vaginal": "vaginally",
    "subcutaneous": "by injection under the skin",
    "intramuscular": "by injection into a muscle",
}


def _and(items: list[str]) -> str:
    """'08:00', '08:00 and 20:00', '08:00, 14:00 and 20:00'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _day(value: Any) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {day:%b %Y}"


def medicine(order: dict[str, Any]) -> str:
    """'Sertraline 50 mg, 1 tablet by mouth': what is given and how."""
    name = order.get("medication") or "?"
    route = ROUTE_WORDS.get(order.get("route") or "", say(order.get("route")))
    return f"{name[:1].upper()}{name[1:]} {order.get('strength')}, {order.get('dose')} {route}"


def order_words(order: dict[str, Any]) -> str:
    """An order as a nurse says it: 'Sertraline 50 mg, 1 tablet by mouth, 08:00 daily'."""
    if order.get("prn"):
        most = order.get("prn_max_per_24h")
        when = f"as needed for {order.get('prn_indication')}" + (f" (at most {most} in 24 h)" if most else "")
    else:
        when = f"{_and(sorted(order.get('times') or ['?']))} daily"
    return f"{medicine(order)}, {when}"


def ordered(data: dict[str, Any]) -> str:
    line = f"ordered: {order_words(data)}"
    if data.get("start_date"):
        line += f", from {_day(data['start_date'])}"
    if data.get("end_date"):
        line += f" to {_day(data['end_date'])}"
    return line


def stopped(data: dict[str, Any], order: dict[str, Any] | None = None) -> str:
    """'stopped: Sertraline 50 mg, 1 tablet by mouth — reason'; the order's number when it is not at hand."""
    what = medicine(order) if order else f"order {data.get('order_id')}"
    return f"stopped: {what} — {data.get('reason')}"


def observed(data: dict[str, Any], order: dict[str, Any] | None = None, dose_time: str | None = None) -> str:
    """'08:00 dose of Sertraline 50 mg, 1 tablet by mouth: taken', with the reason and side effects seen."""
    if order is None:
        what = f"dose observed (order {data.get('order_id')})"
    elif dose_time:
        what = f"{dose_time} dose of {medicine(order)}"
    else:
        what = f"PRN {medicine(order)}" + (f" for {data['prn_indication']}" if data.get("prn_indication") else "")
    line = f"{what}: {say(data.get('outcome'))}"
    if data.get("held_reason"):
        line += f" — {data['held_reason']}"
    if data.get("late_reason"):
        line += f" — late: {data['late_reason']}"
    if data.get("note"):
        line += f" — {data['note']}"
    if data.get("side_effects"):
        line += "; side effects: " + ", ".join(say(e) for e in data["side_effects"])
    return line


def followup(data: dict[str, Any]) -> str:
    return f"PRN follow-up: {say(data.get('effect'))}"
