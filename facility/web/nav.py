"""The page header's links, gathered from the domains' declarations: the unit once, then the pages in short words."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Flask, request, url_for
from flask_login import current_user

from facility.domain import Registry

# Pages shown in the header's line; any further ones go under "more", so the header is one line at 800 px.
INLINE = 6


@dataclass
class Nav:
    """What the header shows: the unit the pages are of, the user's other units, and the pages (label, url),
    the role's own pages (alert console, handoffs …) before the unit's."""

    unit: str | None = None
    other_units: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def inline(self) -> list[tuple[str, str]]:
        return self.links if len(self.links) <= INLINE else self.links[: INLINE - 1]

    @property
    def more(self) -> list[tuple[str, str]]:
        return self.links[len(self.inline) :]


def register_nav(app: Flask, registry: Registry) -> None:
    """Give every template `nav()`: the logged-in user's role's pages, per-unit ones for the unit being viewed
    (or the user's first); a user of several units switches unit from the unit's name, to the same page there."""

    @app.context_processor
    def nav_context():
        def nav() -> Nav:
            if not current_user.is_authenticated:
                return Nav()
            units = list(current_user.units)
            viewed = (request.view_args or {}).get("unit_id")
            unit = next((u for u in units if u.id == viewed), units[0] if units else None)
            entries = registry.nav_for(current_user.role)
            per_unit = [e for e in entries if e.per_unit]
            found = Nav(unit.name if unit else None)
            here = request.endpoint if any(e.endpoint == request.endpoint for e in per_unit) else None
            for other in units:
                if other is not unit and (here or per_unit):
                    found.other_units.append((other.name, url_for(here or per_unit[0].endpoint, unit_id=other.id)))
            found.links = [(e.label, url_for(e.endpoint)) for e in entries if not e.per_unit]
            if unit is not None:
                found.links += [(e.label, url_for(e.endpoint, unit_id=unit.id)) for e in per_unit]
            return found

        return {"nav": nav}
