"""The administrator's tools: staff accounts and units."""
from flask_smorest import Blueprint

blp = Blueprint("admin", __name__, url_prefix="/api/v1", description="Staff accounts and units (admin)")
