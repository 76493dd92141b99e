"""Real servers on 127.0.0.1 for the delivery tests: a webhook and an SMTP server."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Webhook:
    url: str
    refuse_first: int
    received: list[tuple[str, dict]] = field(default_factory=list)  # (path, body)
    refused: int = 0


@contextmanager
def webhook_server(refuse_first: int = 1) -> Iterator[Webhook]:
    """Answers 503 to the first `refuse_first` POSTs, 204 to the others."""
    hook = Webhook(url="", refuse_first=refuse_first)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            with lock:
                if hook.refused < hook.refuse_first:
                    hook.refused += 1
                    status = 503
                else:
                    hook.received.append((self.path, json.loads(body)))
                    status = 204
            self.send_response(status)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    hook.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    subject: str
    body: str


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server() -> Iterator[tuple[str, list[Mail]]]:
    """An aiosmtpd server in this process; yields its smtp:// URL and the mails it got."""
    from aiosmtpd.controller import Controller

    mails: list[Mail] = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
            message = message_from_bytes(envelope.original_content, policy=policy.default)
            mails.append(
                Mail(
                    envelope.mail_from,
                    list(envelope.rcpt_tos),
                    str(message["Subject"]),
                    message.get_body(preferencelist=("plain",)).get_content(),
                )
            )
            return "250 OK"

    port = free_port()
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"smtp://127.0.0.1:{port}", mails
    finally:
        controller.stop()
