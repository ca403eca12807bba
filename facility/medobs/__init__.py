"""Medication self-administration observations: orders, the med pass, observations, the MOR."""
from flask_smorest import Blueprint

blp = Blueprint("medobs", __name__, url_prefix="/api/v1", description="Medication orders and observations")
