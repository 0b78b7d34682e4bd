#!/usr/bin/env python3
"""SMTP servers from aiosmtpd (a second SMTP implementation beside Postfix), each a real
configuration of it, on loopback:

  tls PORT        implicit TLS, AUTH PLAIN/LOGIN for USER / PASSWORD (any characters)
  starttls PORT   STARTTLS required, the same sign-in
  cram PORT       STARTTLS, but only CRAM-MD5 offered (no method a password app can use here)
  noauth PORT     STARTTLS, no AUTH at all (a relay port)
  auth454 PORT    STARTTLS, every sign-in answered "454 4.7.0 Invalid username or password"

Mail to reject@<any> is refused with "550 5.1.1 Invalid recipient"; other mail is dropped.
Arguments: CERT KEY USER PASSWORD-FILE then KIND PORT pairs. The password is read from a file
(UTF-8, taken whole), so no shell quoting can change it."""
import asyncio, ssl, sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

cert, key, user, pass_file = sys.argv[1:5]
password = open(pass_file, encoding="utf-8").read()
pairs = sys.argv[5:]


class Handler:
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject@"):
            return "550 5.1.1 Invalid recipient"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        return "250 OK: dropped"



class CramHandler(Handler):
    # Registers CRAM-MD5 (aiosmtpd names it from the method), so that this server can offer
    # only it.
    async def auth_CRAM__MD5(self, server, args):
        return AuthResult(success=False, handled=False)


def check(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode("utf-8", "replace") == user
        and auth_data.password.decode("utf-8", "replace") == password
    )
    return AuthResult(success=ok, handled=False)


def always_454(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=False, handled=False, message="454 4.7.0 Invalid username or password")


def context():
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    return ctx


controllers = []
for kind, port in zip(pairs[0::2], pairs[1::2]):
    common = dict(hostname="127.0.0.1", port=int(port), server_hostname="localhost")
    if kind == "tls":
        c = Controller(Handler(), ssl_context=context(), authenticator=check,
                       auth_require_tls=False, **common)
    elif kind == "starttls":
        c = Controller(Handler(), tls_context=context(), require_starttls=True,
                       authenticator=check, **common)
    elif kind == "cram":
        c = Controller(CramHandler(), tls_context=context(), require_starttls=True,
                       authenticator=check, auth_exclude_mechanism=["PLAIN", "LOGIN"], **common)
    elif kind == "noauth":
        c = Controller(Handler(), tls_context=context(), require_starttls=True,
                       auth_exclude_mechanism=["PLAIN", "LOGIN"], **common)
    elif kind == "auth454":
        c = Controller(Handler(), tls_context=context(), require_starttls=True,
                       authenticator=always_454, **common)
    else:
        sys.exit(f"unknown kind {kind}")
    c.start()
    controllers.append(c)

print("ready", flush=True)
asyncio.new_event_loop().run_forever()
