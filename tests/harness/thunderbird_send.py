#!/usr/bin/env python3
"""Asks a running Thunderbird (started with --marionette) to send one plain-text message from
its default account to ADDRESS with SUBJECT, the way its Send button does (nsIMsgCompose), and
prints how the send ended: "sent" or "failed STATUS MESSAGE". Thunderbird signs in to the SMTP
server with what its profile holds; nothing is typed.

Usage: thunderbird_send.py PORT ADDRESS SUBJECT"""
import sys, time

from marionette_driver.marionette import Marionette

port, to, subject = int(sys.argv[1]), sys.argv[2], sys.argv[3]

SEND = r"""
const [to, subject, resolve] = arguments;
const { MailServices } = ChromeUtils.importESModule("resource:///modules/MailServices.sys.mjs");
const account = MailServices.accounts.defaultAccount;
if (!account || !account.defaultIdentity) { resolve("failed no-account"); return; }
const identity = account.defaultIdentity;
const fields = Cc["@mozilla.org/messengercompose/composefields;1"]
  .createInstance(Ci.nsIMsgCompFields);
fields.from = identity.email;
fields.to = to;
fields.subject = subject;
fields.body = "Sent by Thunderbird from the account mailsetup set up.\r\n";
fields.forcePlainText = true;
fields.fcc = "nocopy://";
const params = Cc["@mozilla.org/messengercompose/composeparams;1"]
  .createInstance(Ci.nsIMsgComposeParams);
params.composeFields = fields;
params.identity = identity;
params.type = Ci.nsIMsgCompType.New;
params.format = Ci.nsIMsgCompFormat.PlainText;
const compose = MailServices.compose.initCompose(params);
compose.addMsgSendListener({
  QueryInterface: ChromeUtils.generateQI(["nsIMsgSendListener"]),
  onStartSending() {},
  onSendProgress() {},
  onStatus() {},
  onStopSending(id, status, msg) {
    resolve(status == 0 ? "sent" : "failed " + status + " " + msg);
  },
  onGetDraftFolderURI() {},
  onSendNotPerformed(id, status) { resolve("failed not-performed " + status); },
  onTransportSecurityError(id, status) { resolve("failed tls " + status); },
});
const progress = Cc["@mozilla.org/messenger/progress;1"].createInstance(Ci.nsIMsgProgress);
Promise.resolve(compose.sendMsg(Ci.nsIMsgCompDeliverMode.Now, identity, account.key, null, progress))
  .catch(e => resolve("failed " + e));
"""

client = None
for _ in range(300):
    try:
        client = Marionette(host="127.0.0.1", port=port)
        client.start_session()
        break
    except Exception:
        client = None
        time.sleep(0.1)
if client is None:
    print("failed no-marionette")
    sys.exit(1)
client.set_context(client.CONTEXT_CHROME)
client.timeout.script = 60
try:
    said = client.execute_async_script(SEND, script_args=[to, subject])
except Exception as e:
    said = f"failed {e}"
print(said)
sys.exit(0 if said == "sent" else 1)
