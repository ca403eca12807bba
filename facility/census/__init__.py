"""Units, residents and their observation levels."""
from flask_smorest import Blueprint

blp = Blueprint("census", __name__, url_prefix="/api/v1", description="Units and residents")
