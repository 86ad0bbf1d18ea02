//! The process exit status, computed from results, never from global state.

use crate::check::Status;

/// What the process tells its caller. The numbers are part of the contract (spec, "Exit codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Every check `ok`, `warning` or `skipped`, or the command succeeded.
    Success,
    /// At least one check `rejected` or `misconfigured`.
    Failed,
    /// Bad usage, bad configuration or bad input; nothing was changed.
    Usage,
    /// No check failed, but at least one was `unreachable`.
    Unreachable,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failed => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Unreachable => 3,
        }
    }

    /// The exit status for a set of check statuses: a failure outranks "could not tell".
    pub fn from_statuses<I: IntoIterator<Item = Status>>(statuses: I) -> ExitStatus {
        let mut unreachable = false;
        for status in statuses {
            match status {
                Status::Rejected | Status::Misconfigured => return ExitStatus::Failed,
                Status::Unreachable => unreachable = true,
                Status::Ok | Status::Warning | Status::Skipped => {}
            }
        }
        if unreachable {
            ExitStatus::Unreachable
        } else {
            ExitStatus::Success
        }
    }
}

/// An error that should end the process with exit code 2 (usage or configuration).
/// Anything else that reaches `main` as an error is reported the same way, but this type lets
/// commands say so explicitly and lets tests match on it.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(msg.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_outranks_unreachable() {
        let s = ExitStatus::from_statuses([Status::Unreachable, Status::Rejected, Status::Ok]);
        assert_eq!(s.code(), 1);
    }

    #[test]
    fn unreachable_alone_is_three() {
        let s = ExitStatus::from_statuses([Status::Ok, Status::Unreachable, Status::Skipped]);
        assert_eq!(s.code(), 3);
    }

    #[test]
    fn warnings_and_skips_succeed() {
        let s = ExitStatus::from_statuses([Status::Warning, Status::Skipped]);
        assert_eq!(s, ExitStatus::Success);
    }
}
