"""Alerts: rules raise them, consoles receive and acknowledge them."""
from flask_smorest import Blueprint

blp = Blueprint("alerts", __name__, url_prefix="/api/v1/alerts", description="Live alerts")
