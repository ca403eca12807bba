"""Error pages in the site's layout: what happened in plain words, and a way back."""

from __future__ import annotations

import logging

from flask import render_template, request, url_for
from flask_login import current_user
from werkzeug.http import HTTP_STATUS_CODES

log = logging.getLogger(__name__)

WORDS = {
    400: (
        "That did not work",
        "The page sent something the server could not use — often a form left open too long. "
        "Go back, reload the page and try again.",
    ),
    403: (
        "Not part of your role",
        "Your account may not open this page. If you need it for your work, ask your team lead or the administrator.",
    ),
    404: ("Nothing here", "This page does not exist, or it belongs to a unit that is not yours."),
    405: ("That did not work", "This address cannot be used that way. Go back and use the page's own buttons."),
    429: ("Too many tries", "There were too many attempts in a short time. Wait a minute, then try again."),
    503: (
        "Not available for a moment",
        "The records store cannot be reached right now; nothing was stored. "
        "Try again in a minute; entries on a tablet stay queued and are sent when it is back.",
    ),
    500: (
        "Something went wrong",
        "The server could not finish this. Try again in a moment; if it keeps happening, tell the administrator.",
    ),
}


def ways_back() -> list[tuple[str, str]]:
    """Where a person can go from here: the page they came from, and their start page or the login."""
    ways = []
    referrer = request.referrer or ""
    if referrer.startswith(request.host_url) and referrer != request.url:
        ways.append(("Back to the last page", referrer))
    if current_user.is_authenticated:
        ways.append(("Go to my start page", url_for("web.home")))
    else:
        ways.append(("Log in", url_for("web.login_page")))
    return ways


def error_page(code: int, title: str | None = None, words: str | None = None):
    """The HTML answer for an error status."""
    default_title, default_words = WORDS.get(code, (HTTP_STATUS_CODES.get(code, "Error"), "That did not work."))
    try:
        body = render_template(
            "error.html", code=code, title=title or default_title, words=words or default_words, ways=ways_back()
        )
    except Exception:  # a broken page must still answer something readable
        log.exception("the error page itself failed")
        body = f"{default_title}. {default_words}"
    return body, code
