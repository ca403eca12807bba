"""gunicorn settings: the server entry point, the only place that knows which green library runs."""
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = 1  # Socket.IO needs sticky sessions; scale out with more processes behind a balancer
worker_class = os.environ.get("GUNICORN_WORKER", "eventlet")
timeout = 60
graceful_timeout = 5
accesslog = "-"
# Socket.IO must use the same concurrency library as the worker.
raw_env = [f"SOCKETIO_ASYNC_MODE={'gevent' if 'gevent' in worker_class else 'eventlet'}"]


def post_worker_init(worker):
    """Route the app's logs through gunicorn's; start the embedded scheduler unless it runs on its own."""
    import logging

    from facility.scheduler import start_embedded

    app_log = logging.getLogger("facility")
    app_log.handlers = worker.log.error_log.handlers
    app_log.setLevel(logging.INFO)
    app_log.propagate = False
    start_embedded(worker.wsgi)
