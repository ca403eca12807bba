"""The append-only clinical record."""
from flask_smorest import Blueprint

blp = Blueprint("records", __name__, url_prefix="/api/v1/events", description="The clinical record")
