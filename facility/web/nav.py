"""The page header's links, gathered from the domains' declarations."""
from __future__ import annotations

from flask import Flask, url_for
from flask_login import current_user

from facility.domain import Registry


def register_nav(app: Flask, registry: Registry) -> None:
    """Give every template `nav_links`: (label, url) pairs for the logged-in user's role and units."""

    @app.context_processor
    def nav_links():
        def links() -> list[tuple[str, str]]:
            if not current_user.is_authenticated:
                return []
            found = []
            for entry in registry.nav_for(current_user.role):
                if entry.per_unit:
                    found += [(f"{unit.name} {entry.label}", url_for(entry.endpoint, unit_id=unit.id))
                              for unit in current_user.units]
                else:
                    found.append((entry.label, url_for(entry.endpoint)))
            return found

        return {"nav_links": links}
