## mailsetup — English

app-name = Mail Setup

## Provider names
provider-qq = QQ Mail
provider-netease-163 = NetEase 163 Mail
provider-netease-126 = NetEase 126 Mail
provider-netease-yeah = NetEase yeah.net Mail
provider-netease-188 = NetEase 188 VIP Mail
provider-exmail = Tencent Exmail (enterprise)
provider-netease-qiye = NetEase Enterprise Mail
provider-aliyun = Aliyun Mail
provider-aliyun-qiye = Aliyun Enterprise Mail
provider-dingtalk = DingTalk Mail
provider-sohu = Sohu Mail
provider-mail139 = 139 Mail (China Mobile)
provider-sina = Sina Mail
provider-netease-vip163 = NetEase VIP 163 Mail
provider-netease-vip126 = NetEase VIP 126 Mail
provider-sina-cn = Sina Mail (sina.cn)
provider-telecom-189 = 189 Mail (China Telecom)
provider-cn21 = 21CN Mail
provider-wo = Wo Mail (China Unicom)
provider-mail263 = 263 Mail
provider-gmail = Gmail
provider-google-workspace = Google Workspace
provider-outlook = Outlook.com
provider-microsoft365 = Microsoft 365
provider-icloud = iCloud Mail

## Credential kinds
credential-auth-code = authorization code
credential-client-password = client-specific password
credential-app-password = app password
credential-oauth-only = browser sign-in only (OAuth)
code-format-alpha = { $length } letters, shown only once — copy it right away.
code-format-alnum = { $length } letters and digits, shown only once — copy it right away.

## Steps: QQ Mail
qq-step-login = Sign in to QQ Mail on the web (mail.qq.com).
qq-step-settings = Open Settings → Account.
qq-step-enable = Find "POP3/IMAP/SMTP/Exchange/CardDAV/CalDAV service" and turn on the IMAP/SMTP service.
qq-step-verify = Confirm with your phone: send the SMS shown on screen (or scan with WeChat), then click "I have sent it".
qq-step-copy = A 16-letter authorization code appears. Copy it now — it is shown only once — and paste it into this app.

## Steps: NetEase 163 / 126 / yeah.net / 188
netease-step-login = Sign in to your NetEase mailbox on the web.
netease-step-settings = Click Settings at the top, then POP3/SMTP/IMAP on the left.
netease-step-enable = Turn on the IMAP/SMTP service.
netease-step-verify = Click "Authorization code" (客户端授权密码) and verify with your phone as the page asks.
netease-step-copy = Copy the 16-letter authorization code now — it is shown only once — and paste it into this app.

## Steps: Tencent Exmail (admin part first, seed 004)
exmail-step-admin-login = Administrator: sign in to the WeCom admin console by scanning with WeCom. If you are not the admin, send these two steps to your admin.
exmail-step-admin-scope = Administrator: go to Collaboration → Security → Client access, click "Modify Exchange/IMAP/SMTP scope", tick the members who need it and confirm.
exmail-step-user-enable = You: sign in to Exmail on the web, open Settings → Send and receive, tick "Enable IMAP/SMTP service" and save.
exmail-step-user-secure = You: open Settings → Mailbox binding and click "Enable secure login", then confirm.
exmail-step-user-generate = Under "Client-specific password" click "Generate new password", give it a name, copy the 16-character password and click OK.

## Steps: NetEase Enterprise Mail
qiye-step-admin = Administrator: make sure IMAP/SMTP client access is allowed for your account in the NetEase enterprise admin console.
qiye-step-login = Sign in to NetEase Enterprise Mail on the web.
qiye-step-settings = Open Settings (the gear, top right) → Security settings / Client authorization code.
qiye-step-generate = Click "Generate authorization code", verify with your password or phone, and copy the code.

## Steps: Aliyun Mail (personal)
aliyun-step-login = Sign in to Aliyun Mail on the web.
aliyun-step-settings = Open Settings (the gear) → Account and security / POP3/SMTP/IMAP.
aliyun-step-generate = Find "Client-specific password", click Generate, verify, and copy the password.

## Steps: Aliyun Enterprise Mail
aliqiye-step-admin = Administrator: in the Aliyun enterprise mail admin console, allow IMAP/SMTP (third-party clients) for your account.
aliqiye-step-login = Sign in to Aliyun Enterprise Mail on the web with your company address.
aliqiye-step-settings = Open Settings (the gear, top right) → Client authorization code.
aliqiye-step-generate = Click "Generate authorization code", follow the prompts, and copy the code.

## Steps: DingTalk Mail
dingtalk-step-open = Open DingTalk Mail on the web and sign in (it is run by Aliyun Mail).
dingtalk-step-settings = In the web mail, open Settings (the gear) → Client authorization code.
dingtalk-step-generate = Generate the code, verify as asked, and copy it.

