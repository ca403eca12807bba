"""Incident and episode rules, pure: order lengths, the clocks of an episode, and the alerts they raise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from facility.incidents.codes import HIGH_SEVERITIES, RESTRICTIVE
from facility.outcomes import AlertDraft, Resolve
from facility.words import say

Outcome = AlertDraft | Resolve

MONITORING_EVERY = timedelta(minutes=15)
FACE_TO_FACE_DUE = timedelta(minutes=45)  # the reminder
FACE_TO_FACE_LIMIT = timedelta(hours=1)  # 42 CFR 482.13(e)(12): within 1 hour of the start
EXPIRING_BEFORE = timedelta(minutes=15)
TOTAL_LIMIT = timedelta(hours=24)  # renewals up to 24 hours from the start


def age_on(born: date, day: date) -> int:
    """Whole years of age on day (a birthday counts from its own day)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def order_length(born: date, started_at: datetime, zone: ZoneInfo) -> timedelta:
    """How long one order may last: 4 h from 18, 2 h from 9 to 17, 1 h under 9, by age on the local day of the start."""
    age = age_on(born, started_at.astimezone(zone).date())
    if age >= 18:
        return timedelta(hours=4)
    if age >= 9:
        return timedelta(hours=2)
    return timedelta(hours=1)


def first_order_expires(started_at: datetime, ordered_at: datetime, length: timedelta) -> datetime:
    """The first order runs its length from the earlier of the start and the order, never longer than either allows."""
    return min(started_at, ordered_at) + length


def renewed_expiry(started_at: datetime, ordered_at: datetime, length: timedelta) -> datetime:
    """A renewal runs its length from its own order time, capped at 24 hours from the start."""
    return min(ordered_at + length, started_at + TOTAL_LIMIT)


@dataclass(frozen=True)
class Clocks:
    """The legal clocks of an episode at a moment (None when a clock no longer runs, or no order is entered yet)."""

    order_expires_at: datetime | None
    face_to_face_due_at: datetime | None
    next_monitoring_due_at: datetime | None
    total_limit_at: datetime


def clocks(
    started_at: datetime,
    order_expires_at: datetime | None,
    last_monitored_at: datetime | None,
    face_to_face_at: datetime | None,
    ended_at: datetime | None,
) -> Clocks:
    """Where each clock of an episode stands: monitoring counts from the last check (or the start) while it lasts;
    the face-to-face stays due until it is documented, even after a release within the hour."""
    due_f2f = started_at + FACE_TO_FACE_LIMIT if face_to_face_at is None else None
    next_check = (last_monitored_at or started_at) + MONITORING_EVERY if ended_at is None else None
    return Clocks(order_expires_at, due_f2f, next_check, started_at + TOTAL_LIMIT)


def incident_condition(incident_id: int) -> str:
    return f"incident_submitted:{incident_id}"


def episode_condition(kind: str, episode_id: int) -> str:
    """One open alert per episode and kind (restraint_started, monitoring_overdue, …)."""
    return f"{kind}:{episode_id}"


EPISODE_ALERTS = (
    "restraint_started",
    "monitoring_overdue",
    "face_to_face_due",
    "face_to_face_overdue",
    "order_expiring",
    "order_expired",
)


@dataclass(frozen=True)
class SubmittedIncident:
    """A submitted report as the rule sees it (display names only)."""

    id: int
    uid: str
    unit_id: int
    resident_ids: tuple[int, ...]
    names: tuple[str, ...]
    category: str
    severity: str
    interventions: tuple[str, ...]
    injured: bool


def incident_severity(severity: str, interventions: tuple[str, ...], injured: bool) -> str:
    """Critical for a high or critical report, any injury or any restrictive intervention; else a warning."""
    if severity in HIGH_SEVERITIES or injured or RESTRICTIVE & set(interventions):
        return "critical"
    return "warning"


def submitted_outcomes(incident: SubmittedIncident) -> list[Outcome]:
    """incident_submitted to the unit's nurses, naming who and what (first name, last initial, room)."""
    level = incident_severity(incident.severity, incident.interventions, incident.injured)
    extra = [say(i) for i in incident.interventions if i in RESTRICTIVE] + (["injury"] if incident.injured else [])
    message = (
        f"Incident ({incident.severity}): {say(incident.category)} — {', '.join(incident.names)}"
        + (f"; {', '.join(extra)}" if extra else "")
        + " — review needed"
    )
    first = incident.resident_ids[0] if incident.resident_ids else None
    return [
        AlertDraft(
            "incident_submitted", level, incident.unit_id, first, incident_condition(incident.id), message, incident.uid
        )
    ]


@dataclass(frozen=True)
class RunningEpisode:
    """A restraint or seclusion episode as the time rule sees it."""

    id: int
    uid: str
    unit_id: int
    resident_id: int
    display_name: str
    kind: str
    started_at: datetime
    order_expires_at: datetime | None  # None: opened from a report, the order not entered yet
    last_monitored_at: datetime | None
    face_to_face_at: datetime | None


