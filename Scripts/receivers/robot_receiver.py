#!/usr/bin/env python3
"""Loopback receivers that behave like the group robots and a Standard Webhooks endpoint, written
independently of yujing, for its dispatch tests, from each receiver's
published documentation.

    robot_receiver.py --secrets SECRETS.json     prints "port N" once listening on 127.0.0.1

POST /<format>/<behaviour>[/<name>][?query] where format is generic, wecom, dingtalk or feishu and
behaviour is one of
    ok          answer as the robot does on success
    flaky2      fail twice (HTTP 502), then behave as ok (counted per path)
    ratelimit   first answer 429 with Retry-After: 7 (wecom: errcode 45009), then ok
    hang        never answer within any sane timeout (sleeps 30 s)
    slow        behave as ok after 100 ms (a receiver under load, for crash tests)
    statusN     always answer HTTP N (status503: a receiver down for good; status404: a wrong path)
Signatures are always checked with the secret of the format in SECRETS.json: generic with the
official `standardwebhooks` package, DingTalk and Feishu with their published algorithms; a bad
signature gets the robot's own permanent error (DingTalk 310000, Feishu 19021, generic 401).
WeCom needs ?key=... (a key starting "bad" is one WeCom does not know: errcode 93000), refuses markdown over 4096 bytes (40058) and more than 20 messages a minute
per key (45009). GET /log answers every message received, as JSON; GET /count only how many
were accepted. POST /control {"kill_pid_file": F, "after": N} makes the receiver SIGKILL the
process whose pid is in F as it accepts its Nth message (a crash at a point that does not depend
on how fast the test polls).
"""
import argparse, base64, hashlib, hmac, json, os, signal, sys, threading, time, urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

ap = argparse.ArgumentParser(); ap.add_argument("--secrets", required=True)
secrets = json.load(open(ap.parse_args().secrets))
lock = threading.Lock()
log, counts, wecom_minutes = [], {}, {}
control = {}


def dingtalk_ok(query):
    ts, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]
    secret = secrets["dingtalk"]
    expected = base64.b64encode(hmac.new(secret.encode(), f"{ts}\n{secret}".encode(), hashlib.sha256).digest()).decode()
    fresh = ts.isdigit() and abs(int(ts) / 1000 - time.time()) < 3600
    return fresh and hmac.compare_digest(expected, sign)


def feishu_ok(body):
    ts, sign = str(body.get("timestamp", "")), body.get("sign", "")
    key = f"{ts}\n{secrets['feishu']}".encode()
    expected = base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    return ts.isdigit() and hmac.compare_digest(expected, sign)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: without this, Nagle and the client's delayed ACK
    # hold every answer of a kept-alive connection for 40 ms.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def answer(self, status, obj, headers=()):
        data = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        with lock:
            if self.path == "/count":
                return self.answer(200, {"accepted": sum(1 for entry in log if entry.get("accepted"))})
            self.answer(200, log)

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        parts = url.path.strip("/").split("/")
        fmt, behaviour = parts[0], parts[1] if len(parts) > 1 else "ok"
        raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if url.path == "/control":
            with lock:
                control.update(json.loads(raw))
            return self.answer(200, {})
        with lock:
            counts[url.path] = counts.get(url.path, 0) + 1
            count = counts[url.path]
        entry = {"path": url.path, "format": fmt, "count": count, "webhook_id": self.headers.get("webhook-id"),
                 "delivery": self.headers.get("X-Yujing-Delivery"), "body": raw.decode("utf-8", "replace")}

        if behaviour == "hang":
            time.sleep(30)
            return
        if behaviour == "slow":
            time.sleep(0.1)
        try:
            body = json.loads(raw)
        except ValueError:
            return self.answer(400, {"error": "not json"})

        # Signatures first: a robot checks them before anything else.
        if fmt == "generic":
            try:
                Webhook(secrets["generic"]).verify(raw, {k.lower(): v for k, v in self.headers.items()})
                entry["verified"] = True
            except WebhookVerificationError as error:
                entry["verified"] = False
                self.record(entry)
                return self.answer(401, {"error": str(error)})
        elif fmt == "dingtalk":
            entry["verified"] = dingtalk_ok(query)
            if not entry["verified"]:
                self.record(entry)
                return self.answer(200, {"errcode": 310000, "errmsg": "sign not match"})
        elif fmt == "feishu":
            entry["verified"] = feishu_ok(body)
            if not entry["verified"]:
                self.record(entry)
                return self.answer(200, {"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"})
        elif fmt == "wecom":
            key = query.get("key", [""])[0]
            if not key or key.startswith("bad"):
                self.record(entry)
                return self.answer(200, {"errcode": 93000, "errmsg": "invalid webhook url, hint: [1606435200_5f3e], "
                                         "from ip: 127.0.0.1, more info at https://open.work.weixin.qq.com/devtool/query?e=93000"})
            content = body.get("markdown", {}).get("content", "")
            if len(content.encode()) > 4096:
                self.record(entry)
                return self.answer(200, {"errcode": 40058, "errmsg": "markdown.content exceed max length 4096"})
            with lock:
                minute = [t for t in wecom_minutes.get(key, []) if t > time.time() - 60]
                too_fast = len(minute) >= 20
                if not too_fast:
                    minute.append(time.time())
                wecom_minutes[key] = minute
            if too_fast:
                entry["refused"] = "rate"
                self.record(entry)
                return self.answer(200, {"errcode": 45009, "errmsg": "api freq out of limit"})

        if behaviour.startswith("status"):
            entry["refused"] = behaviour
            self.record(entry)
            return self.answer(int(behaviour[6:]), {"error": f"answered {behaviour[6:]} by the test's choice"})
        if behaviour == "flaky2" and count <= 2:
            entry["refused"] = "flaky"
            self.record(entry)
            return self.answer(502, {"error": "bad gateway"})
        if behaviour == "ratelimit" and count == 1:
            entry["refused"] = "rate"
            self.record(entry)
            if fmt == "wecom":
                return self.answer(200, {"errcode": 45009, "errmsg": "api freq out of limit"})
            return self.answer(429, {"error": "slow down"}, [("Retry-After", "7")])

        entry["accepted"] = True
        self.record(entry)
        self.maybe_kill()
        if fmt == "feishu":
            return self.answer(200, {"code": 0, "msg": "success", "data": {}})
        if fmt in ("wecom", "dingtalk"):
            return self.answer(200, {"errcode": 0, "errmsg": "ok"})
        return self.answer(204 if behaviour == "nocontent" else 200, {})

    def maybe_kill(self):
        with lock:
            accepted = sum(1 for entry in log if entry.get("accepted"))
            if "kill_pid_file" not in control or accepted < control.get("after", 0):
                return
            path = control.pop("kill_pid_file")
        os.kill(int(open(path).read().strip()), signal.SIGKILL)

    def record(self, entry):
        with lock:
            log.append(entry)


# A test runner's thread may have SIGTERM blocked, and a blocked mask survives exec: unblock it so
# that the test's terminate() ends us. And end with the test process, whatever killed it: its
# end closes our standard input.
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})


def watch_parent():
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=watch_parent, daemon=True).start()

class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A sender killed mid-delivery (the crash tests) or timed out (hang) leaves no one to
        # answer: not worth a traceback in the test output.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)


server = Server(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(f"port {server.server_address[1]}", flush=True)
server.serve_forever()
