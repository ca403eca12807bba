"""Observation rounds: checks, overdue alerts, compliance."""
from flask_smorest import Blueprint

blp = Blueprint("rounds", __name__, url_prefix="/api/v1", description="Observation rounds")