## Steps: Sohu Mail
sohu-step-login = Sign in to Sohu Mail on the web.
sohu-step-settings = Open Settings → POP3/SMTP/IMAP and turn the service on.
sohu-step-generate = Set the independent client password as the page asks and copy it.

## Steps: 139 Mail
m139-step-login = Sign in to 139 Mail on the web.
m139-step-settings = Open Settings → POP3/SMTP/IMAP and turn the service on.
m139-step-generate = Generate the authorization code (verify by SMS) and copy it.

## Steps: Sina Mail
sina-step-login = Sign in to Sina Mail on the web.
sina-step-settings = Open Settings → Client POP/IMAP/SMTP and turn the service on.
sina-step-generate = Generate the authorization code (verify by SMS) and copy it.

## Steps: Gmail / Google Workspace
generic-step-login = Sign in to your web mail in the browser.
generic-step-enable = In Settings, find "POP3/SMTP/IMAP" (or "mail clients") and turn on IMAP/SMTP.
generic-step-code = If the settings page can create an authorization code or client password, create one and copy it; if not, use your login password.
generic-step-password = Type your mail login password here, exactly as it is (capitals count).

gmail-step-2sv = Turn on 2-Step Verification for your Google account first; app passwords do not exist without it.
gmail-step-apppw = Open "App passwords", type a name such as "Mail Setup" and click Create.
gmail-step-copy = Copy the 16-letter app password now (the spaces do not matter) — it is shown only once.
gws-step-admin = Administrator: in the Google Admin console, allow users to manage 2-Step Verification and keep IMAP enabled for your organisation.

## Steps: Outlook.com / Microsoft 365
outlook-step-oauth = Microsoft has switched off password sign-in (basic authentication) for Outlook mail, so an app password or your password will not work here.
outlook-step-client = Click "Sign in with Microsoft" below: Microsoft's own page opens in your browser, where you sign in and allow Mail Setup to read and send your mail. Mail Setup never sees your password.
outlook-step-security = If you only need to check your security settings, open your Microsoft account's security page.
m365-step-admin = Administrator: Exchange Online no longer accepts basic authentication; users must sign in with modern authentication (OAuth).

## Steps: iCloud
icloud-step-2fa = Two-factor authentication must be on for your Apple Account.
icloud-step-signin = Sign in at account.apple.com and open "Sign-In and Security".
icloud-step-generate = Choose "App-Specific Passwords", create one and copy it (xxxx-xxxx-xxxx-xxxx).

