"""Administration: staff accounts and units, and the admin page's place in the header."""

from facility.admin.routes import blp
from facility.domain import Domain, NavEntry

DOMAIN = Domain(
    name="admin",
    blueprints=(blp,),
    nav=(NavEntry("Admin", "web.admin_page", "admin.users.manage"),),
)
