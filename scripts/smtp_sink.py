#!/usr/bin/env python3
"""A local SMTP sink for the tests: accepts every message on a loopback
port and writes each to DIR as NNNN.eml (Debian's python3-aiosmtpd).
Usage: smtp_sink.py HOST PORT DIR"""
import asyncio
import itertools
import os
import sys

from aiosmtpd.controller import Controller

host, port, outdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(outdir, exist_ok=True)
counter = itertools.count(1)


class Sink:
    async def handle_DATA(self, server, session, envelope):
        n = next(counter)
        path = os.path.join(outdir, f"{n:04d}.eml")
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(f"X-Envelope-From: {envelope.mail_from}\r\n".encode())
            for rcpt in envelope.rcpt_tos:
                f.write(f"X-Envelope-To: {rcpt}\r\n".encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, path)
        print(f"stored {path}", flush=True)
        return "250 OK"


controller = Controller(Sink(), hostname=host, port=port)
controller.start()
print(f"smtp sink on {host}:{port}", flush=True)
try:
    asyncio.get_event_loop().run_forever()
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
