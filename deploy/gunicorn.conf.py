"""gunicorn settings shared by `make serve`, the systemd unit and the scale-out test.

Workers: WEB_CONCURRENCY (gunicorn reads it itself), default 2 × cores + 1 synchronous
workers; the portal's requests wait on PostgreSQL, not on the CPU. Downloads from local storage
go through nginx's X-Accel-Redirect in production, so a slow client holds no worker.
"""

import multiprocessing
import os

workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so a slow leak never grows for weeks.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# The access log names the request id, tying nginx's log, gunicorn's and the portal's together.
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms rid=%({x-request-id}o)s'
# Behind nginx on the same host; X-Forwarded-For is read by the portal (mentoring/clientaddr.py).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
