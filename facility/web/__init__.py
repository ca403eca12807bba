"""The shell's pages: login, password, the start page, the resident page, reports, and the root's health check,
icon and service worker. A domain's own pages live in its package (its pages.py, declared in its domain.py)."""

from flask import Blueprint

bp = Blueprint("web", __name__)

from facility.web import pages, reports  # noqa: E402,F401  (routes attach to bp)
