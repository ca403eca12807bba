"""The app as `wsgi:app` serves it, plus one bench-only route: a bare Socket.IO broadcast, the latency baseline.

Started only by bench/alert_latency.py (gunicorn `bench.alert_wsgi:app`); the app itself has no such route.
"""

import json

from flask import jsonify, request

from facility.alerts.notifier import NAMESPACE
from facility.extensions import socketio
from wsgi import app


@app.get("/bench/broadcast")
def bench_broadcast():
    """Emit the given `alert` payload to a room, as the app's push does, with no record, rule or commit."""
    socketio.emit("alert", json.loads(request.args["payload"]), namespace=NAMESPACE, to=request.args["room"])
    return jsonify(sent=True)