def started_outcomes(episode: RunningEpisode, zone: ZoneInfo) -> list[Outcome]:
    """restraint_started (critical) the moment an episode is documented."""
    at = episode.started_at.astimezone(zone)
    return [
        AlertDraft(
            "restraint_started",
            "critical",
            episode.unit_id,
            episode.resident_id,
            episode_condition("restraint_started", episode.id),
            f"{episode.display_name}: {say(episode.kind)} started {at:%H:%M}; monitor every 15 min, "
            f"face-to-face by {(at + FACE_TO_FACE_LIMIT):%H:%M}",
            episode.uid,
        )
    ]


def opened_outcomes(episode: RunningEpisode, incident_id: int, zone: ZoneInfo) -> list[Outcome]:
    """restraint_started (critical) for an episode opened from a report: the nurse's task is to complete it."""
    at = episode.started_at.astimezone(zone)
    return [
        AlertDraft(
            "restraint_started",
            "critical",
            episode.unit_id,
            episode.resident_id,
            episode_condition("restraint_started", episode.id),
            f"{episode.display_name}: {say(episode.kind)} at {at:%H:%M} reported on incident "
            f"#{incident_id} — episode to complete: enter the order, monitoring and the end",
            episode.uid,
        )
    ]


def _raise_or_clear(holds: bool, draft: AlertDraft, how: str) -> Outcome:
    return draft if holds else Resolve(draft.condition, how)


def episode_outcomes(episode: RunningEpisode, now: datetime, zone: ZoneInfo) -> list[Outcome]:
    """What the clocks of a running episode call for now; each alert clears itself once its condition ends."""
    c = clocks(episode.started_at, episode.order_expires_at, episode.last_monitored_at, episode.face_to_face_at, None)
    who, what = episode.display_name, say(episode.kind)

    def draft(kind: str, severity: str, message: str) -> AlertDraft:
        return AlertDraft(
            kind,
            severity,
            episode.unit_id,
            episode.resident_id,
            episode_condition(kind, episode.id),
            message,
            episode.uid,
        )

    def hhmm(moment: datetime) -> str:
        return f"{moment.astimezone(zone):%H:%M}"

    f2f_open = episode.face_to_face_at is None
    f2f_overdue = f2f_open and now >= episode.started_at + FACE_TO_FACE_LIMIT
    f2f_due = f2f_open and not f2f_overdue and now >= episode.started_at + FACE_TO_FACE_DUE
    # Without an order entered yet, the order's clocks wait for it; restraint_started says what is missing.
    expires = c.order_expires_at
    expired = expires is not None and now >= expires
    expiring = expires is not None and not expired and now >= expires - EXPIRING_BEFORE
    return [
        _raise_or_clear(
            now >= c.next_monitoring_due_at,
            draft(
                "monitoring_overdue",
                "warning",
                f"{who}: {what} — monitoring overdue (due {hhmm(c.next_monitoring_due_at)})",
            ),
            "monitoring documented",
        ),
        _raise_or_clear(
            f2f_due,
            draft(
                "face_to_face_due",
                "warning",
                f"{who}: {what} — face-to-face evaluation due by {hhmm(c.face_to_face_due_at or now)}",
            ),
            "face-to-face done" if not f2f_open else "now overdue",
        ),
        _raise_or_clear(
            f2f_overdue,
            draft(
                "face_to_face_overdue",
                "critical",
                f"{who}: {what} — face-to-face evaluation overdue "
                f"(due {hhmm(episode.started_at + FACE_TO_FACE_LIMIT)})",
            ),
            "face-to-face done",
        ),
        _raise_or_clear(
            expiring,
            draft("order_expiring", "warning", f"{who}: {what} — order expires {hhmm(expires or now)}; renew or end"),
            "order renewed" if not expired else "order expired",
        ),
        _raise_or_clear(
            expired,
            draft(
                "order_expired", "critical", f"{who}: {what} — order expired {hhmm(expires or now)}; renew or end now"
            ),
            "order renewed",
        ),
    ]


def ended_outcomes(episode_id: int) -> list[Outcome]:
    """An ended episode leaves nothing to chase."""
    return [Resolve(episode_condition(kind, episode_id), "episode ended") for kind in EPISODE_ALERTS]


@dataclass(frozen=True)
class ReportableIncident:
    """A submitted incident of a category the law makes staff report outside (suspected abuse or neglect)."""

    id: int
    unit_id: int
    resident_id: int | None  # the one resident it names, else None
    category: str
    occurred_at: datetime


def mandated_condition(incident_id: int) -> str:
    return f"mandated_report_due:{incident_id}"


def mandated_outcomes(
    incidents: list[ReportableIncident], reported: set[int], now: datetime, within: timedelta, zone: ZoneInfo
) -> list[AlertDraft]:
    """`mandated_report_due` (critical) for each incident still without a mandated report `within` after it
    happened; a filed report resolves it (handlers.on_mandated_report)."""
    return [
        AlertDraft(
            "mandated_report_due",
            "critical",
            incident.unit_id,
            incident.resident_id,
            mandated_condition(incident.id),
            f"Incident {incident.id} ({say(incident.category).lower()}, "
            f"{incident.occurred_at.astimezone(zone):%d %b %H:%M}): no mandated report filed within "
            f"{within.total_seconds() / 3600:g} h — report it to the agency now",
        )
        for incident in incidents
        if incident.id not in reported and incident.occurred_at + within <= now
    ]
