//! What a check concludes.
//!
//! The rule every check follows (trufflehog calls it verification indeterminacy): only an
//! answer the provider documents decides between `ok`, `warning`, `rejected` and
//! `misconfigured`. Anything the check does not explicitly recognise (a network failure, a
//! timeout, a 5xx, a 429, a body that does not parse, an unknown error code) is `unreachable`:
//! "could not tell", never "the key is wrong".

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warning,
    Rejected,
    Misconfigured,
    Unreachable,
    Skipped,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Ok,
        Status::Warning,
        Status::Rejected,
        Status::Misconfigured,
        Status::Unreachable,
        Status::Skipped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Rejected => "rejected",
            Status::Misconfigured => "misconfigured",
            Status::Unreachable => "unreachable",
            Status::Skipped => "skipped",
        }
    }

    /// A check that needs the admin's attention.
    pub fn is_problem(self) -> bool {
        matches!(
            self,
            Status::Rejected | Status::Misconfigured | Status::Unreachable
        )
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a result has its status: a stable, machine-readable code (the JSON `reason`), so that a
/// script can tell a DNS failure from a refused key without parsing the message. The list and
/// each code's meaning are published in `schema/integrate.schema.json` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The provider accepted the credentials (`ok`).
    Verified,
    /// Accepted, with something to look at: a deprecated API, a limited tier (`warning`).
    Attention,
    /// A credential is close to its expiry date (`warning`).
    Expiring,
    /// A value failed its local format check; no request was sent.
    Format,
    /// A required field has no value.
    MissingField,
    /// A configuration value cannot be used: an `endpoint` with a query, an unreadable keyring
    /// entry, an `{ env = .. }` reference to an unset variable, a value of the wrong type.
    Config,
    /// The credentials work but the provider-side setup is wrong (a missing bucket, a bot name
    /// that does not match, a phone number not in the account).
    Setup,
    /// The credentials lack a permission or scope the portal needs.
    Permission,
    /// The portal's own rules refuse this setup (its save validation, a plain-http portal).
    PortalRule,
    /// This machine's clock is too far off for signed requests.
    Clock,
    /// The provider, in its own answer format, refused the credentials.
    ProviderError,
    /// The host name did not resolve.
    Dns,
    /// No connection (refused, unreachable, a proxy that would not tunnel).
    Connect,
    /// The TLS handshake failed (an unknown CA, a proxy that inspects TLS).
    Tls,
    /// No answer within the timeout.
    Timeout,
    /// An HTTP status no mapping knows (5xx and the like).
    HttpStatus,
    /// HTTP 429: the provider is rate-limiting requests.
    RateLimited,
    /// An answer that does not parse, or that no mapping recognises.
    UnexpectedAnswer,
    /// Something in between (a proxy, a captive portal) answered instead of the provider.
    Intermediary,
    /// No live check exists for this provider; the format was checked locally (`skipped`).
    NoLiveCheck,
    /// The check itself failed; a bug to report.
    Internal,
}

impl Reason {
    /// Every code, in the order `schema/integrate.schema.json` lists them (a test compares).
    pub const ALL: [Reason; 21] = [
        Reason::Verified,
        Reason::Attention,
        Reason::Expiring,
        Reason::Format,
        Reason::MissingField,
        Reason::Config,
        Reason::Setup,
        Reason::Permission,
        Reason::PortalRule,
        Reason::Clock,
        Reason::ProviderError,
        Reason::Dns,
        Reason::Connect,
        Reason::Tls,
        Reason::Timeout,
        Reason::HttpStatus,
        Reason::RateLimited,
        Reason::UnexpectedAnswer,
        Reason::Intermediary,
        Reason::NoLiveCheck,
        Reason::Internal,
    ];

    /// The code a status has when its check did not say more.
    pub fn default_for(status: Status) -> Reason {
        match status {
            Status::Ok => Reason::Verified,
            Status::Warning => Reason::Attention,
            Status::Rejected => Reason::ProviderError,
            Status::Misconfigured => Reason::Setup,
            Status::Unreachable => Reason::UnexpectedAnswer,
            Status::Skipped => Reason::NoLiveCheck,
        }
    }
}

/// A check's verdict: one status, a one-line message, the facts a support person wants, and
/// what to do next.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Outcome {
    pub status: Status,
    /// Set by checks that know more than their status says; see [`Outcome::code`].
    pub reason: Option<Reason>,
    pub message: String,
    pub facts: Map<String, Value>,
    pub advice: Option<String>,
}

impl Outcome {
    pub fn new(status: Status, message: impl Into<String>) -> Outcome {
        Outcome {
            status,
            reason: None,
            message: message.into(),
            facts: Map::new(),
            advice: None,
        }
    }

    /// Says precisely why (`.reason(Reason::Permission)`); without it the status's default.
    pub fn reason(mut self, reason: Reason) -> Outcome {
        self.reason = Some(reason);
        self
    }

    /// The reason code: the one set, else the status's default.
    pub fn code(&self) -> Reason {
        self.reason
            .unwrap_or_else(|| Reason::default_for(self.status))
    }

    pub fn ok(message: impl Into<String>) -> Outcome {
        Outcome::new(Status::Ok, message)
    }

    pub fn warning(message: impl Into<String>) -> Outcome {
        Outcome::new(Status::Warning, message)
    }

    pub fn rejected(message: impl Into<String>) -> Outcome {
        Outcome::new(Status::Rejected, message)
    }

    pub fn misconfigured(message: impl Into<String>) -> Outcome {
        Outcome::new(Status::Misconfigured, message)
    }

    pub fn unreachable(message: impl Into<String>) -> Outcome {
        Outcome::new(Status::Unreachable, message)
    }

    pub fn skipped(message: impl Into<String>) -> Outcome {
        Outcome::new(Status::Skipped, message)
    }

    /// Adds a fact; `null` values are left out.
    pub fn fact(mut self, key: &str, value: impl Into<Value>) -> Outcome {
        let value = value.into();
        if !value.is_null() {
            self.facts.insert(key.to_string(), value);
        }
        self
    }

    pub fn advice(mut self, advice: impl Into<String>) -> Outcome {
        self.advice = Some(advice.into());
        self
    }

    /// Downgrades an `ok` to a `warning` with the reason appended; other statuses are kept.
    pub fn warn_if_ok(mut self, reason: &str) -> Outcome {
        if self.status == Status::Ok {
            self.status = Status::Warning;
            if self.reason == Some(Reason::Verified) {
                self.reason = None;
            }
            self.message = format!("{}; {reason}", self.message);
        }
        self
    }
}

/// One provider's checked result, as every output format prints it.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub provider: String,
    pub status: Status,
    pub reason: Reason,
    pub message: String,
    pub facts: Map<String, Value>,
    pub advice: Option<String>,
    pub elapsed_ms: u64,
}

impl CheckResult {
    pub fn new(provider: &str, outcome: Outcome, elapsed_ms: u64) -> CheckResult {
        CheckResult {
            provider: provider.to_string(),
            status: outcome.status,
            reason: outcome.code(),
            message: outcome.message,
            facts: outcome.facts,
            advice: outcome.advice,
            elapsed_ms,
        }
    }
}
