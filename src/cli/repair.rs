//! `mailsetup repair ADDRESS`: support staff on a call after the provider stopped taking the
//! saved code. The saved code is re-tested; if both servers refuse it, a new one is read (standard
//! input, or asked for in a terminal), tested against the same servers, saved, and given to
//! every mail app the account was handed to (`setup::repair`, `setup::mend`). Nothing is
//! changed unless the new code works; an app that could not be updated is named, exit 1.

use std::io::IsTerminal;

use mailsetup::apps::{HandOff, MailApp};
use mailsetup::check::CheckReport;
use mailsetup::i18n::{Localizer, msg};
use mailsetup::oauth::OAuthError;
use mailsetup::present::json::{MendResult, MendedJson, RepairJson};
use mailsetup::present::messages;
use mailsetup::setup::repair::{self, Verdict};
use mailsetup::setup::{self, Credential, Outcome, SignIn, Target};
use mailsetup::store::{Account, Store};

use super::*;

pub(super) fn repair(l: &Localizer, a: RepairArgs) -> Result<(), Exit> {
    let address = parse_address(l, &a.address)?;
    let store = Store::open_default().map_err(|e| Exit(1, messages::store_error(l, &e)))?;
    let store_err = |e| Exit(1, messages::store_error(l, &e));
    let found = store.find(&address.to_string()).map_err(store_err)?;
    let account = found.ok_or_else(|| {
        let args = [("address", address.to_string().into())];
        Exit(1, l.tr_args(msg::STORE_NOT_FOUND, &args))
    })?;
    let r = Repair::new(l, &a, &store, account);
    let saved = store.secret(&r.account.address).map_err(store_err)?;
    let (verdict, retest) = match saved {
        Some(secret) => {
            r.say(msg::CLI_REPAIR_START);
            let outcome = r.check(repair::saved_credential(&r.account, secret))?;
            (repair::verdict(&outcome), outcome)
        }
        None => {
            r.say(msg::CLI_REPAIR_NO_SECRET);
            let none = Err(OAuthError::NoRefreshToken);
            (Verdict::Refused, none)
        }
    };
    let report = match verdict {
        Verdict::Failed => return Err(r.failed(&retest)),
        Verdict::Works => {
            r.say(msg::CLI_REPAIR_WORKS);
            retest.ok().map(|o| o.report)
        }
        Verdict::Refused => {
            r.say(msg::CLI_REPAIR_REFUSED);
            Some(r.renew()?)
        }
    };
    r.mend(verdict, report.as_ref())
}

/// One repair: what it was asked, of which account, and how it speaks.
struct Repair<'a> {
    l: &'a Localizer,
    a: &'a RepairArgs,
    store: &'a Store,
    account: Account,
    credential: String,
}

impl<'a> Repair<'a> {
    fn new(l: &'a Localizer, a: &'a RepairArgs, store: &'a Store, account: Account) -> Self {
        let credential = l.tr(Target::saved(&account).credential_id());
        Self {
            l,
            a,
            store,
            account,
            credential,
        }
    }

    /// A message with the address and the credential's name, as it reads there.
    fn text(&self, id: &str) -> String {
        let args = [
            ("address", self.account.address.clone().into()),
            ("credential", self.credential.clone().into()),
        ];
        self.l.tr_args(id, &args)
    }

    /// Progress, on standard error (standard output is the result, or the JSON).
    fn say(&self, id: &str) {
        if !self.a.json {
            errln!("{}", self.text(id));
        }
    }

    /// One check of the saved account's servers with `credential`.
    fn check(&self, credential: Credential) -> Result<Result<Outcome, OAuthError>, Exit> {
        let attempt = repair::attempt(self.store, &self.account, credential).ok_or_else(|| {
            let args = [("address", self.account.address.clone().into())];
            Exit(1, self.l.tr_args(msg::STORE_NOT_FOUND, &args))
        })?;
        let attempt = setup::Attempt {
            timeout: std::time::Duration::from_secs(self.a.timeout.max(1)),
            ..attempt
        };
        let prepared = attempt
            .prepare()
            .map_err(|e| Exit(2, messages::setup_error(self.l, &e)))?;
        Ok(runtime()?.block_on(prepared.run(None, None)))
    }

