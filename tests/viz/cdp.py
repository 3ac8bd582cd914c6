"""A small Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (no websocket library needed).

Chromium reads NUL-terminated JSON commands from fd 3 and writes replies and
events to fd 4.  :func:`open_page` loads one page headless and records every
console message, exception, log entry and network request it makes.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from typing import Any

#: Flags for a machine without network: without them Chromium tries to reach Google's services.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
)


def find_chromium() -> str | None:
    """The path of a Chromium (or Chrome) binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageReport:
    """What happened while a page loaded."""

    console: list[dict[str, Any]] = field(default_factory=list)  # Runtime.consoleAPICalled params
    exceptions: list[dict[str, Any]] = field(default_factory=list)  # Runtime.exceptionThrown params
    log: list[dict[str, Any]] = field(default_factory=list)  # Log.entryAdded entries
    requests: list[str] = field(default_factory=list)  # URLs of every request the page made
    values: dict[str, Any] = field(default_factory=dict)  # results of the expressions asked for
    screenshot: bytes = b""

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries, as text."""
        found = [
            " ".join(str(a.get("value", a.get("description", ""))) for a in c.get("args", []))
            for c in self.console
            if c.get("type") in ("error", "assert")
        ]
        found += [e.get("exceptionDetails", {}).get("text", "") + " " + json.dumps(e.get("exceptionDetails", {}))[:300]
                  for e in self.exceptions]
        found += [f"{e.get('source')}: {e.get('text')} {e.get('url', '')}" for e in self.log if e.get("level") == "error"]
        return found


class _Pipe:
    def __init__(self, binary: str, profile: str, width: int, height: int):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # runs in the child before exec: the pipes become fds 3 and 4
            # Move both ends above 4 first: a pipe may already sit on fd 3 or 4, and dup2 onto
            # itself would leave it close-on-exec.
            high_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
             "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=wire, close_fds=False,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._next = 0
        self.events: queue.Queue = queue.Queue()
        self._replies: dict[int, queue.Queue] = {}
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_child, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                self.events.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._lock:
                        waiter = self._replies.pop(message["id"], None)
                    if waiter is not None:
                        waiter.put(message)
                else:
                    self.events.put(message)

    def call(self, method: str, session: str | None = None, timeout: float = 30, **params: Any) -> dict[str, Any]:
        with self._lock:
            self._next += 1
            ident = self._next
            waiter: queue.Queue = queue.Queue()
            self._replies[ident] = waiter
        message: dict[str, Any] = {"id": ident, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        try:
            reply = waiter.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"Chromium did not answer {method} within {timeout} s") from None
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except (OSError, TimeoutError, RuntimeError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass


def open_page(url: str, *, ready: str, expressions: dict[str, str], width: int = 1280, height: int = 860,
              timeout: float = 40) -> PageReport:
    """Load ``url`` in headless Chromium, wait until JS ``ready`` is truthy, evaluate ``expressions``, screenshot.

    Raises:
        TimeoutError: the page never became ready.
    """
    binary = find_chromium()
    if binary is None:
        raise FileNotFoundError("no chromium binary")
    report = PageReport()
    with tempfile.TemporaryDirectory(prefix="kg-chromium-") as profile:
        pipe = _Pipe(binary, profile, width, height)
        try:
            target = pipe.call("Target.createTarget", url="about:blank")["targetId"]
            session = pipe.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
            for domain in ("Runtime", "Log", "Network", "Page"):
                pipe.call(f"{domain}.enable", session=session)
            pipe.call("Emulation.setDeviceMetricsOverride", session=session, width=width, height=height,
                      deviceScaleFactor=1, mobile=False)
            pipe.call("Page.navigate", session=session, url=url)
            deadline = time.monotonic() + timeout
            while True:
                value = pipe.call("Runtime.evaluate", session=session, expression=f"Boolean({ready})",
                                  returnByValue=True)["result"].get("value")
                if value:
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{url}: not ready after {timeout} s ({ready})")
                time.sleep(0.1)
            for name, expression in expressions.items():
                result = pipe.call("Runtime.evaluate", session=session, expression=expression, returnByValue=True)
                report.values[name] = result["result"].get("value")
            shot = pipe.call("Page.captureScreenshot", session=session, format="png")
            report.screenshot = base64.b64decode(shot["data"])
        finally:
            pipe.close()
        while True:
            try:
                event = pipe.events.get_nowait()
            except queue.Empty:
                break
            if event is None:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                report.console.append(params)
            elif method == "Runtime.exceptionThrown":
                report.exceptions.append(params)
            elif method == "Log.entryAdded":
                report.log.append(params.get("entry", {}))
            elif method == "Network.requestWillBeSent":
                report.requests.append(params.get("request", {}).get("url", ""))
    return report
