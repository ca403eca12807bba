"""Unbound extension objects; the app factory binds them, domain modules import them from here."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_socketio import SocketIO
from flask_wtf.csrf import CSRFProtect

from facility.db import Database
from facility.errors import FacilityApi

db = Database()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
api = FacilityApi()
socketio = SocketIO()