## Address and code checks
address-empty = Please type your email address.
address-missing-at = This address has no "@". Type the whole address, e.g. name@qq.com.
address-multiple-at = This address has more than one "@". Type exactly one address.
address-empty-local = Something is missing before the "@". Type the whole address, e.g. name@qq.com.
address-bad-domain = The part after "@" is not a valid mail domain. Check for typos, e.g. qq.com or 163.com.
address-too-long = This address is too long to be real. Check what was pasted.
address-spaces = An email address cannot contain spaces. Remove them and try again.
code-empty = Please paste the { $credential }.
code-warn-format = A { $provider } { $credential } is usually { $length } letters; yours has { $actual } characters. Check that you copied all of it.
code-warn-digits = This looks like a number or a login password, not the { $credential } { $provider } needs. Get the { $credential } from its settings page.
code-warn-password = This looks like your login password, not the { $credential }: a { $provider } { $credential } is { $length } letters, with no digits or symbols. Get it from the settings page in the steps.
code-warn-oauth = { $provider } does not accept passwords from mail apps any more: sign in with Microsoft in the browser instead (the wizard's "Sign in with Microsoft", or mailsetup check ADDRESS --oauth).
code-warn-edge-spaces = Your password begins or ends with a space. It is sent exactly as typed; remove the space if it is not part of the password.

## Protocols and stages
protocol-imap = Incoming mail (IMAP)
protocol-smtp = Outgoing mail (SMTP)
stage-resolve = Finding the server
stage-connect = Connecting
stage-tls = Securing the connection
stage-greeting = Waiting for the server
stage-starttls = Switching to a secure connection
stage-capability = Asking what the server supports
stage-id = Identifying this app
stage-login = Signing in
stage-select = Opening the inbox
stage-logout = Signing out
stage-ehlo = Saying hello
stage-auth = Signing in
stage-send = Sending a test message
stage-receive = Waiting for it to arrive
stage-remove = Removing the test message
stage-quit = Closing

## What went wrong, and what to do
advice-dns = The server name { $host } could not be found. Check your internet connection and the server name.
advice-refused = The server { $host } refused the connection on port { $port }. Check the port, or whether a firewall blocks mail.
advice-timeout = The server { $host } did not answer in time. Check your internet connection (or proxy/firewall) and try again.
advice-tls-unknown-issuer = The server's certificate is not signed by an authority this computer trusts. If your company uses its own certificate authority, ask IT for it; otherwise do not continue on this network.
advice-tls-name-mismatch = The server's certificate is for a different name than { $host }. Check the server name; on public Wi-Fi, do not continue.
advice-tls-expired = The server's certificate has expired (or this computer's clock is wrong). Check the date and time, then try again.
advice-tls-other = A secure connection to { $host } could not be set up. Try again later or check the port and security setting.
advice-starttls-unavailable = The server { $host } does not offer a secure connection (STARTTLS) on port { $port }. Nothing was sent; use the SSL/TLS port instead.
advice-auth = The server rejected the sign-in. Check the address and paste the { $credential } again — it is not your login password.
advice-auth-password = The server rejected the sign-in. Check the login name and the password (capitals count, and every space). If both are right, ask your mail admin whether IMAP/SMTP is switched on for you.
advice-auth-unsupported = The server { $host } does not let mail apps sign in on port { $port } with a password (it offers no sign-in method this app can use). Check the port (usually 465 or 587), or ask your mail admin.
advice-temporary = The server { $host } could not check the sign-in just now (a temporary refusal). Wait a few minutes and try again; if it keeps happening, ask your mail admin.
advice-netease-spam = Signing in worked, but NetEase refused to send the message as likely spam (DT:SPM). This often happens to a new code or after many messages: sign in to the webmail, send one message from there, then try again in a few minutes.
advice-sender-mismatch = Signing in worked, but the server sends only from the address you signed in with. Make the login name the full email address, and send from that same address.
advice-daily-limit = Signing in worked, but today's sending limit for this mailbox is used up. Try again tomorrow, or ask your mail administrator to raise the limit.
advice-qq-frequency = Signing in worked, but QQ Mail limits how often a mailbox may send, and the limit is reached. Wait 10 to 15 minutes, then try again.
advice-qq-content = Signing in worked, but QQ Mail refused the message's content. Try again later; if it stays refused, the help page says why.
advice-too-large = Signing in worked, but the server refused the message as too large.
advice-send-temporary = Signing in worked, but the server turned the test message away for now. Sending should work in a few minutes; try again then.
advice-send-refused = Signing in worked, but the server refused the test message to your own address. Check that the address is spelt right; receiving and sending settings are otherwise correct.
advice-wants-starttls = Port { $port } on { $host } starts in plain text: choose STARTTLS as the security (usually port 143 for IMAP, 587 for SMTP), not SSL/TLS.
advice-wants-tls = Port { $port } on { $host } wants SSL/TLS from the start: choose SSL/TLS as the security (usually port 993 for IMAP, 465 for SMTP), not STARTTLS.
advice-offline-dns = Neither mail server's name could be looked up: this computer may be offline, or the network's DNS is not working. Check the connection, then choose Try again.
advice-offline = Neither mail server could be reached: check the network connection, and whether a proxy or firewall blocks mail ports, then choose Try again.
advice-service-disabled = The mail service is not switched on for this account. Turn on IMAP/SMTP in the web mail settings, then try again.
advice-client-not-allowed = The server refused this app as a client. Turn on IMAP/SMTP in the web mail settings and try again.
advice-rate-limited = The server is limiting sign-in attempts. Wait a few minutes before trying again.
advice-protocol = The server answered in a way this app does not understand. Copy the report and send it to support.
advice-cancelled = The check was cancelled. Nothing was saved.
advice-qq-auth-code = You entered your QQ password, not the authorization code. In QQ Mail open Settings → Account, turn on IMAP/SMTP and generate an authorization code.
advice-qq-login-fail = QQ Mail refused the sign-in: the service may be off, or the code is wrong. In QQ Mail open Settings → Account, check that IMAP/SMTP is on and generate a new authorization code.
advice-netease-unsafe-login = NetEase blocked this sign-in as "unsafe". Make sure IMAP/SMTP is on in Settings → POP3/SMTP/IMAP and use the authorization code.
advice-netease-smtp-off = The SMTP service is off for this mailbox. Open Settings → POP3/SMTP/IMAP and turn on IMAP/SMTP.
advice-netease-auth = NetEase rejected the sign-in. Use the authorization code from Settings → POP3/SMTP/IMAP, not your login password.
advice-exmail-client-password = Exmail needs a client-specific password: ask the admin to allow IMAP/SMTP for you, then enable secure login and generate the password in Settings → Mailbox binding.
advice-gmail-app-password = Google requires an app password here. Turn on 2-Step Verification, then create an app password and paste it.
advice-outlook-basic-auth-off = Outlook no longer accepts passwords from mail apps (basic authentication is off). Use a mail app that signs in through the browser; this app cannot use a password there.

