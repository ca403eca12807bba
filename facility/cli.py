"""`flask --app wsgi facility …`: migrate, demo, create-user, verify, scheduler."""

from __future__ import annotations

import getpass
import time

import click
from flask import current_app
from flask.cli import with_appcontext

from facility.extensions import db
from facility.permissions import ROLE_NAMES, table


def _require_schema() -> None:
    from facility.migrate import ensure_current

    ensure_current(db.engine, current_app.config["DATABASE_URL"])


@click.group("facility")
def facility_cli() -> None:
    """Administration of the facility logger."""


@facility_cli.command("migrate")
@with_appcontext
def migrate() -> None:
    """Bring the database schema to the newest revision."""
    from facility.migrate import upgrade

    upgrade(current_app.config["DATABASE_URL"])
    click.echo("database is at the newest revision")


@facility_cli.command("demo")
@click.option("--force", is_flag=True, help="Add the demo facility even where data exists.")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when data exists.")
@with_appcontext
def demo(force: bool, if_empty: bool) -> None:
    """Create the demo facility of API.md: North and South, 24 residents, five users."""
    from facility.demo import DemoRefused, load_demo

    _require_schema()
    session = db.new_session()
    try:
        load_demo(session, force=force, history=True)
        session.commit()
    except DemoRefused as refused:
        session.rollback()
        if if_empty:
            click.echo(f"demo data not loaded: {refused}")
            return
        raise click.ClickException(str(refused)) from refused
    finally:
        session.close()
    click.echo("demo facility created")


@facility_cli.command("create-user")
@click.option("--username", required=True)
@click.option("--name", required=True)
@click.option("--role", type=click.Choice(ROLE_NAMES), default="admin")
@click.option("--unit", "units", multiple=True, help="Unit name; repeat for several.")
@with_appcontext
def create_user(username: str, name: str, role: str, units: tuple[str, ...]) -> None:
    """Create a staff account (the first admin of a real installation)."""
    from facility.census.models import Unit
    from facility.census.staff import create_user as make_user

    _require_schema()
    password = getpass.getpass("Password: ")
    if len(password) < 10 or password != getpass.getpass("Again: "):
        raise click.ClickException("passwords differ or are shorter than 10 characters")
    session = db.new_session()
    try:
        for name_ in units:
            if not session.query(Unit).filter_by(name=name_).first():
                session.add(Unit(name=name_))
        session.flush()
        make_user(session, username, name, role, password, list(units))
        session.commit()
    finally:
        session.close()
    click.echo(f"user {username} created")


@facility_cli.command("permissions")
def permissions() -> None:
    """Print who may do what: each action of the permission table and the roles that may perform it."""
    rows = list(table())
    width = max(len(action) for action, _roles in rows)
    for action, roles in rows:
        click.echo(f"{action:<{width}}  {', '.join(role.value for role in roles)}")


@facility_cli.command("verify")
@with_appcontext
def verify() -> None:
    """Rebuild every projection from the events and list each difference (table, row, field); exit 1 on any."""
    from facility.integrity import check_now

    _require_schema()
    started = time.perf_counter()
    verdict = check_now()
    seconds = time.perf_counter() - started
    for difference in verdict.differences:
        click.echo(str(difference))
    if verdict.differences:
        click.echo(
            f"{len(verdict.differences)} differences between the events and the stored tables "
            f"({', '.join(verdict.tables_differing)}); the event log is the record",
            err=True,
        )
        raise SystemExit(1)
    click.echo(f"every projection matches the events: {verdict.tables} tables, {verdict.rows} rows, {seconds:.1f} s")


@facility_cli.command("scheduler")
@with_appcontext
def scheduler() -> None:
    """Run the scheduler as its own process (scaled-out deployments)."""
    from facility.scheduler import run_forever

    _require_schema()
    run_forever(current_app._get_current_object())
