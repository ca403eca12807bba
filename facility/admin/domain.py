"""Administration: staff accounts and units, and the admin page's place in the header."""

from facility.admin.routes import blp
from facility.domain import Domain, NavEntry, Web

DOMAIN = Domain(
    name="admin",
    web=Web(api=(blp,), nav=(NavEntry("Admin", "web.admin_page", "admin.users.manage"),)),
)
