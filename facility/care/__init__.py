"""Daily care: ADL support, progress notes toward treatment-plan goals, groups, outings, family contacts."""
from flask_smorest import Blueprint

blp = Blueprint("care", __name__, url_prefix="/api/v1", description="Daily care: ADL, notes, goals, groups, "
                                                                     "outings, consents and contacts")