## Storage
keyring-name = { $os ->
    [windows] Windows Credential Manager
    [macos] Keychain
   *[other] system keyring
}
store-keyring-unavailable = The { $keyring } is not available, so nothing was saved. { $os ->
    [linux] On Linux, install and unlock a Secret Service (for example GNOME Keyring) and try again.
   *[other] Sign out of your computer and back in, then try again.
}
store-keyring-failed = The { $keyring } refused to store the code, so nothing was saved: { $reason }
store-file-failed = The settings file { $path } could not be written, so nothing was saved: { $reason }
store-file-corrupt = The settings file could not be read and was kept aside as { $path }. Your earlier accounts are in that file.
store-saved = Saved: the code is in the { $keyring }, the server settings in { $path }.
store-removed = Removed { $address }.
store-still-handed = Still set up in: { $apps }. This app did not change them; remove the account there too if it should go.
list-separator = {", "}
list-and = { $first } and { $last }
handed-to = Handed to: { $apps }
store-not-found = No saved account { $address }.

## Command line
cli-about = Set up a QQ / 163 / company mailbox: get the authorization code, test IMAP and SMTP, save it safely.
cli-no-display = There is no graphical desktop here (for example over SSH), so the setup window cannot open. Run mailsetup on the computer's own desktop, or use the command line: mailsetup providers, mailsetup check ADDRESS --password-stdin (mailsetup --help lists everything).
cli-providers-header = Known mail providers:
cli-detect-found = { $address } → { $provider }
cli-detect-unknown = If you know the servers, give them with --imap HOST:PORT:tls and --smtp HOST:PORT:tls.
endpoint-line = { $protocol }: { $host }:{ $port } ({ $security }), user name { $username }
detect-admin-note = { $provider } hosts this company mail: your administrator may have to allow IMAP/SMTP for you first.
detect-source = Found through: { $source }
cli-steps-header = How to get the { $credential }:
cli-admin-step = (administrator)
cli-link = Open: { $url }
cli-password-stdin-required = The code is read from standard input only: add --password-stdin and pipe it in.
cli-password-read-failed = The code could not be read from standard input: { $reason }
cli-bad-endpoint = "{ $value }" is not a server: write HOST:PORT:tls or HOST:PORT:starttls, e.g. imap.qq.com:993:tls.
cli-bad-username = "{ $value }" cannot be a login name: it must not be empty or contain line breaks, and at most 255 characters.
ca-file-failed = The certificate file { $path } could not be used: { $reason }
cli-check-start = Testing { $address } …
cli-check-ok = { $protocol }: OK
cli-check-failed = { $protocol }: failed — { $advice }
cli-stage = { $stage } ({ $ms } ms)
server-said = Server said: { $text }
cli-help-link = Help: { $url }
cli-all-ok = Both work. You can use this account in your mail app.
cli-some-failed = The check failed. Fix what is described above and try again.
cli-accounts-empty = No accounts saved yet.
cli-accounts-header = Saved accounts:
cli-warning = Warning: { $text }
cli-lang-unknown = Unknown language "{ $lang }"; using English. Available: zh-CN, zh-TW, en.
cli-output-failed = Could not write the output: { $reason }. Check that the disk is not full, or send the output to another file.

## Wizard window
gui-language = Language
gui-address-label = Your email address
gui-address-placeholder = name@qq.com
gui-or-pick = Or pick your mail provider:
gui-other = Other
gui-detected = Recognised: { $provider }
unknown-provider = { $domain } is not in the list of known providers. Press Next to look up its mail servers, or pick who hosts it below.
gui-looking = Looking up the mail servers of { $domain } …
gui-next = Next
gui-back = Back
gui-saved-accounts = Saved accounts
gui-retest = Re-test
gui-remove = Remove
gui-remove-confirm = Remove { $address } and the code or password saved for it?
gui-steps-title = Get your { $credential } from { $provider }
gui-renew-notice = The saved { $credential } no longer works: the server refused it. Make a new one with these steps, then paste it here; every mail app it was handed to can be updated after the test.
gui-mend-hint = This account was handed to mail apps: they still have the old { $credential }.
gui-mend = Update { $apps } too
gui-phone-not-updated = { $app } cannot be updated from here: in the phone's account settings, type the new { $credential } as the password, or scan its QR code again ("Use it in my mail app").
gui-open-page = Open
gui-admin-badge = Administrator
gui-have-code = I have the code
gui-cred-title = Paste your { $credential }
gui-code-label = The { $credential }
gui-name-label = Your name, as recipients see it
gui-show = Show
gui-hide = Hide
gui-paste = Paste
gui-test = Test
gui-testing-title = Testing { $address } …
gui-cancel = Cancel
gui-waiting = Waiting
gui-seconds = { $seconds } s
gui-success-title = Both checks passed: receiving and sending work.
gui-success-next = Next, press "Use it in my mail app": Thunderbird is set up for you, and for Outlook, Foxmail, phones and the others every field, the { $credential } included, can be copied from there.
gui-failure-title = Something needs fixing
gui-server-settings = Server settings for your mail app
gui-done = Done
gui-add-another = Add another
gui-try-again = Try again
gui-copy-report = Copy report for support
gui-report-copied = Report copied. Paste it into your message to support.
gui-open-help = Open the page that fixes this
gui-saving = Saving …

