"""Administration: staff accounts, units and systems' tokens, the admin pages and their place in the header."""

from facility.admin import pages
from facility.admin.routes import blp
from facility.domain import Domain, NavEntry, Web

DOMAIN = Domain(
    name="admin",
    web=Web(
        api=(blp,),
        pages=pages.bp,
        nav=(
            NavEntry("Admin", "admin_pages.admin_page", "admin.users.manage"),
            NavEntry("Tokens", "admin_pages.tokens_page", "admin.tokens.manage"),
        ),
    ),
)