    /// The re-test failed for a reason a new code would not mend: said, nothing changed.
    fn failed(&self, outcome: &Result<Outcome, OAuthError>) -> Exit {
        match outcome {
            Ok(o) => self.print_check(&o.report),
            Err(e) => {
                let p = Target::saved(&self.account).provider();
                if let Some(p) = p.filter(|_| !self.a.json) {
                    errln!("{}", messages::oauth_error(self.l, e, p));
                }
            }
        }
        let check = outcome.as_ref().ok().map(|o| &o.report);
        self.print_json(Verdict::Failed, false, check, &[], Vec::new());
        Exit(1, self.quiet(self.text(msg::CLI_REPAIR_FAILED)))
    }

    /// With --json the sentence is in the JSON's notes: nothing more on standard error.
    fn quiet(&self, text: String) -> String {
        if self.a.json { String::new() } else { text }
    }

    /// A new code (or browser sign-in) tested against the same servers and, only if it works,
    /// saved in the old one's place. Returns its check.
    fn renew(&self) -> Result<CheckReport, Exit> {
        let credential = match self.account.sign_in {
            SignIn::Password => Credential::Password(self.new_code()?),
            SignIn::OAuth => self.sign_in_again()?,
        };
        self.say(msg::CLI_REPAIR_TESTING_NEW);
        let outcome = match self.check(credential)? {
            Ok(o) if repair::verdict_of(&o.report) == Verdict::Works => o,
            other => {
                if let Ok(o) = &other {
                    self.print_check(&o.report);
                }
                let check = other.as_ref().ok().map(|o| &o.report);
                self.print_json(Verdict::Refused, false, check, &[], Vec::new());
                return Err(Exit(1, self.quiet(self.text(msg::CLI_REPAIR_NEW_FAILED))));
            }
        };
        repair::keep(self.store, &self.account, &outcome.report, &outcome.keep)
            .map_err(|e| Exit(1, messages::store_error(self.l, &e)))?;
        self.say(msg::CLI_REPAIR_SAVED);
        Ok(outcome.report)
    }

    /// The new code: from standard input with --password-stdin, else asked for without echo
    /// where a terminal is there to ask. A code that cannot be right is refused before sending.
    fn new_code(&self) -> Result<secrecy::SecretString, Exit> {
        let provider = Target::saved(&self.account).provider();
        let secret = if self.a.password_stdin {
            read_secret(self.l, provider)?
        } else if std::io::stdin().is_terminal() {
            errln!("{}", self.text(msg::CLI_REPAIR_ASK));
            let typed = rpassword::read_password().map_err(|e| {
                let args = [("reason", e.to_string().into())];
                Exit(2, self.l.tr_args(msg::CLI_PASSWORD_READ_FAILED, &args))
            })?;
            setup::secret(provider, &typed)
        } else {
            return Err(Exit(2, self.text(msg::CLI_REPAIR_NEEDS_CODE)));
        };
        setup::check_credential(provider, &secret)
            .map_err(|e| Exit(2, messages::credential_error(self.l, &e)))?;
        Ok(secret)
    }

    /// A revoked browser sign-in: the provider's page again (`check --oauth`'s way).
    fn sign_in_again(&self) -> Result<Credential, Exit> {
        let target = Target::saved(&self.account);
        let address = parse_address(self.l, &self.account.address)?;
        let ca = self.store.ca_path(&self.account);
        let options = (self.a.no_browser, self.a.json);
        super::check::browser(self.l, options, &target, &address, ca.as_deref())
    }

    fn print_check(&self, report: &CheckReport) {
        if !self.a.json {
            super::check::print_human(self.l, report);
        }
    }
}

