#!/usr/bin/env python3
"""Drives headless Chromium over the DevTools protocol (--remote-debugging-pipe: no port, no
npm package, nothing but Python's standard library) to test an HTML report for real:

- the page loads with no script error and requests nothing but its own file;
- a mouse click on a column head (Input.dispatchMouseEvent: a trusted click at the head's
  position, as a person's) sorts the table: numbers highest first, a second click lowest first,
  missing values last both ways, ties in input order; text A to Z;
- a screenshot of the page is written for a person to look at.

Usage: click_sort.py CHROMIUM REPORT.html SCREENSHOT.png SPEC
SPEC is JSON: {"initial": [ids in the page's order], "clicks": [{"column": NAME,
"ids": [ids after that click], "order": "descending" or "ascending"}, ...]}.
Exit status 0 when every check passes; the failures are printed otherwise.
"""
import base64
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time


class Browser:
    def __init__(self, chromium, profile):
        # fds 3 and 4 of the child are the pipe Chromium reads commands from and writes to.
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        os.set_inheritable(to_child_r, True)
        os.set_inheritable(from_child_w, True)
        args = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-sync", "--hide-scrollbars", "--mute-audio",
                "--user-data-dir=" + profile, "--remote-debugging-pipe",
                "--window-size=1280,900", "about:blank"]

        def child_fds():
            # Copy both ends above 4 first, so that neither dup2 closes the other; the other
            # descriptors are closed after this runs, except 3 and 4 (pass_fds).
            r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.proc = subprocess.Popen(args, preexec_fn=child_fds, pass_fds=(3, 4),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self.next_id = 0
        self.buffer = b""
        self.events = []

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def send(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, timeout=30):
        deadline = time.monotonic() + timeout
        while True:
            for k, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(k)
            self.events.append(self._read_message(deadline))

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main():
    chromium, report, screenshot, spec = sys.argv[1:5]
    spec = json.loads(spec)
    url = "file://" + os.path.abspath(report)
    failures = []
    with tempfile.TemporaryDirectory() as profile:
        b = Browser(chromium, profile)
        try:
            target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            s = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Network"):
                b.send(domain + ".enable", session=s)
            b.send("Emulation.setDeviceMetricsOverride",
                   {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                   session=s)
            b.send("Page.navigate", {"url": url}, session=s)
            b.wait_event("Page.loadEventFired")

            def js(expression):
                r = b.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                           session=s)
                if "exceptionDetails" in r:
                    raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
                return r["result"].get("value")

            def column(name):
                return js("Array.from(document.querySelectorAll('#centrality tbody tr'))"
                          ".map(r => r.cells[%d].textContent)" % index(name))

            def index(name):
                return js("Array.from(document.querySelectorAll('#centrality thead th'))"
                          ".map(th => th.textContent).indexOf(%s)" % json.dumps(name))

            def click(name):
                i = index(name)
                if i < 0:
                    raise RuntimeError(f"no column {name}")
                box = js("(() => { const th = document.querySelectorAll('#centrality thead th')"
                         "[%d]; th.scrollIntoView({block: 'center', inline: 'center'}); "
                         "const r = th.getBoundingClientRect(); "
                         "return [r.left + r.width / 2, r.top + r.height / 2]; })()" % i)
                for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
                    b.send("Input.dispatchMouseEvent",
                           {"type": kind, "x": box[0], "y": box[1], "button": "left",
                            "clickCount": 1}, session=s)

            def check(what, got, want):
                if got != want:
                    failures.append(f"{what}: got {got}, expected {want}")

            check("rows before any click", column("id"), spec["initial"])
            for step in spec["clicks"]:
                click(step["column"])
                check(f"after a click on {step['column']}", column("id"), step["ids"])
                check(f"aria-sort of {step['column']}",
                      js("document.querySelectorAll('#centrality thead th')[%d]"
                         ".getAttribute('aria-sort')" % index(step["column"])), step["order"])
            # The figure is inline SVG and drawn.
            width = js("(() => { const s = document.querySelector('figure svg'); "
                       "return s ? s.getBoundingClientRect().width : 0; })()")
            if not width or width < 100:
                failures.append(f"the inline SVG figure is not drawn (width {width})")
            js("window.scrollTo(0, 0); document.querySelector('.scroll').scrollLeft = 0")
            shot = b.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True},
                          session=s)
            with open(screenshot, "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            # A closer look at the table (as it stands after the clicks): NAME-table.png.
            box = js("(() => { const r = document.querySelector('#centrality')"
                     ".getBoundingClientRect(); return [r.left + scrollX, r.top + scrollY, "
                     "Math.min(r.width, 1280), r.height]; })()")
            shot = b.send("Page.captureScreenshot",
                          {"format": "png", "captureBeyondViewport": True,
                           "clip": {"x": box[0], "y": box[1], "width": box[2],
                                    "height": box[3], "scale": 1}}, session=s)
            with open(os.path.splitext(screenshot)[0] + "-table.png", "wb") as f:
                f.write(base64.b64decode(shot["data"]))
            errors = [e for e in b.events if e.get("method") == "Runtime.exceptionThrown"]
            if errors:
                failures.append(f"script errors: {errors}")
            requests = [e["params"]["request"]["url"] for e in b.events
                        if e.get("method") == "Network.requestWillBeSent"]
            others = [u for u in requests if u != url]
            if others:
                failures.append(f"the page requested other resources: {others}")
            if url not in requests:
                failures.append("the page itself was never requested")
        finally:
            b.close()
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
