//! A LOGIN whose password goes as an IMAP literal. RFC 3501's quoted strings are 7-bit, and
//! servers differ on escaped `"` and `\` in them (hoodiecrow refuses them), but async-imap only
//! sends quoted strings. So for a server that offers no AUTHENTICATE PLAIN, async-imap's LOGIN
//! carries a placeholder, and the connection's recorder swaps it on the way out for a literal:
//! `{n+}` and the bytes at once where LITERAL+ is offered, else `{n}`, the bytes following the
//! server's `+` (which async-imap never sees).

use zeroize::Zeroizing;

/// Whether this password must go as a literal rather than a quoted string.
pub(crate) fn needed(password: &str) -> bool {
    password
        .bytes()
        .any(|b| !b.is_ascii() || b == b'"' || b == b'\\')
}

pub(crate) struct Literal {
    /// The placeholder as async-imap writes it: quoted.
    quoted: Vec<u8>,
    bytes: Zeroizing<Vec<u8>>,
    plus: bool,
    state: State,
}

enum State {
    Armed,
    /// `{n}` went out; the bytes (and the rest of the command) wait for the server's `+`.
    Waiting(Zeroizing<Vec<u8>>),
    Done,
}

/// What to do with a line the server sent while the literal waits.
pub(crate) enum Incoming {
    /// The `+`: swallowed, and these bytes go out now.
    Send(Zeroizing<Vec<u8>>),
    /// Anything else (a refusal): passed on; the literal is dropped.
    Pass,
}

impl Literal {
    /// The literal for `password`, and the placeholder to give async-imap's `login`.
    pub(crate) fn new(password: &str, plus: bool) -> (Self, String) {
        let placeholder = format!("mailsetup-literal-{}", uuid::Uuid::new_v4().simple());
        let literal = Self {
            quoted: format!("\"{placeholder}\"").into_bytes(),
            bytes: Zeroizing::new(password.as_bytes().to_vec()),
            plus,
            state: State::Armed,
        };
        (literal, placeholder)
    }

    pub(crate) fn waiting(&self) -> bool {
        matches!(self.state, State::Waiting(_))
    }

    /// What goes out instead of `buf`, once: `None` leaves it as it is.
    pub(crate) fn outgoing(&mut self, buf: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        if !matches!(self.state, State::Armed) {
            return None;
        }
        let at = buf
            .windows(self.quoted.len())
            .position(|w| w == self.quoted)?;
        let (head, tail) = (&buf[..at], &buf[at + self.quoted.len()..]);
        let n = self.bytes.len();
        let mut out = Zeroizing::new(head.to_vec());
        if self.plus {
            out.extend_from_slice(format!("{{{n}+}}\r\n").as_bytes());
            out.extend_from_slice(&self.bytes);
            out.extend_from_slice(tail);
            self.state = State::Done;
        } else {
            out.extend_from_slice(format!("{{{n}}}\r\n").as_bytes());
            let mut rest = Zeroizing::new(self.bytes.to_vec());
            rest.extend_from_slice(tail);
            self.state = State::Waiting(rest);
        }
        Some(out)
    }

    /// More of the command written while the literal waits: it goes after the password.
    pub(crate) fn hold(&mut self, more: &[u8]) {
        if let State::Waiting(rest) = &mut self.state {
            rest.extend_from_slice(more);
        }
    }

    /// A whole line from the server while the literal waits.
    pub(crate) fn incoming(&mut self, line: &[u8]) -> Incoming {
        let state = std::mem::replace(&mut self.state, State::Done);
        match state {
            State::Waiting(rest) if line.starts_with(b"+") => Incoming::Send(rest),
            // An untagged line first (rare): keep waiting for the `+`.
            State::Waiting(rest) if line.starts_with(b"*") => {
                self.state = State::Waiting(rest);
                Incoming::Pass
            }
            _ => Incoming::Pass,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = " co\"rr\\ect horse² Ｐ密码 ";

    fn login(placeholder: &str) -> Vec<u8> {
        format!("A0001 LOGIN \"zsan\" \"{placeholder}\"\r\n").into_bytes()
    }

    #[test]
    fn what_needs_a_literal() {
        assert!(needed(PASS));
        assert!(needed("q\"uote"));
        assert!(needed("back\\slash"));
        assert!(!needed("abcdefghijklmnop"));
        assert!(!needed("p@ss w0rd!*%{1}"));
    }

    #[test]
    fn literal_plus_goes_at_once() {
        let (mut l, ph) = Literal::new(PASS, true);
        let out = l.outgoing(&login(&ph)).expect("rewritten");
        let want = format!("A0001 LOGIN \"zsan\" {{{}+}}\r\n{PASS}\r\n", PASS.len());
        assert_eq!(out.as_slice(), want.as_bytes());
        assert!(!l.waiting());
        assert!(l.outgoing(&login(&ph)).is_none(), "once only");
    }

    #[test]
    fn a_synchronising_literal_waits_for_the_plus() {
        let (mut l, ph) = Literal::new(PASS, false);
        let out = l.outgoing(&login(&ph)).expect("rewritten");
        let n = PASS.len();
        assert_eq!(
            out.as_slice(),
            format!("A0001 LOGIN \"zsan\" {{{n}}}\r\n").as_bytes()
        );
        assert!(l.waiting());
        // A write of its own while waiting goes after the password.
        l.hold(b"");
        assert!(matches!(l.incoming(b"* OK still here\r\n"), Incoming::Pass));
        let Incoming::Send(rest) = l.incoming(b"+ Ready for literal data\r\n") else {
            panic!("the + releases the bytes");
        };
        assert_eq!(rest.as_slice(), format!("{PASS}\r\n").as_bytes());
        assert!(!l.waiting());
    }

    #[test]
    fn a_refusal_instead_of_the_plus_drops_the_literal() {
        let (mut l, ph) = Literal::new(PASS, false);
        let _ = l.outgoing(&login(&ph));
        assert!(matches!(
            l.incoming(b"A0001 BAD no literals\r\n"),
            Incoming::Pass
        ));
        assert!(!l.waiting());
    }

    #[test]
    fn other_commands_pass_untouched() {
        let (mut l, _) = Literal::new(PASS, true);
        assert!(l.outgoing(b"A0001 CAPABILITY\r\n").is_none());
    }
}