## Discovery: where the servers were found
source-catalog = the list of known providers
source-mx = the domain's mail exchangers (MX records)
source-autoconfig = the domain's own setup file (autoconfig)
source-srv = the domain's service records (SRV)
source-ispdb = Thunderbird's provider database
source-guess = trying the usual server names
detect-offline = Nothing could be looked up for { $domain }: this computer seems to be offline (no lookup got an answer). Check the network connection, then try again.
detect-not-found = We could not find the mail servers of { $domain }. Check the address for typing mistakes; if it is right, ask your IT department or mail provider for the IMAP and SMTP server names.
gui-found = Found the mail servers of { $domain } through { $source }.
gui-found-servers = IMAP { $imap } · SMTP { $smtp }
gui-not-found = We could not find the mail servers of { $domain }. Check the address for typing mistakes; if it is right, choose "Enter servers yourself" (your IT department or mail provider can tell you the names).
gui-oauth-title = { $provider } only accepts sign-in in the browser
gui-open-site = Open { $site }
link-not-a-link = This is not a Mail Setup link. Ask support to send it again, or fill in the form below.
link-unknown-parameter = The setup link has a part this app does not know ("{ $value }"), so it was not used. Ask support to send it again, or fill in the form below.
link-repeated = The setup link gives "{ $value }" twice, so it was not used. Ask support to send it again, or fill in the form below.
link-unknown-provider = The setup link names a mail provider this app does not know ("{ $value }"), so it was not used. Pick your provider below.
link-bad-address = The setup link's address ("{ $value }") is not an email address, so it was not used. Type your address below.
link-unknown-lang = The setup link's language ("{ $value }") is not known, so it was not used. Switch the language at the top right.
gui-open-failed = No browser opened. Copy this address into one: { $url }
gui-copy = Copy
gui-clipboard-offer = There is a { $credential } on the clipboard. Use it?
gui-use-and-test = Use it and test
gui-not-now = No
gui-copied = Copied
saved = Saved: the { $credential } is in the { $keyring }, and the server settings are kept so you can re-test next time.
gui-manual-title = Enter the servers yourself
gui-manual-intro = Your IT department or mail provider can tell you these; their help pages usually list them. Security is SSL/TLS or STARTTLS only: an unencrypted connection would give your password away, so this app never uses one.
gui-manual-imap = Incoming mail server (IMAP)
gui-manual-smtp = Outgoing mail server (SMTP)
gui-manual-host = Server name, e.g. imap.example.com
gui-manual-port = Port
gui-manual-login = Login name
gui-manual-login-hint = Usually your full email address
gui-manual-bad-host = This is not a server name; it looks like imap.example.com.
gui-manual-bad-port = The port is a number from 1 to 65535.
gui-manual-bad-login = Enter the login name (usually your full email address).
gui-manual-link = Enter servers yourself
gui-generic-title = Get ready to sign in to { $name }
gui-generic-password = Company and self-hosted mail servers usually take your normal mailbox password. If your administrator has turned on two-step sign-in, create an app password and use that instead.
gui-enable-header = Do this first:
gui-docs-header = Help from your mail provider:
gui-have-password = Continue
credential-password = password

detect-setup-failed = Could not start looking for the mail servers: { $reason }
gui-ask-replace = An account for { $address } is already saved. Replace it with this one?
gui-replace = Replace
gui-keep = Keep the saved one
gui-kept = Nothing changed: the saved account for { $address } was kept.
store-exists = An account for { $address } is already saved. Add --replace to replace it.
report-no-code = The sign-in was not tested: no code was given and none is saved for this address. Add --password-stdin to test it.
export-no-password-in-xml = A Thunderbird file cannot carry a password; Thunderbird asks for it when the account is added.
export-no-saved-code = No code is saved for this address, so none can be included.
export-write-failed = The file { $path } could not be written: { $reason }
export-written = Written to { $path }.
gui-export-thunderbird = Save for Thunderbird
gui-export-apple = Save for Apple Mail / iPhone
gui-open-folder = Show folder

# Badges on the start screen's provider tiles (short marks, not the providers' logos).
badge-qq = QQ
badge-netease-163 = 163
badge-netease-126 = 126
badge-exmail = EX
badge-netease-qiye = NetEase
badge-aliyun = Ali
badge-gmail = G
badge-outlook = O
badge-icloud = i

