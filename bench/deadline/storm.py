"""Submit faults after the measured mix: double clicks, lost replies with retries, abandoned submits.

Not timed. Each case goes into the request log that verification reads:
- double click: the same submit (same Idempotency-Key) sent twice at once on two connections;
  both replies must carry the same receipt;
- lost reply: the request is sent and the connection dropped before the reply is read; the client
  then retries with the same key and must get the receipt of the first attempt if it went through;
- abandoned: sent and dropped, never retried; the submit is in the database or not, and either way
  it is counted (nothing lost silently).
"""

import http.client
import re
import socket
import time
from concurrent.futures import ThreadPoolExecutor

from bench.deadline.load import Request

RECEIPT = re.compile(rb'"receipt_no"\s*:\s*"([^"]+)"')


def _raw(app: int, token: str, key: str) -> bytes:
    return (
        f"POST /api/v1/applications/{app}/submit/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Token {token}\r\nIdempotency-Key: {key}\r\n"
        "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
    ).encode()


def _submit(port: int, app: int, token: str, key: str, kind: str) -> Request:
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(
            "POST", f"/api/v1/applications/{app}/submit/", body=b"{}",
            headers={"Authorization": f"Token {token}", "Idempotency-Key": key,
                     "Content-Type": "application/json"},
        )  # fmt: skip
        response = conn.getresponse()
        body = response.read()
        status = response.status
    except OSError:
        status, body = -1, b""
    finally:
        conn.close()
    match = RECEIPT.search(body)
    return Request(
        kind=kind, app=app, status=status, latency_us=int((time.monotonic() - started) * 1e6),
        receipt=match.group(1).decode() if match else "", attempt=1,
    )  # fmt: skip


def _drop(port: int, app: int, token: str, key: str) -> Request:
    """Send the submit and close the connection without reading the reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(_raw(app, token, key))
    return Request(kind="submit", app=app, status=-1, latency_us=0, receipt="", attempt=1)


def submit_faults(*, port: int, applicants: list[tuple[int, str]], run: str, per_case: int) -> dict:
    """Run the three cases on fresh drafts; return the requests and per-case counts."""
    double = applicants[:per_case]
    lost = applicants[per_case : 2 * per_case]
    abandoned = applicants[2 * per_case : 3 * per_case]
    key = lambda app: f"dd-{run}-{app}"  # noqa: E731
    requests: list[Request] = []
    with ThreadPoolExecutor(max_workers=16) as pool:
        futures = [
            pool.submit(_submit, port, app, token, key(app), kind)
            for app, token in double
            for kind in ("submit", "dup")
        ]
        requests += [f.result() for f in futures]
    requests += [_drop(port, app, token, key(app)) for app, token in [*lost, *abandoned]]
    time.sleep(1.0)  # the client notices the lost reply, then retries with the same key
    with ThreadPoolExecutor(max_workers=8) as pool:
        requests += list(pool.map(lambda a: _submit(port, a[0], a[1], key(a[0]), "retry"), lost))
    by_app: dict[int, set[str]] = {}
    for r in requests:
        if r.receipt:
            by_app.setdefault(r.app, set()).add(r.receipt)
    double_ok = sum(
        1
        for app, _ in double
        if len(by_app.get(app, set())) == 1
        and all(r.status == 200 for r in requests if r.app == app)
    )
    lost_ok = sum(1 for app, _ in lost if len(by_app.get(app, set())) == 1)
    return {
        "requests": requests,
        "summary": {
            "double_clicks": len(double), "double_clicks_one_receipt": double_ok,
            "lost_replies_retried": len(lost), "lost_replies_retry_got_receipt": lost_ok,
            "abandoned_submits": len(abandoned),
        },
    }  # fmt: skip
