#!/usr/bin/env python3
"""A loopback HTTP server that serves feed files the ways real servers do, well and badly, for
yujing's feed-pull tests. Standard library only.

    feed_server.py --root DIR     prints "port N" once listening on 127.0.0.1

GET /<behaviour>/<name> serves DIR/<name>, where behaviour is one of
    ok             200 with an ETag and a Last-Modified; a matching If-None-Match (or, without
                   one, an If-Modified-Since not older than the file) gets 304
    lastmodified   the same with a Last-Modified only
    slow           sleeps ?seconds=S (default 5) before answering as ok
    trickle        sends the file in ten pieces spread over ?seconds=S (default 3)
    flakyN         answers 500 to the first N requests for this path, then as ok
    busy           answers 429 with Retry-After: 7 to the first request, then as ok
    fail           always 500
    truncated      announces 1000 bytes more than it sends, then closes the connection
    html           200 with a login page as text/html
    huge           announces ?gib=G GiB (default 1) and sends zeros (at most 64 MB/s) until the
                   client hangs up
    endless        the same without a Content-Length, ended by closing the connection
    chunked        the same in chunked transfer encoding
    resetN         resets the connection (TCP RST) instead of answering the first N requests for
                   this path, then answers as ok
    resetmid       sends the headers and half the body, then resets the connection
    flip           answers as ok, alternately with DIR/<name> and DIR/<name>.alt: a server that
                   flips between two versions of the data
    as             answers as ok with the Content-Type given by ?type=T
    missing        404
Content types follow the name's extension (.csv text/csv; charset=utf-8, .json, .xlsx).
GET /log answers every request so far: path, the validators it carried, the status answered and,
for huge and endless, how many body bytes were written before the client went.
The server exits when its standard input closes (the test process ended, however it ended).
"""
import argparse, hashlib, json, os, signal, socket, struct, sys, threading, time, urllib.parse
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ap = argparse.ArgumentParser(); ap.add_argument("--root", required=True)
root = ap.parse_args().root
lock = threading.Lock()
log, counts = [], {}
TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
GIB = 1 << 30


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def record(self, status, **extra):
        entry = {"path": urllib.parse.urlsplit(self.path).path, "status": status,
                 "if_none_match": self.headers.get("If-None-Match"),
                 "if_modified_since": self.headers.get("If-Modified-Since")}
        entry.update(extra)
        with lock:
            log.append(entry)

    def plain(self, status, text, content_type="text/plain; charset=utf-8", headers=()):
        self.record(status)
        data = text.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/log":
            with lock:
                data = json.dumps(log).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return self.wfile.write(data)
        parts = url.path.strip("/").split("/", 1)
        behaviour, name = parts[0], parts[1] if len(parts) > 1 else ""
        with lock:
            counts[url.path] = counts.get(url.path, 0) + 1
            count = counts[url.path]
        if behaviour == "missing":
            return self.plain(404, "not found")
        if behaviour == "fail":
            return self.plain(500, "internal error")
        if behaviour.startswith("flaky") and count <= int(behaviour[5:] or "1"):
            return self.plain(500, "internal error")
        if behaviour == "busy" and count == 1:
            return self.plain(429, "slow down", headers=[("Retry-After", "7")])
        if behaviour == "html":
            return self.plain(200, "<html><body><form>请登录</form></body></html>", "text/html; charset=utf-8")
        if behaviour in ("huge", "endless", "chunked"):
            return self.stream_zeros(behaviour, float(query.get("gib", ["1"])[0]))
        if behaviour.startswith("reset") and behaviour != "resetmid" and count <= int(behaviour[5:] or "1"):
            return self.reset()
        if behaviour == "slow":
            time.sleep(float(query.get("seconds", ["5"])[0]))
        path = os.path.join(root, os.path.basename(name))
        if behaviour == "flip" and count % 2 == 0:
            path += ".alt"
        if not os.path.isfile(path):
            return self.plain(404, "no such file")
        body = open(path, "rb").read()
        content_type = TYPES.get(os.path.splitext(name)[1], "application/octet-stream")
        if behaviour == "as":
            content_type = query.get("type", [content_type])[0]
        if behaviour == "resetmid":
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            return self.reset(record=False)
        if behaviour == "trickle":
            return self.trickle(body, content_type, float(query.get("seconds", ["3"])[0]))
        if behaviour == "truncated":
            self.record(200)
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body) + 1000))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            self.close_connection = True
            return
        etag = '"%s"' % hashlib.sha256(body).hexdigest()[:16]
        mtime = int(os.path.getmtime(path))
        last_modified = formatdate(mtime, usegmt=True)
        use_etag = behaviour != "lastmodified"
        headers = [("Last-Modified", last_modified)] + ([("ETag", etag)] if use_etag else [])
        if self.not_modified(etag if use_etag else None, mtime):
            self.record(304)
            self.send_response(304)
            for header in headers:
                self.send_header(*header)
            self.end_headers()
            return
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for header in headers:
            self.send_header(*header)
        self.end_headers()
        self.wfile.write(body)

    def not_modified(self, etag, mtime):
        # RFC 9110 §13.2.2: If-None-Match, when present, decides; If-Modified-Since only without it.
        match = self.headers.get("If-None-Match")
        if match is not None:
            return etag is not None and etag in [tag.strip() for tag in match.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since is None:
            return False
        try:
            return mtime <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False

    def trickle(self, body, content_type, seconds):
        """The whole body in ten pieces spread over `seconds`: a slow line, never silent for long."""
        self.record(200)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        step = max(1, -(-len(body) // 10))
        for start in range(0, len(body), step):
            time.sleep(seconds / 10)
            self.wfile.write(body[start:start + step])
            self.wfile.flush()

    def reset(self, record=True):
        """Closes with SO_LINGER 0, so the client gets a TCP RST rather than an orderly end."""
        if record:
            self.record(0)
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def stream_zeros(self, behaviour, gib):
        """Up to `gib` GiB of zeros, one 64 KiB piece at a time: never more than a piece in memory."""
        total = int(gib * GIB)
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        if behaviour == "huge":
            self.send_header("Content-Length", str(total))
        elif behaviour == "chunked":
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        chunk, written = b"0" * 65536, 0
        framed = b"%x\r\n" % len(chunk) + chunk + b"\r\n" if behaviour == "chunked" else chunk
        try:
            while written < total:
                self.wfile.write(framed)
                written += len(chunk)
                # At most 64 MB/s, a fast real line: over loopback unthrottled, a client takes in
                # hundreds of megabytes in the moment it needs to hang up.
                time.sleep(0.001)
            if behaviour == "chunked":
                self.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass
        self.record(200, written=written)


signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})


def watch_parent():
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=watch_parent, daemon=True).start()

class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Clients hanging up mid-answer is what the huge, reset and slow behaviours provoke: no
        # traceback for it in the test output.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


server = Server(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(f"port {server.server_address[1]}", flush=True)
server.serve_forever()
