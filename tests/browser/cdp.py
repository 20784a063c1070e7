# Copyright 2026 The textwash Authors.
# SPDX-License-Identifier: Apache-2.0
"""A headless Chromium driven through the DevTools protocol over a pipe.

Chromium's --remote-debugging-pipe reads commands on its file descriptor 3
and writes replies and events on 4, as JSON messages that each end with a NUL
byte, so no WebSocket library is needed.

    with Browser("/usr/bin/chromium", profile_dir) as browser:
        page = browser.open_page(width=1280, height=900)
        page.navigate("file:///tmp/review.html")
        print(page.evaluate("document.title"))
"""

import base64
import json
import os
import select
import subprocess
import time


class BrowserError(RuntimeError):
    pass


class Browser:
    def __init__(self, binary, profile_dir, timeout=60):
        self.timeout = timeout
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()
        args = [
            "--headless", "--disable-gpu", "--hide-scrollbars",
            "--no-first-run",
            "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-sync",
            "--remote-debugging-pipe", "--user-data-dir=" + profile_dir,
        ]
        if os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses root otherwise
        # The shell puts the pipe ends on descriptors 3 and 4.
        script = f'exec "$0" "$@" 3<&{to_browser_read} 4>&{from_browser_write}'
        self._log = open(os.path.join(profile_dir, "chromium.log"), "wb")
        # Whatever Chromium keeps outside its profile goes there too.
        env = dict(os.environ, XDG_CONFIG_HOME=profile_dir,
                   XDG_CACHE_HOME=profile_dir)
        env.setdefault("HOME", profile_dir)
        self._process = subprocess.Popen(
            ["/bin/sh", "-c", script, binary, *args, "about:blank"],
            pass_fds=(to_browser_read, from_browser_write), env=env,
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log)
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        if self._process.poll() is None:
            try:
                self.send("Browser.close")
            except (BrowserError, OSError):
                pass
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        for fd in (self._to_browser, self._from_browser):
            try:
                os.close(fd)
            except OSError:
                pass
        self._log.close()

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise BrowserError("no answer from Chromium in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_browser, 1 << 20)
            if not chunk:
                raise BrowserError(
                    f"Chromium closed the pipe (exit {self._process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None):
        """Sends a command and returns its result; events go to self.events."""
        self._next_id += 1
        message = {"id": self._next_id, "method": method,
                   "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for_event(self, method, session=None):
        deadline = time.monotonic() + self.timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and (
                        session is None or event.get("sessionId") == session):
                    return self.events.pop(i)
            self.events.append(self._read_message(deadline))

    def open_page(self, width, height):
        target = self.send("Target.createTarget", {"url": "about:blank"})
        session = self.send("Target.attachToTarget", {
            "targetId": target["targetId"], "flatten": True})["sessionId"]
        page = Page(self, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(domain + ".enable")
        page.send("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1,
            "mobile": False})
        return page


class Page:
    def __init__(self, browser, session):
        self.browser = browser
        self.session = session

    def send(self, method, params=None):
        return self.browser.send(method, params, self.session)

    def events(self, method):
        return [e["params"] for e in self.browser.events
                if e["method"] == method and e.get("sessionId") == self.session]

    def navigate(self, url):
        """Loads `url`; a change of the fragment alone loads nothing."""
        result = self.send("Page.navigate", {"url": url})
        if "errorText" in result:
            raise BrowserError(f"cannot open {url}: {result['errorText']}")
        if result.get("loaderId"):
            self.browser.wait_for_event("Page.loadEventFired", self.session)

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True,
            "awaitPromise": True})
        if "exceptionDetails" in result:
            raise BrowserError(
                f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def center_of(self, selector):
        """The viewport point at the middle of the first match, scrolled in
        (and the scroll's events dispatched, as before a user's next move)."""
        box = self.evaluate(f"""(async () => {{
            const el = document.querySelector({json.dumps(selector)});
            if (!el) return null;
            el.scrollIntoView({{block: 'center'}});
            await new Promise((done) => requestAnimationFrame(
                () => requestAnimationFrame(done)));
            const r = el.getClientRects()[0];
            return [r.left + r.width / 2, r.top + r.height / 2];
        }})()""")
        if box is None:
            raise BrowserError(f"nothing matches {selector}")
        return box

    def mouse(self, kind, x, y):
        self.send("Input.dispatchMouseEvent", {
            "type": kind, "x": x, "y": y, "button": "left",
            "clickCount": 1 if kind != "mouseMoved" else 0})

    def hover(self, selector):
        x, y = self.center_of(selector)
        self.mouse("mouseMoved", x, y)

    def click(self, selector):
        x, y = self.center_of(selector)
        self.mouse("mouseMoved", x, y)
        self.mouse("mousePressed", x, y)
        self.mouse("mouseReleased", x, y)

    def press(self, key):
        """Types one printable key or presses Escape."""
        codes = {"Escape": 27}
        params = {"key": key}
        if key in codes:
            params["windowsVirtualKeyCode"] = codes[key]
        else:
            params["text"] = key
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **params})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": key})

    def type_text(self, text):
        self.send("Input.insertText", {"text": text})

    def screenshot(self, path, full_page=True):
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
