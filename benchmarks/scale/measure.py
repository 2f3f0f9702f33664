#!/usr/bin/env python3
"""Times the pages the scale benchmark is about against a running `heard serve`.

Signs in as a staff account for the dashboard, then asks for each page --requests times, one after another
(after --warmup untimed requests), on one kept-alive connection, and prints p50, p95 and max in milliseconds.
Every answer must be 200; anything else stops the run. Then downloads each open data file once, streamed,
and prints the time to the first byte, the whole download's time, its size and its rows per second (with
--open-data; the files are the whole published record, so one download each is the measure).
Standard library only.
"""

import argparse
import http.client
import json
import re
import statistics
import sys
import time
import urllib.parse


def percentile(values, fraction):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, int(round(fraction * len(ordered) + 0.5)) - 1))
    return ordered[index]


class Client:
    def __init__(self, host, port):
        self.host, self.port = host, port
        self.cookies = {}
        self.connection = http.client.HTTPConnection(host, port, timeout=120)

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
                if attempt == 1:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def sign_in(self, email, password):
        status, page = self.request("GET", "/sign-in")
        token = re.search(rb'name="_csrf" value="([^"]+)"', page)
        if status != 200 or not token:
            sys.exit(f"sign-in page: {status}, no CSRF token")
        form = urllib.parse.urlencode({"_csrf": token.group(1).decode(), "email": email, "password": password})
        status, _ = self.request(
            "POST", "/sign-in", body=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
        if status not in (302, 303):
            sys.exit(f"sign-in as {email} answered {status}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--place", required=True, help="place slug for the filtered pages")
    parser.add_argument("--theme", required=True, help="theme for the filtered stories")
    parser.add_argument("--organisation", required=True, help="organisation id")
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--open-data", action="store_true", help="also time one download of each open data file")
    args = parser.parse_args()

    place = urllib.parse.quote(args.place)
    theme = urllib.parse.quote(args.theme)
    pages = [
        ("staff dashboard", "/staff", True),
        ("stories, place+theme, page 1", f"/stories?place={place}&theme={theme}", False),
        ("stories, place+theme, page 500", f"/stories?place={place}&theme={theme}&page=500", False),
        ("you said we did (everywhere)", "/you-said-we-did", False),
        ("you said we did (place)", f"/you-said-we-did/places/{place}", False),
        ("you said we did (organisation)", f"/you-said-we-did/organisations/{args.organisation}", False),
        ("GET /api/v1/loop-closure", "/api/v1/loop-closure", False),
        ("GET /api/v1/loop-closure?place", f"/api/v1/loop-closure?place={place}", False),
        ("GET /api/v1/loop-closure?organisation", f"/api/v1/loop-closure?organisation={args.organisation}", False),
    ]
    staff = Client("127.0.0.1", args.port)
    staff.sign_in(args.email, args.password)
    public = Client("127.0.0.1", args.port)

    results = []
    print(f"{'page':40} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  requests")
    for label, path, signed_in in pages:
        client = staff if signed_in else public
        for _ in range(args.warmup):
            status, body = client.request("GET", path)
            if status != 200:
                sys.exit(f"{path} answered {status}: {body[:300]!r}")
        if path == "/staff" and b"Urgent alerts" not in body:
            sys.exit("/staff did not show the feedback dashboard: is the account staff?")
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            status, body = client.request("GET", path)
            timings.append((time.perf_counter() - start) * 1000)
            if status != 200:
                sys.exit(f"{path} answered {status}")
        row = {
            "page": label, "path": path, "requests": len(timings),
            "p50_ms": round(statistics.median(timings), 1), "p95_ms": round(percentile(timings, 0.95), 1),
            "max_ms": round(max(timings), 1),
        }
        results.append(row)
        print(f"{label:40} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} {row['max_ms']:8.1f}  {len(timings)}", flush=True)
    downloads = time_open_data(args.port) if args.open_data else []
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"pages": results, "open_data": downloads}, out, indent=2)
    slow = [r["page"] for r in results if r["p95_ms"] >= 300]
    print("p95 under 300 ms: " + ("all pages" if not slow else "NOT " + ", ".join(slow)))
    return 1 if slow else 0


def time_open_data(port):
    """One streamed download of each file listed on /open-data: first byte, total, size, rows (lines) per second."""
    status, page = Client("127.0.0.1", port).request("GET", "/open-data")
    if status != 200:
        sys.exit(f"/open-data answered {status}")
    paths = sorted(set(re.findall(rb'href="(/open-data/[a-z-]+\.csv)"', page)))
    if not paths:
        sys.exit("/open-data lists no CSV files")
    rows = []
    print(f"\n{'open data file':40} {'first byte ms':>13} {'total s':>8} {'MB':>8} {'lines':>10} {'lines/s':>9}")
    for path in (p.decode() for p in paths):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        if response.status != 200:
            sys.exit(f"{path} answered {response.status}")
        first = response.read(1)
        first_byte_ms = (time.perf_counter() - start) * 1000
        size, lines = len(first), first.count(b"\n")
        while chunk := response.read(1 << 16):
            size += len(chunk)
            lines += chunk.count(b"\n")
        total = time.perf_counter() - start
        connection.close()
        row = {
            "file": path, "first_byte_ms": round(first_byte_ms, 1), "total_s": round(total, 2),
            "megabytes": round(size / 1e6, 1), "lines": lines, "lines_per_s": round(lines / total),
        }
        rows.append(row)
        print(f"{path:40} {row['first_byte_ms']:13.1f} {row['total_s']:8.2f} {row['megabytes']:8.1f} "
              f"{lines:10} {row['lines_per_s']:9}", flush=True)
    return rows


if __name__ == "__main__":
    sys.exit(main())
