#!/usr/bin/env python3
"""HTTPS server for the autoconfig tests: serves ROOT/<host>/<path> by the request's Host
header, with the harness certificate. A file ROOT/<host>/.delay holds seconds to wait before
answering (a slow source). Every request line is appended to ROOT/requests.log."""
import http.server, os, ssl, sys, threading, time, urllib.parse

addr, port, root, cert, key = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
lock = threading.Lock()

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        with lock, open(os.path.join(root, "requests.log"), "a") as log:
            log.write(f"{host} {self.path}\n")
        base = os.path.realpath(os.path.join(root, host))
        delay = os.path.join(base, ".delay")
        if os.path.isfile(delay):
            time.sleep(float(open(delay).read()))
        path = urllib.parse.urlsplit(self.path).path
        file = os.path.realpath(os.path.join(base, path.lstrip("/")))
        if not file.startswith(base + os.sep) or not os.path.isfile(file):
            self.send_error(404)
            return
        body = open(file, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(cert, key)
server = http.server.ThreadingHTTPServer((addr, port), Handler)
server.daemon_threads = True
server.socket = ctx.wrap_socket(server.socket, server_side=True)
with open(os.path.join(root, "server.pid"), "w") as f:
    f.write(str(os.getpid()))
server.serve_forever()
