//! What a probe reports: the protocol, the stages, how a failure is classified, the live
//! progress and the finished report. Data only; the machinery that fills it is in `probe`.

use serde::{Deserialize, Serialize};
use tokio::sync::mpsc::UnboundedSender;

use crate::catalog::Endpoint;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Imap,
    Smtp,
}

impl Protocol {
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Imap => "imap",
            Protocol::Smtp => "smtp",
        }
    }

    pub fn message_id(self) -> &'static str {
        match self {
            Protocol::Imap => crate::i18n::msg::PROTOCOL_IMAP,
            Protocol::Smtp => crate::i18n::msg::PROTOCOL_SMTP,
        }
    }
}

/// One step of a probe; its `as_str` names are part of the `--json` output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Resolve,
    Connect,
    Tls,
    Greeting,
    Capability,
    Starttls,
    Id,
    Login,
    Select,
    Logout,
    Ehlo,
    Auth,
    Send,
    /// Watching for the test message (round trip).
    Receive,
    /// Removing the test message.
    Remove,
    Quit,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Resolve => "resolve",
            Stage::Connect => "connect",
            Stage::Tls => "tls",
            Stage::Greeting => "greeting",
            Stage::Capability => "capability",
            Stage::Starttls => "starttls",
            Stage::Id => "id",
            Stage::Login => "login",
            Stage::Select => "select",
            Stage::Logout => "logout",
            Stage::Ehlo => "ehlo",
            Stage::Auth => "auth",
            Stage::Send => "send",
            Stage::Receive => "receive",
            Stage::Remove => "remove",
            Stage::Quit => "quit",
        }
    }

    pub fn message_id(self) -> &'static str {
        use crate::i18n::msg;
        match self {
            Stage::Resolve => msg::STAGE_RESOLVE,
            Stage::Connect => msg::STAGE_CONNECT,
            Stage::Tls => msg::STAGE_TLS,
            Stage::Greeting => msg::STAGE_GREETING,
            Stage::Capability => msg::STAGE_CAPABILITY,
            Stage::Starttls => msg::STAGE_STARTTLS,
            Stage::Id => msg::STAGE_ID,
            Stage::Login => msg::STAGE_LOGIN,
            Stage::Select => msg::STAGE_SELECT,
            Stage::Logout => msg::STAGE_LOGOUT,
            Stage::Ehlo => msg::STAGE_EHLO,
            Stage::Auth => msg::STAGE_AUTH,
            Stage::Send => msg::STAGE_SEND,
            Stage::Receive => msg::STAGE_RECEIVE,
            Stage::Remove => msg::STAGE_REMOVE,
            Stage::Quit => msg::STAGE_QUIT,
        }
    }
}

/// The classified cause of a failure; `as_str` names are part of the `--json` output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Dns,
    Refused,
    Timeout,
    Tls,
    StarttlsUnavailable,
    /// The port speaks the other security: plain text where SSL/TLS was set, or SSL/TLS where
    /// STARTTLS was set.
    SecurityMismatch,
    Auth,
    /// The server offers no sign-in, or none this app speaks (CRAM-MD5 only, XOAUTH2 only…).
    AuthUnsupported,
    /// A temporary refusal (SMTP 4xx) that does not say the credential is wrong.
    Temporary,
    /// Signed in, but the test message was refused (its recipient, the sender, or a policy).
    SendRefused,
    ServiceDisabled,
    ClientNotAllowed,
    RateLimited,
    Protocol,
}

impl ErrorKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Dns => "dns",
            ErrorKind::Refused => "refused",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Tls => "tls",
            ErrorKind::StarttlsUnavailable => "starttls_unavailable",
            ErrorKind::SecurityMismatch => "security_mismatch",
            ErrorKind::Auth => "auth",
            ErrorKind::AuthUnsupported => "auth_unsupported",
            ErrorKind::Temporary => "temporary",
            ErrorKind::SendRefused => "send_refused",
            ErrorKind::ServiceDisabled => "service_disabled",
            ErrorKind::ClientNotAllowed => "client_not_allowed",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Protocol => "protocol",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TlsReason {
    UnknownIssuer,
    NameMismatch,
    Expired,
    Incompatible,
    Other,
}

impl TlsReason {
    pub fn as_str(self) -> &'static str {
        match self {
            TlsReason::UnknownIssuer => "unknown_issuer",
            TlsReason::NameMismatch => "name_mismatch",
            TlsReason::Expired => "expired",
            TlsReason::Incompatible => "incompatible",
            TlsReason::Other => "other",
        }
    }
}

/// A failed probe: where, why, and what the server said. Never contains the secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{} failed at {}: {} ({detail})", .kind.as_str(), .stage.as_str(), .kind.as_str())]
pub struct ProbeError {
    pub stage: Stage,
    pub kind: ErrorKind,
    pub tls_reason: Option<TlsReason>,
    /// The server's own reply, decoded (UTF-8, else GBK).
    pub server_text: Option<String>,
    /// Our own technical description, for the support report.
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StageTiming {
    pub stage: Stage,
    pub ms: u64,
    pub ok: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum StageState {
    Started,
    Done { ms: u64 },
    Failed { ms: u64 },
}

/// Sent as each stage starts and ends, so a UI can show live progress.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub protocol: Protocol,
    pub stage: Stage,
    pub state: StageState,
}

pub type ProgressSink = UnboundedSender<Progress>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProbeReport {
    pub protocol: Protocol,
    pub endpoint: Endpoint,
    pub stages: Vec<StageTiming>,
    pub error: Option<ProbeError>,
    pub total_ms: u64,
}

impl ProbeReport {
    pub fn ok(&self) -> bool {
        self.error.is_none()
    }
}
