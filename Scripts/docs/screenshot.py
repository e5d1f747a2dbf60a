#!/usr/bin/env python3
"""Screenshots of the review UI for docs/ (not run by CI): headless Chromium, driven over its
DevTools protocol, signs in through the real login form and captures the given pages.

    Scripts/docs/screenshot.py http://127.0.0.1:8080 NAME PASSWORD /:docs/dashboard.png /notices/12:docs/notice.png

Needs Debian's chromium and `pip install websocket-client`.
"""
import base64, json, shutil, subprocess, sys, tempfile, time, urllib.request

import websocket


def main():
    base, name, password, *shots = sys.argv[1:]
    profile = tempfile.mkdtemp()
    port = 9333
    browser = subprocess.Popen(
        [shutil.which("chromium"), "--headless=new", "--no-sandbox", "--disable-gpu", f"--remote-debugging-port={port}",
         f"--user-data-dir={profile}", "--window-size=1280,900", "--hide-scrollbars", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                pages = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                target = next(p for p in pages if p["type"] == "page")
                break
            except Exception:
                time.sleep(0.1)
        ws = websocket.create_connection(target["webSocketDebuggerUrl"], suppress_origin=True)
        counter = iter(range(1, 10**6))

        def call(method, **params):
            ident = next(counter)
            ws.send(json.dumps({"id": ident, "method": method, "params": params}))
            while True:
                message = json.loads(ws.recv())
                if message.get("id") == ident:
                    if "error" in message:
                        raise RuntimeError(f"{method}: {message['error']}")
                    return message.get("result", {})

        def load(url):
            call("Page.navigate", url=url)
            for _ in range(200):
                state = call("Runtime.evaluate", expression="document.readyState")["result"].get("value")
                if state == "complete":
                    time.sleep(0.4)
                    return
                time.sleep(0.05)

        call("Page.enable")
        call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
        load(base + "/login")
        call("Runtime.evaluate", expression=(
            f"document.getElementById('name').value = {json.dumps(name)};"
            f"document.getElementById('password').value = {json.dumps(password)};"
            "document.querySelector('form.login').submit();"))
        time.sleep(1.5)
        for shot in shots:
            path, out = shot.split(":", 1)
            load(base + path)
            height = call("Runtime.evaluate", expression="document.documentElement.scrollHeight")["result"]["value"]
            data = call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                        clip={"x": 0, "y": 0, "width": 1280, "height": min(height, 2400), "scale": 1})["data"]
            with open(out, "wb") as f:
                f.write(base64.b64decode(data))
            print(f"{out}: {path}")
    finally:
        browser.terminate()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