impl Repair<'_> {
    /// Every app the account was handed to gets the code that works (nothing changes where it
    /// has it already); a phone and a browser sign-in are said; exit 1 names what is left.
    fn mend(&self, verdict: Verdict, report: Option<&CheckReport>) -> Result<(), Exit> {
        let (direct, phones) = repair::reach(&self.account);
        let mut notes: Vec<String> = phones.iter().map(|h| self.phone_note(h)).collect();
        let mended = match self.account.sign_in {
            // The apps sign in through the provider's page themselves: nothing of ours to give.
            SignIn::OAuth => {
                notes.extend(self.oauth_note(&direct));
                Vec::new()
            }
            SignIn::Password if direct.is_empty() => Vec::new(),
            SignIn::Password => setup::mend(self.store, &self.account.address)
                .map_err(|e| Exit(1, self.add_to_error(&e)))?,
        };
        let account = self.store.find(&self.account.address).ok().flatten();
        let account = account.as_ref().unwrap_or(&self.account);
        let lines: Vec<MendedJson> = mended
            .iter()
            .map(|m| MendedJson::new(self.l, account, m))
            .collect();
        let left: Vec<HandOff> = (mended.iter())
            .filter(|(_, done)| done.is_err())
            .map(|(h, _)| h.clone())
            .collect();
        let renewed = verdict == Verdict::Refused;
        if self.account.handed.is_empty() && renewed {
            notes.push(self.text(msg::CLI_REPAIR_NONE_HANDED));
        } else if left.is_empty() && !mended.is_empty() {
            notes.push(self.text(msg::CLI_REPAIR_DONE));
        }
        let exit = (!left.is_empty()).then(|| self.left(&left));
        notes.extend(exit.clone());
        if self.a.json {
            self.print_json(verdict, renewed, report, &lines, notes);
        } else {
            self.print_lines(&lines, &notes, exit.as_deref());
        }
        match exit {
            Some(text) => Err(Exit(1, self.quiet(text))),
            None => Ok(()),
        }
    }

    fn print_lines(&self, lines: &[MendedJson], notes: &[String], exit: Option<&str>) {
        for m in lines {
            let mark = if m.result == MendResult::NotUpdated {
                "✗"
            } else {
                "✓"
            };
            outln!("{mark} {}", m.text);
        }
        // The sentence naming what is left goes to standard error with the exit code.
        for n in notes.iter().filter(|n| Some(n.as_str()) != exit) {
            outln!("{n}");
        }
    }

    fn left(&self, left: &[HandOff]) -> String {
        let args = [
            ("apps", messages::handed_names(self.l, left).into()),
            ("address", self.account.address.clone().into()),
            ("credential", self.credential.clone().into()),
        ];
        self.l.tr_args(msg::CLI_REPAIR_LEFT, &args)
    }

    /// A phone has its own copy: the user updates it there, or hands the account over again.
    fn phone_note(&self, h: &HandOff) -> String {
        let format = match h.app {
            MailApp::Iphone => "mobileconfig --include-password -o mail.mobileconfig",
            _ => "thunderbird-android --include-password",
        };
        let address = &self.account.address;
        let command = format!("mailsetup export {address} --format {format}");
        let args = [
            ("app", messages::app_name(self.l, h.app).into()),
            ("credential", self.credential.clone().into()),
            ("command", command.into()),
        ];
        self.l.tr_args(msg::CLI_REPAIR_PHONE, &args)
    }

    fn oauth_note(&self, direct: &[HandOff]) -> Option<String> {
        let provider = Target::saved(&self.account).provider()?;
        (!direct.is_empty())
            .then(|| messages::oauth_apps_sign_in_themselves(self.l, provider, direct))
    }

    /// `mend`'s own failure: the saved account could not be read (an app's is in its list, so
    /// the app named here never shows).
    fn add_to_error(&self, e: &setup::AddToError) -> String {
        messages::add_to_error(self.l, MailApp::Thunderbird, e, Path::new(""))
    }

    fn print_json(
        &self,
        verdict: Verdict,
        renewed: bool,
        check: Option<&CheckReport>,
        mended: &[MendedJson],
        mut notes: Vec<String>,
    ) {
        if !self.a.json {
            return;
        }
        let failed = match verdict {
            Verdict::Failed => Some(msg::CLI_REPAIR_FAILED),
            Verdict::Refused if !renewed => Some(msg::CLI_REPAIR_NEW_FAILED),
            _ => None,
        };
        notes.extend(failed.map(|id| self.text(id)));
        let ok = failed.is_none() && mended.iter().all(|m| m.result != MendResult::NotUpdated);
        print_json(&RepairJson {
            address: self.account.address.clone(),
            verdict,
            renewed,
            check: check.map(|r| mailsetup::present::json::CheckJson::new(self.l, r)),
            mended: mended.to_vec(),
            notes,
            ok,
        });
    }
}
