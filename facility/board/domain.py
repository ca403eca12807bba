"""The board declares its API; it is a composition of what rounds, the census and alerts know."""

from facility.board.routes import blp
from facility.domain import Domain, Web

DOMAIN = Domain(name="board", web=Web(api=(blp,)))
