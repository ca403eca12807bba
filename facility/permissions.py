"""Who may do what: the roles and one table from each action to the roles that may perform it.

Every route, page and Socket.IO event names the action it performs (`@permits`, or `@public` for what needs no
login); the app checks it before a request's body is read. Services whose answer depends on the record (whose
report, which fields) ask the same table with `require` / `may`. A new role is one line in `Role` and its rows here.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from typing import Any

from facility.actors import Actor
from facility.errors import Forbidden


class Role(str, enum.Enum):
    """What a staff member may do."""

    WORKER = "worker"
    NURSE = "nurse"
    LEAD = "lead"
    ADMIN = "admin"
    CLINICIAN = "clinician"
    CASE_MANAGER = "case_manager"


W, N, L, A = Role.WORKER, Role.NURSE, Role.LEAD, Role.ADMIN
C, CM = Role.CLINICIAN, Role.CASE_MANAGER
EVERYONE = tuple(Role)
ROLE_NAMES = [role.value for role in Role]  # what an account's role may be (the admin's list, the API's enum)

# Every action a logged-in user may perform, and who may (in the order a refusal names them). Read by the request
# hook, the alert console, the services that decide by the record, the page header's links and the admin's roles.
PERMISSIONS: dict[str, tuple[Role, ...]] = {
    # one's own account and session
    "account.own": EVERYONE,
    # the census: reading residents, units and the board; changing who lives where
    "residents.read": EVERYONE,
    "residents.admit": (A, L),
    "residents.discharge": (A, L),
    "residents.transfer": (A, L),
    "residents.observation_level.set": (N, L),
    # rounds
    "rounds.check.record": (W, N, L),
    "rounds.read": EVERYONE,  # the board, the assignments, a presence code's lookup
    "rounds.assignments.set": (W, N, L),
    "rounds.assignments.assign_others": (L,),
    "rounds.assignments.plan": (L, A),  # the assignments page shows the whole unit's plan
    "rounds.presence_codes.read": (A, L),
    "rounds.presence_codes.rotate": (A,),
    "reports.rounds": (N, L),
    # medications
    "medications.read": EVERYONE,
    "medications.order": (N, L),
    "medobs.observe": (W, N),
    "medications.pass": (W, N, L),  # who works from the med pass (its link in the header)
    # daily care
    "care.read": EVERYONE,
    "care.adl.record": (W, N),
    "care.note.write": (W, N, L),
    "care.goal.set": (N, L),
    "care.consent.record": (N, L),
    "care.group.record": (W, N, L),
    "care.outing.sign": (W, N),
    "care.contact.record": (W, N, L),
    "care.hands_on": (W, N),  # the care page's recording forms
    # incidents and restrictive episodes
    "incidents.read": EVERYONE,
    "incidents.file": (W, N, L),
    "incidents.draft.edit": EVERYONE,  # the author's own draft
    "incidents.addendum.add": EVERYONE,
    "incidents.submit": (W, N, L),
    "incidents.submit.others": (N, L),  # submit a draft someone else wrote
    "incidents.review": (N, L),
    "incidents.close": (L,),
    "incidents.mandated_report.file": (N, L, C),  # a report to an outside agency (suspected abuse or neglect)
    "episodes.start": (N, L),
    "episodes.monitor": (W, N, L),
    "episodes.order": (N, L),  # face-to-face, renewal, end
    "reports.hbips": (L,),
    # the record
    "records.read": (N, L, A),
    "records.correct": EVERYONE,  # one's own records
    "records.correct.others": (N, L),
    "sync.send": EVERYONE,  # each record sent is checked as its own endpoint would
    # alerts
    "alerts.read": (N, L),  # the list, the console page and its live stream, unlocking a console
    "alerts.read.leads_only": (L,),
    "alerts.acknowledge": (N, L),
    # the handoff and reports
    "handoff.read": (L, N),
    "handoff.build": (L,),
    "handoff.acknowledge": (L,),
    "reports.read": EVERYONE,  # the reports page lists what each role may open
    "reports.list": (N, L),  # who reads reports (the page's link in the header)
    # who works a unit's floor: listed among its staff (an escort, a facilitator, someone involved, an assignee)
    "floor.staff": (W, N, L),
    # integration: the FHIR export (a lead or an admin from the desk; systems through a token)
    "fhir.export": (A, L),
    # clinical work: standardized assessments, the clinician's caseload
    "clinical.instruments.read": EVERYONE,
    "clinical.assessment.record": (C, N),
    "clinical.assessment.read": (C, N, L, CM),
    # amend (rescored by the server) or void another's administration (given to the wrong resident, say); the
    # author corrects their own with clinical.assessment.record
    "clinical.assessment.correct.others": (C,),
    "clinical.caseload": (C,),
    "clinical.session.write": (
        C,
    ),  # write, sign, co-sign session notes; amend or void one's own (and its process note)
    "clinical.session.read": EVERYONE,  # that a session took place: its kind, times and clinician
    "clinical.session.content": (N, L, C, CM),  # its DAP summary and the risk assessed
    "clinical.plan.write": (C,),  # write and sign a version of a resident's treatment plan; void one's own draft
    "clinical.plan.read": EVERYONE,
    # case management
    "casework.read": (CM, C, N, L, A),  # a resident's needs, referrals and case page
    "casework.case_manager.assign": (L, A),
    "casework.caseload.read": (CM, C, L),
    "casework.needs.assess": (CM, C),
    "casework.resources.read": EVERYONE,
    "casework.resources.add": (CM, L, A),
    "casework.referral.write": (CM, C),
    "casework.appointment.book": (CM, C, N),
    "casework.discharge.plan": (CM, C),
    "casework.follow_up.record": (CM,),
    "reports.transitions": (L, CM),
    # administration
    "admin.tokens.manage": (A,),
    "admin.users.manage": (A,),
    "admin.units.manage": (A,),
    "units.scan_policy.set": (A, L),
}

# What a system's API token may do (facility.auth.tokens), by the scopes an admin gave it: `api.read` reads the API
# (GET only: the request hook refuses any other method), `fhir.export` runs the FHIR export. On its units alone, like
# a person; never a page, a console or a write.
TOKEN_SCOPES: dict[str, frozenset[str]] = {
    "api.read": frozenset(
        {
            "residents.read",
            "rounds.read",
            "medications.read",
            "care.read",
            "incidents.read",
            "records.read",
            "alerts.read",
            "handoff.read",
            "reports.read",
            "reports.rounds",
            "reports.hbips",
        }
    ),
    "fhir.export": frozenset({"fhir.export"}),
}

PUBLIC = "public"  # the action of what answers without a login (log in, health, static files, the API docs)
ACTION_ATTRIBUTE = "facility_action"
REFUSAL_ATTRIBUTE = "facility_refusal"


def roles_for(action: str) -> tuple[Role, ...]:
    """The roles that may perform action; KeyError for an action the table does not name."""
    return PERMISSIONS[action]


def role_may(role: str | Role, action: str) -> bool:
    """True when role may perform action."""
    return role in roles_for(action)  # a Role is its value: "nurse" == Role.NURSE


def may(actor: Actor, action: str) -> bool:
    """True when actor's role may perform action; for a system's token, when one of its scopes covers it."""
    scopes = getattr(actor, "scopes", None)
    if scopes is not None:
        return any(action in TOKEN_SCOPES.get(scope, ()) for scope in scopes)
    return role_may(actor.role, action)


def refusal(action: str) -> str:
    """The message of a refused action, naming the roles that may."""
    return f"this needs the role {' or '.join(role.value for role in roles_for(action))}"


def refusal_for(actor: Actor, action: str) -> str:
    """The message of action refused to actor: the roles that may, or what the token's scopes cover."""
    scopes = getattr(actor, "scopes", None)
    if scopes is not None:
        return f"this token's scopes ({', '.join(scopes)}) do not cover {action}"
    return refusal(action)


def require(actor: Actor, action: str) -> None:
    """Forbidden unless actor may perform action."""
    if not may(actor, action):
        raise Forbidden(refusal_for(actor, action))


def permits(action: str, *, refused: tuple[str, str] | None = None) -> Callable:
    """Declare the action a view performs; `refused` is a page's (title, words) for the roles that may not."""
    roles_for(action)  # an action the table does not name fails at import, not at the first request

    def declare(view: Callable) -> Callable:
        setattr(view, ACTION_ATTRIBUTE, action)
        if refused is not None:
            setattr(view, REFUSAL_ATTRIBUTE, refused)
        return view

    return declare


def public(view: Callable) -> Callable:
    """Declare a view that answers without a login."""
    setattr(view, ACTION_ATTRIBUTE, PUBLIC)
    return view


def action_of(view: Any) -> str | None:
    """The action a view declared, None when it declared none."""
    return getattr(view, ACTION_ATTRIBUTE, None)


def table() -> Iterable[tuple[str, tuple[Role, ...]]]:
    """The table, action by action."""
    return PERMISSIONS.items()
