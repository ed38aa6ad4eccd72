"""A tiny HTTP load balancer for the scale-out test: round robin over the backends, one request
per connection, appending the client's address to X-Forwarded-For and setting X-Request-ID, as
nginx does in deploy/nginx/portal.conf. Loopback only; not for production.

    python deploy/balancer.py 8180 127.0.0.1:8181 127.0.0.1:8182
"""

import http.client
import itertools
import sys
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"}


def make_server(port: int, backends: list[str]) -> ThreadingHTTPServer:
    turn = itertools.cycle(backends)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _proxy(self):
            with lock:
                backend = next(turn)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            forwarded = self.headers.get("X-Forwarded-For")
            client = self.client_address[0]
            headers["X-Forwarded-For"] = f"{forwarded}, {client}" if forwarded else client
            headers["X-Request-ID"] = uuid.uuid4().hex
            headers["X-Backend-Hint"] = backend  # lets a test see the round robin
            host, _, backend_port = backend.partition(":")
            upstream = http.client.HTTPConnection(host, int(backend_port), timeout=60)
            try:
                upstream.request(self.command, self.path, body=body, headers=headers)
                response = upstream.getresponse()
                data = response.read()
                self.send_response(response.status)
                for key, value in response.getheaders():
                    if key.lower() not in HOP_BY_HOP | {"content-length"}:
                        self.send_header(key, value)
                self.send_header("X-Served-By", backend)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)
            finally:
                upstream.close()
            self.close_connection = True

        do_GET = do_POST = do_HEAD = _proxy

        def log_message(self, *args):  # quiet: the backends log every request
            pass

    return ThreadingHTTPServer(("127.0.0.1", port), Handler)


if __name__ == "__main__":
    server = make_server(int(sys.argv[1]), sys.argv[2:])
    print(f"Balancing 127.0.0.1:{sys.argv[1]} over {', '.join(sys.argv[2:])}", flush=True)
    server.serve_forever()