## Browser sign-in (OAuth 2.0)
advice-oauth-refused = The mail server { $host } did not accept the sign-in. Sign in again with your account in the browser; if it keeps happening, check that IMAP is on for your mailbox.
oauth-button = { $client ->
    [microsoft] Sign in with Microsoft
   *[google] Sign in with Google
}
oauth-gmail-alternative = No app password yet? Sign in with your Google account in the browser instead: no 2-Step Verification needed.
oauth-no-client = This copy of Mail Setup cannot sign in to { $provider } itself (it was built without a { $provider } registration). Your mail app can: Thunderbird, Outlook, Apple Mail and iPhone Mail sign in on their own: add the account there and sign in when it asks.
oauth-denied = Access was not allowed on { $provider }'s page, so Mail Setup cannot use the mailbox. Sign in again and choose Accept (Allow).
oauth-timeout = No sign-in came back from the browser within { $minutes } minutes. Sign in again, and finish on the page that opens.
oauth-revoked = The saved sign-in no longer works (the password was changed or access was removed). Sign in again with your account in the browser.
oauth-failed = Signing in did not work ({ $reason }). Check the network and sign in again.
oauth-no-refresh = { $provider } did not let Mail Setup keep the sign-in. Sign in again and allow every permission asked for.
oauth-cancelled = Sign-in cancelled.
oauth-not-offered = { $provider } has no browser sign-in: use its authorization code with --password-stdin.
oauth-page-done = Signed in. You can close this tab and go back to Mail Setup.
oauth-page-denied = Access was not allowed. You can close this tab; Mail Setup says what to do next.
oauth-page-refused = This page is not part of a sign-in that Mail Setup started. You can close it.
oauth-waiting-title = Sign in with { $provider } in your browser
oauth-waiting-hint = Finish signing in on the page that opened, then come back here. Mail Setup waits up to { $minutes } minutes.
oauth-waiting-url = No page opened? Copy this address into your browser on this computer:
oauth-again = Sign in again
cli-oauth-open = Opening { $provider }'s sign-in page in your browser. Waiting up to { $minutes } minutes…
cli-oauth-url = Open this address in a browser on this computer and sign in (it comes back to 127.0.0.1). Waiting up to { $minutes } minutes…
cli-oauth-signed-in = Signed in. Testing IMAP and SMTP with the sign-in…
sign-in-password = password
sign-in-oauth = browser sign-in (OAuth)
store-saved-oauth = Saved: the sign-in went into { $keyring } and the server settings into { $path }.
saved-oauth = The sign-in is kept in { $keyring }; a later test signs in with it again without the browser.
gui-success-next-oauth = Next, press "Use it in my mail app": Thunderbird is set up for you and signs in with { $provider } itself; for the others every server setting can be copied from there.
cli-sign-in = Sign-in: { $kind }

