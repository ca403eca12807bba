"""Batches of records sent by a tablet that was offline."""

from facility.jsonbody import ApiBlueprint

blp = ApiBlueprint("sync", __name__, url_prefix="/api/v1/sync", description="Offline records, sent in a batch")
