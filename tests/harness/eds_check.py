"""What evolution-data-server's registry loaded from the sources mailsetup wrote, and whether
the Secret Service has the code under Evolution's attributes (as Evolution looks it up)."""
import json
import os
import sys

import gi

gi.require_version("EDataServer", "1.2")
from gi.repository import EDataServer  # noqa: E402

E = EDataServer
reg = E.SourceRegistry.new_sync(None)
accounts = []
for s in reg.list_sources(E.SOURCE_EXTENSION_MAIL_ACCOUNT):
    if not s.get_uid().startswith("mailsetup-"):
        continue
    acc = s.get_extension(E.SOURCE_EXTENSION_MAIL_ACCOUNT)
    auth = s.get_extension(E.SOURCE_EXTENSION_AUTHENTICATION)
    sec = s.get_extension(E.SOURCE_EXTENSION_SECURITY)
    ident = reg.ref_source(acc.get_identity_uid())
    idx = ident.get_extension(E.SOURCE_EXTENSION_MAIL_IDENTITY)
    sub = ident.get_extension(E.SOURCE_EXTENSION_MAIL_SUBMISSION)
    tr = reg.ref_source(sub.get_transport_uid())
    tauth = tr.get_extension(E.SOURCE_EXTENSION_AUTHENTICATION)
    tsec = tr.get_extension(E.SOURCE_EXTENSION_SECURITY)

    def secret_ok(uid):
        found, secret = E.secret_store_lookup_sync(uid, None)
        return bool(found) and secret == os.environ.get("EXPECT")

    accounts.append({
        "backend": acc.get_backend_name(),
        "enabled": s.get_enabled(),
        "host": auth.get_host(), "port": auth.get_port(), "user": auth.get_user(),
        "security": sec.get_method(),
        "identity": idx.get_address(),
        "transport": tr.get_extension(E.SOURCE_EXTENSION_MAIL_TRANSPORT).get_backend_name(),
        "smtp_host": tauth.get_host(), "smtp_port": tauth.get_port(), "smtp_user": tauth.get_user(),
        "smtp_security": tsec.get_method(),
        "secret": secret_ok(s.get_uid()), "smtp_secret": secret_ok(tr.get_uid()),
    })
said = [open(p).read().strip() for p in sys.argv[1:]]
print(json.dumps({"accounts": accounts, "said": said}))