## The hand-off to the user's mail app
app-thunderbird = Thunderbird
app-evolution = Evolution
app-outlook = Outlook
app-foxmail = Foxmail
app-windows-mail = Windows Mail
app-mail-master = NetEase Mail Master
app-apple-mail = Apple Mail
app-iphone = iPhone / iPad Mail
app-android = Android mail apps
app-program = Another program (script, msmtp, mbsync, neomutt)
handoff-way-direct = set up directly by this app
handoff-way-guided = guided, each field with Copy
handoff-installed = on this computer
handoff-not-installed = not found here
handoff-phone = on your phone: scan its QR code in the window
handoff-retired-windows-mail = stopped sending and receiving on 31 December 2024; Microsoft moved its users to the new Outlook: use Outlook
cli-app-line = { $name } ({ $here }): { $way }
handoff-added = { $address } is now in { $app }, with its code ({ $profile }). Start { $app }: it signs in by itself.
handoff-added-asks = { $address } is now in { $app } ({ $profile }). When { $app } starts it asks for the code once: paste it there.
cli-handoff-asks-secret = To paste it there, `mailsetup secret { $address }` prints the { $credential } (or copy it in the window: "Use it in my mail app").
handoff-added-oauth = { $address } is now in { $app } ({ $profile }). When { $app } starts it opens the provider's sign-in page: sign in there once.
handoff-ca-thunderbird = Its server uses your company's own certificate: when Thunderbird warns about the certificate of { $host }, choose "Confirm Security Exception" (with "Permanently store this exception" ticked).
handoff-ca-evolution = Its server uses your company's own certificate: when Evolution asks whether to trust the certificate of { $host }, choose "Accept Permanently".
handoff-already = { $app } already has { $address } ({ $profile }); nothing was changed.
handoff-updated = { $app } already had { $address } ({ $profile }) with another code: it now has the new one. Start { $app }: it signs in with it.
handoff-running = { $app } is open. Quit { $app }, then try again; nothing was changed.
handoff-no-profile = No Thunderbird profile was found. Start Thunderbird once and quit it, then try again.
handoff-no-profile-at = There is no Thunderbird profile at { $path }.
handoff-unreadable = { $path } could not be read, so the profile was left untouched. Add the account in Thunderbird yourself (the Thunderbird menu → Account Settings → Account Actions → Add Mail Account).
handoff-primary-password = This Thunderbird profile is protected by a primary password, so this app cannot save the code in it; nothing was changed. Add the account in Thunderbird (the Thunderbird menu → Account Settings → Account Actions → Add Mail Account) and paste the code when it asks.
handoff-passwords-failed = Thunderbird's password store in { $path } could not be used ({ $reason }); nothing was changed.
handoff-failed = { $path } could not be written ({ $reason }); the files as they were are kept beside it.
cli-secret-oauth = This account signs in through the browser, so it has no code. Add --access-token for a fresh access token.
cli-secret-not-oauth = --access-token is for accounts that sign in through the browser; this one has a code: leave --access-token out.
report-no-code-for = No code is saved for { $address } any more. Test the account again in the wizard to save it.
gui-mailapp-button = Use it in my mail app
gui-mailapp-title = Where will you read this mail?
gui-mailapp-hint = Pick your mail app. Those marked ✓ are on this computer. Thunderbird and Evolution are set up for you and phones scan a QR code; for the others, follow the app's steps and copy each field from here.
gui-tb-direct = This app writes the account and its code into Thunderbird, so Thunderbird signs in by itself. Quit Thunderbird first.
gui-tb-profile = Profile:
gui-add-to-thunderbird = Add to Thunderbird
gui-success-next-direct = Next, press "Add to { $app }": this app sets the account up in { $app } for you. For Outlook, Foxmail, phones and the others, press "Use it in my mail app".
gui-open-app = Open { $app }
gui-open-app-failed = { $app } did not start ({ $reason }). Start it yourself: the account is already there.
gui-field-address = Email address
gui-field-username = User name
gui-field-imap-host = Incoming server (IMAP)
gui-field-imap-port = Incoming port
gui-field-imap-security = Incoming security
gui-field-smtp-host = Outgoing server (SMTP)
gui-field-smtp-port = Outgoing port
gui-field-smtp-security = Outgoing security
gui-copied-field = Copied: the clipboard now holds "{ $value }".
gui-copied-secret = Copied: the clipboard now holds the { $credential }. Paste it where the app asks for the password.
gui-secret-gone = The { $credential } is no longer in the keyring. Test the account again to save it.
gui-guide-oauth = This account signs in through the browser: in the app choose OAuth2 ("Sign in with Microsoft / Google"); no password is needed.
guide-thunderbird = In Thunderbird: the Thunderbird menu → Account Settings → Account Actions → Add Mail Account. Enter the address and the { $credential } as the password, then "Configure manually" and copy the servers from here.
guide-evolution = In Evolution: Edit → Accounts → Add → Mail Account. Receiving: IMAP; Sending: SMTP. Enter the servers from here; when Evolution asks for the password, paste the { $credential }.
guide-outlook = In Outlook: File → Add Account (new Outlook: Settings → Accounts → Add account). Enter the address, then "Advanced options" → "Let me set up my account manually" → IMAP. Copy the servers from here and paste the { $credential } as the password.
guide-foxmail = In Foxmail: the menu at the top right → Accounts → New. Enter the address and the { $credential } as the password; if it is not found, choose "Manual" → IMAP and copy the servers from here.
gui-windows-mail-retired = Windows Mail stopped sending and receiving mail on 31 December 2024: Microsoft moved its users to the new Outlook, which comes with Windows. Set the account up in Outlook instead.
guide-mail-master = In NetEase Mail Master: Add mailbox → enter the address → enter the { $credential } as the password. For other mailboxes choose manual settings (IMAP) and copy the servers from here.
guide-apple-mail = In Apple Mail on a Mac: Mail → Add Account → Other Mail Account. Enter the address and the { $credential } as the password; when it asks, copy the servers from here.
guide-iphone = On an iPhone or iPad: Settings → Mail → Accounts → Add Account → Other → Add Mail Account → IMAP. Type the fields shown here; the password is the { $credential }.
guide-android = On Android (Gmail app): Settings → Add account → Other → enter the address → Manual setup → Personal (IMAP). Type the fields shown here; the password is the { $credential }.
guide-program = For a program: "mailsetup secret ADDRESS" prints the { $credential } alone (msmtp: passwordeval; mbsync: PassCmd), and "mailsetup secret ADDRESS --access-token" a fresh token for a browser sign-in. The servers are below.
gui-mail-app-short = Mail app
gui-evolution-direct = This app writes the account into Evolution and its code into the keyring, so Evolution signs in by itself. Quit Evolution first.
gui-add-to-evolution = Add to Evolution
cli-steps-oauth-header = How to sign in through the browser:
gui-phone-include-code = Put the { $credential } in it too, so the phone asks for nothing (anyone who gets it can read your mail)
gui-phone-iphone-intro = Quickest: the iPhone sets itself up from a profile with these settings.
gui-phone-iphone-show = Show a QR code for the iPhone
gui-phone-save-profile = Save the profile file
gui-phone-iphone-scan = Open the iPhone's Camera and point it at this code (the iPhone must be on the same Wi-Fi as this computer). Tap the link and allow the download, then open Settings → Profile Downloaded → Install. The link works once, for 10 minutes.
gui-phone-waiting = Waiting for the iPhone…
gui-phone-fetched = The iPhone has the profile. On the iPhone, open Settings → Profile Downloaded → Install.
gui-phone-fetched-no-code = The iPhone has the profile. On the iPhone, open Settings → Profile Downloaded → Install. When it asks for the password, type the { $credential } (not the mailbox's login password).
phone-expired = The link has expired. Show a new QR code to try again.
gui-phone-saved = Saved as { $path }. Send it to yourself by mail or AirDrop and open it on the iPhone, then Settings → Profile Downloaded → Install.
gui-phone-android-intro = With Thunderbird for Android nothing needs typing: it imports this account from a QR code.
gui-phone-android-intro-no-code = Thunderbird for Android imports this account from a QR code; without the { $credential } in it, the phone asks for the { $credential } once.
gui-android-client-info = NetEase accepts Thunderbird for Android only when it says who it is: in the account's settings, under Incoming server, tick "Send client information" (else its folders stay empty with "Unsafe Login").
gui-phone-android-show = Show the QR code
gui-phone-android-scan = In Thunderbird for Android: Add account → Import settings → Scan QR code, then point the phone at this code.
gui-phone-hide = Hide the QR code
phone-no-network = This computer is not on a network the phone can reach. Put both on the same Wi-Fi, or save the profile file and send it to yourself.
phone-listen-failed = The link could not be offered ({ $reason }). Save the profile file instead and send it to yourself.
phone-no-code = No { $credential } is saved for this account. Test the account again, or leave the { $credential } out.
gui-ca-pick = Use the certificate file from IT…
gui-ca-title = Trust this certificate for { $host } only?
gui-ca-subject = Issued to: { $name }
gui-ca-issuer = Issued by: { $name }
gui-ca-fingerprint = SHA-256 fingerprint: { $fingerprint }
gui-ca-compare = Compare the fingerprint with the one your IT department gives you. It is trusted only for this account's servers, and kept with the account.
gui-ca-trust = Trust it and test again
ca-not-a-certificate = { $path } is not a certificate. Choose the file your IT department sent (.pem, .crt or .cer).
ca-unreadable = { $path } could not be read: { $reason }
gui-oauth-no-client = This copy of Mail Setup cannot sign in to { $provider } itself, but your mail app can: Thunderbird, Outlook, Apple Mail and iPhone Mail sign in to Microsoft on their own. Choose your mail app next; when it opens the sign-in page, sign in there.
gui-oauth-via-mail-app = Set it up in my mail app

## The round trip: a test message to yourself
round-trip-choice = Send a test message to myself (it is removed again)
round-trip-subject = { app-name } test message
round-trip-body = { app-name } sent this message to check that your mailbox can send and receive mail. It removes it again at once; if you still see it, you can delete it.
round-trip-arrived = The test message arrived in your inbox after { $seconds } s.
round-trip-junk = The test message arrived, but in the spam folder “{ $folder }” (after { $seconds } s). Add your own address to your contacts or the safe senders list in the webmail, so mail from you is not filtered.
round-trip-not-yet = The test message was sent, but it had not arrived after { $seconds } s. Sending works; receiving may be slow. Look in your inbox in a few minutes.
round-trip-unknown = The test message was sent, but this server would not let { app-name } look for it. Look in your inbox: it should be there, and you can delete it.
round-trip-left = The test message stays in “{ $folder }”: this server cannot remove one message without touching others. Delete it yourself.
round-trip-waiting = Waiting for the test message… { $seconds } s

## mailsetup repair: the saved code stopped working
cli-repair-start = Re-testing { $address } with the saved { $credential } …
cli-repair-works = The saved { $credential } still works for receiving and sending.
cli-repair-refused = The saved { $credential } no longer works: both servers refused it. A new one is needed.
cli-repair-failed = The re-test failed for another reason, so it is not known whether the { $credential } still works; nothing was changed. Fix what is said above, then run mailsetup repair { $address } again.
cli-repair-no-secret = No { $credential } is saved in the system keyring for { $address }: a new one is needed.
cli-repair-ask = Paste the new { $credential } for { $address } (it is not shown) and press Enter:
cli-repair-testing-new = Testing the new { $credential } …
cli-repair-new-failed = The new { $credential } did not work either; nothing was changed.
cli-repair-saved = The new { $credential } is saved in the system keyring.
cli-repair-none-handed = This app did not hand { $address } to any mail app: put the new { $credential } into yours where it asks for the password.
repair-oauth-apps = { $apps } sign in through { $provider }'s page themselves: there is nothing to update there.
cli-repair-phone = { $app }: a phone cannot be updated from this computer. Enter the new { $credential } as the account's password on the phone, or give it the account again: { $command }
cli-repair-done = Every mail app it was handed to has the { $credential } that works.
cli-repair-left = Not updated: { $apps }. Put right what is said above (quit an app that is open), then run mailsetup repair { $address } again; the system keyring already holds the { $credential } that works.
cli-repair-needs-code = The saved { $credential } was refused and a new one is needed: add --password-stdin and pipe it in, or run this in a terminal to be asked for it.
