"""Server-rendered pages: login, the tablet board, the console."""

from flask import Blueprint

bp = Blueprint("web", __name__)

from facility.web import handoff_pages, pages, reports  # noqa: E402,F401  (routes attach to bp)
