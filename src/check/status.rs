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

/// A check's verdict: one status, a one-line message, the facts a support person wants, and
/// what to do next.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Outcome {
    pub status: Status,
    pub message: String,
    pub facts: Map<String, Value>,
    pub advice: Option<String>,
}

impl Outcome {
    pub fn new(status: Status, message: impl Into<String>) -> Outcome {
        Outcome {
            status,
            message: message.into(),
            facts: Map::new(),
            advice: None,
        }
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
            message: outcome.message,
            facts: outcome.facts,
            advice: outcome.advice,
            elapsed_ms,
        }
    }
}
