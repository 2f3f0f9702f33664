"""Crash safety: feedback acknowledged with 201 survives `kill -9`, and nothing is half-written.

Starts `heard serve` on the given database (already migrated and filled with the demo), submits feedback
from several threads through POST /api/v1/feedback, kills the server with SIGKILL while they are still
sending, starts it again on the same database, then exports every feedback item with
`heard export feedback` and checks that every acknowledged submission is there, whole.

Usage: python crash_test.py --heard .build/debug/heard --database DB --label sqlite --work DIR
Prints "crash[label]: N acknowledged, M found" details and returns the number of failed checks.
"""

import argparse
import csv
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid

THREADS = 6
KILL_AFTER_ACKS = 60  # kill once this many submissions have been acknowledged…
KILL_AFTER_SECONDS = 60  # …or after this long, whichever comes first
REQUEST_TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args, port: int, log) -> subprocess.Popen:
    env = dict(os.environ, HEARD_SUBMISSIONS_PER_HOUR="0")
    process = subprocess.Popen(
        [args.heard, "serve", "--database", args.database, "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"heard serve exited with {process.returncode} before it was healthy")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return process
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("heard serve was not healthy within 180 seconds")


def stop(process: subprocess.Popen):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def post_json(url: str, body: dict):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT) as response:
        return response.status, json.loads(response.read() or b"null")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--heard", required=True)
    parser.add_argument("--database", required=True)
    parser.add_argument("--label", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    label = args.label
    failures = []
    log = open(os.path.join(args.work, f"server-{label}.log"), "ab")

    port = free_port()
    server = start(args, port, log)
    base = f"http://127.0.0.1:{port}"
    try:
        with urllib.request.urlopen(base + "/api/v1/services", timeout=REQUEST_TIMEOUT) as response:
            services = json.loads(response.read())["items"]
        names = [s["name"] for s in services]
        if not names:
            raise RuntimeError("the demo has no services")

        acknowledged = {}  # id -> (text, service name)
        lock = threading.Lock()
        stop_sending = threading.Event()
        errors_after_kill = [0]
        other_statuses = []
        run_id = uuid.uuid4().hex[:8]

        def sender(number: int):
            sequence = 0
            while not stop_sending.is_set():
                sequence += 1
                text = f"Crash test {run_id} thread {number} message {sequence}: the nurse explained everything clearly."
                service = names[(number + sequence) % len(names)]
                try:
                    status, body = post_json(base + "/api/v1/feedback", {"text": text, "service_name": service})
                except urllib.error.HTTPError as error:
                    with lock:
                        other_statuses.append(error.code)
                    continue
                except (urllib.error.URLError, OSError, ValueError):
                    with lock:
                        errors_after_kill[0] += 1
                    if server.poll() is not None:
                        return
                    continue
                if status == 201:
                    with lock:
                        acknowledged[body["id"].lower()] = (text, service)
                else:
                    with lock:
                        other_statuses.append(status)

        threads = [threading.Thread(target=sender, args=(n,), daemon=True) for n in range(THREADS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + KILL_AFTER_SECONDS
        while time.monotonic() < deadline:
            with lock:
                if len(acknowledged) >= KILL_AFTER_ACKS:
                    break
            time.sleep(0.05)
        # Mid-stream: the senders are still sending when the server dies.
        os.kill(server.pid, signal.SIGKILL)
        server.wait(timeout=30)
        killed_at = len(acknowledged)
        stop_sending.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
        with lock:
            acks = dict(acknowledged)
        print(f"crash[{label}]: {len(acks)} submissions acknowledged (kill -9 after {killed_at}), "
              f"{errors_after_kill[0]} cut off by the kill, other statuses: {sorted(set(other_statuses)) or 'none'}")
        if other_statuses:
            failures.append(f"unexpected statuses before the kill: {sorted(set(other_statuses))}")
        if not acks:
            failures.append("no submission was acknowledged before the kill")

        # Restart on the same database: it must come back and serve.
        server = start(args, free_port(), log)
        stop(server)

        export = os.path.join(args.work, f"export-{label}.csv")
        result = subprocess.run([args.heard, "export", "feedback", "--database", args.database, "--output", export,
                                 "--overwrite"],
                                capture_output=True, text=True, timeout=300)
        if result.returncode != 0:
            failures.append(f"heard export failed: {result.stderr.strip()[-500:]}")
            rows = []
        else:
            with open(export, newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
        by_id = {row["id"].lower(): row for row in rows}
        found = 0
        for item_id, (text, service) in acks.items():
            row = by_id.get(item_id)
            if row is None:
                failures.append(f"acknowledged {item_id} is missing after the crash")
            elif row["story"] != text or row["service"] != service:
                failures.append(f"acknowledged {item_id} came back different: {row['service']!r} {row['story']!r}")
            else:
                found += 1
        # A row is whole with its words, or with an FFT answer alone (a ticked card with no comment, as most of
        # the demo's FFT answers are).
        half_written = [row["id"] for row in rows
                        if not row["service"] or not row["status"] or not row["reference"]
                        or not (row["story"] or row["fft_rating"])]
        if half_written:
            failures.append(f"{len(half_written)} exported rows are missing their service, status, reference "
                            f"or both text and FFT answer: {half_written[:5]}")
        ours = [row for row in rows if f"Crash test {run_id} " in row["story"]]
        print(f"crash[{label}]: {found} of {len(acks)} acknowledged submissions found after restart; "
              f"{len(ours)} of this run's submissions stored in all; {len(rows)} rows exported, "
              f"{len(half_written)} half-written")
    finally:
        stop(server)
        log.close()
    for failure in failures:
        print(f"FAIL crash[{label}]: {failure}")
    return len(failures)


if __name__ == "__main__":
    sys.exit(min(main(), 100))
