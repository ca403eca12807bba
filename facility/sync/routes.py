"""POST /api/v1/sync."""

from facility import clock
from facility.extensions import db
from facility.http import actor, committed, in_turns
from facility.permissions import permits
from facility.sync import blp, services
from facility.sync.schemas import SyncIn, SyncOut


@blp.route("", methods=["POST"])
@permits("sync.send")
@blp.arguments(SyncIn)
@blp.response(200, SyncOut)
@committed
def sync(body):
    """Store up to 500 queued records; each is answered on its own (201, 200, 409, 422, 404, 403)."""
    return services.sync(db.session, actor(), body["records"], clock.now(), between=in_turns(db.session))
