// hoodiecrow-imap, an IMAP server other than Dovecot and pymap, with implicit TLS and LOGIN only
// (no AUTH=PLAIN plugin): a password that quoted strings cannot carry must come as a literal.
// Usage: node hoodiecrow.cjs CERT KEY USER PASSWORD-FILE PORT [literal+]
"use strict";
const fs = require("fs");
const hoodiecrow = require("hoodiecrow-imap");
const [cert, key, user, passFile, port, plus] = process.argv.slice(2);
const users = {};
users[user] = { password: fs.readFileSync(passFile, "utf8") };
hoodiecrow({
  secureConnection: true,
  credentials: { key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
  plugins: ["ID"].concat(plus === "literal+" ? ["LITERALPLUS"] : []),
  users,
  storage: { INBOX: { messages: [] } },
}).listen(Number(port), "127.0.0.1");
