"""The application factory: a table of contents of named registration steps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from flask import Flask, send_from_directory

from facility.config import INSTANCE, ROOT, Config
from facility.errors import register_errorhandlers
from facility.extensions import api, csrf, db, limiter, login_manager, socketio
from facility.jsonbody import JSONProvider

if TYPE_CHECKING:
    from facility.domain import Domain


def create_app(config: Config | None = None, domains: Sequence[Domain] | None = None) -> Flask:
    """Build the app for config (the environment's settings by default) from domains (`facility.domains.DOMAINS` by
    default: a test may add one of its own)."""
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(INSTANCE),
    )
    app.config.from_object(config or Config())
    app.json = JSONProvider(app)  # request bodies too deeply nested are malformed, not a crash
    register_extensions(app)
    register_converters(app)
    register_domains(app, domains)
    register_write_path(app)
    register_socketio(app)
    register_security_and_errors(app)
    register_cli(app)
    check_schema(app)
    return app


def register_extensions(app: Flask) -> None:
    db.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    # Flask-WTF's own check would ask a system's token for a CSRF token too: the project's hook asks browsers only.
    from facility.auth.security import protect_from_forgery

    app.config["WTF_CSRF_CHECK_DEFAULT"] = False
    app.before_request(protect_from_forgery)
    limiter.init_app(app)
    api.init_app(app)


def register_converters(app: Flask) -> None:
    """`<int:…>` in a path is a database id: a number no database integer holds is a 404, not an overflow."""
    from flask_smorest.spec.plugins import integerconverter2paramschema

    from facility.http import IdConverter

    app.url_map.converters["int"] = IdConverter
    api.register_converter(IdConverter, integerconverter2paramschema)


def register_domains(app: Flask, domains: Sequence[Domain] | None = None) -> None:
    """Assemble the registry from the list of domains; mount each domain's API and pages."""
    from facility.domain import Registry
    from facility.domains import DOMAINS
    from facility.permissions import public
    from facility.web import bp as web_bp
    from facility.web.filters import register_filters
    from facility.web.nav import register_nav

    registry = Registry(DOMAINS if domains is None else domains)
    registry.install(app)
    for domain in registry.domains:
        for blueprint in domain.web.api:
            api.register_blueprint(blueprint)
        if domain.web.pages is not None:
            app.register_blueprint(domain.web.pages)
    app.register_blueprint(web_bp)
    register_nav(app, registry)
    register_filters(app)

    @app.route("/vendor/socket.io.min.js")
    @public
    def socketio_client():
        """The Socket.IO browser client, installed from npm into node_modules."""
        return send_from_directory(ROOT / "node_modules" / "socket.io-client" / "dist", "socket.io.min.js")

    @app.route("/vendor/jsQR.js")
    @public
    def qr_decoder():
        """The QR decoder the rounds scanner falls back on where the browser has no BarcodeDetector (npm jsqr)."""
        return send_from_directory(ROOT / "node_modules" / "jsqr" / "dist", "jsQR.js")


def register_write_path(app: Flask) -> None:
    """Hand the record what it needs from the floors above it: the alerts engine and the residents' admissions."""
    from facility.alerts import services as alerts
    from facility.census.models import admitted_at
    from facility.records.write_path import WritePath

    WritePath(carry_out=alerts.apply, raised_by=alerts.open_conditions_from, admitted_at=admitted_at).install(app)


def register_socketio(app: Flask) -> None:
    from facility.alerts import notifier, sockets
    from facility.alerts.queue import client_manager_options
    from facility.auth.security import console_holder, idle_seconds

    socketio.init_app(
        app,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],
        cors_allowed_origins=None,
        **client_manager_options(app.config["SOCKETIO_MESSAGE_QUEUE"], app.config["SOCKETIO_CHANNEL"], app),
    )
    sockets.register(socketio, app, console_holder, idle_seconds)
    app.extensions["facility_disconnect_user"] = sockets.disconnect_user  # auth ends sessions, a floor below
    notifier.install(app)
    from facility.web.alert_links import alert_link

    app.extensions["facility_alert_link"] = alert_link  # the alerts floor knows no domain: it is handed this


def register_security_and_errors(app: Flask) -> None:
    from facility.auth.security import register_security
    from facility.gate import register_gate
    from facility.slow_clients import BodyDeadline
    from facility.web.error_pages import error_page

    register_security(app)
    register_gate(app)
    # Outermost, around Socket.IO's middleware too: no request body waits on a slow client for ever.
    app.wsgi_app = BodyDeadline(app.wsgi_app, app.config["CLIENT_BODY_TIMEOUT"])  # type: ignore[method-assign]
    hops = app.config["PROXY_HOPS"]
    if hops:
        # Behind the reverse proxy, the client's address (for the login throttle and the audit log) and scheme are
        # the ones the proxy says: X-Forwarded-For and -Proto, trusting only the last `hops` proxies' word.
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    register_errorhandlers(app, error_page)


def register_cli(app: Flask) -> None:
    from facility.cli import facility_cli

    app.cli.add_command(facility_cli)


def check_schema(app: Flask) -> None:
    """Refuse to start on a database that is not migrated to the code's revision."""
    import click

    # Under the flask CLI the commands check for themselves, so that `migrate` can run at all.
    if app.config["CHECK_SCHEMA"] and click.get_current_context(silent=True) is None:
        from facility.migrate import ensure_current

        ensure_current(db.engine, app.config["DATABASE_URL"])
