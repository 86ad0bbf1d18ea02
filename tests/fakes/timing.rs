//! Issue 16.1: proof that a check sends its independent requests at the same time, from the
//! fake's own record of when each request arrived (never a wall-clock bound on the check).
//! A fake that delays every answer by `DELAY` records each arrival; if the requests went out
//! one after the other, the second could only arrive after the first answer, `DELAY` later.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use wiremock::Request;

/// How long the fake holds every answer.
pub const DELAY: Duration = Duration::from_millis(1000);

#[derive(Clone, Default)]
pub struct Arrivals(Arc<Mutex<Vec<(String, Instant)>>>);

impl Arrivals {
    /// Notes that `req` arrived now (call it first thing in the responder).
    pub fn record(&self, req: &Request) {
        let what = format!("{} {}", req.method, req.url.path());
        self.0.lock().unwrap().push((what, Instant::now()));
    }

    /// The requests seen, in arrival order.
    pub fn seen(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .map(|(w, _)| w.clone())
            .collect()
    }

    /// Asserts that at least `count` requests arrived and that they all arrived within less
    /// than `DELAY` of the first one: none waited for another's (delayed) answer.
    pub fn assert_overlapped(&self, count: usize) {
        let seen = self.0.lock().unwrap().clone();
        assert!(
            seen.len() >= count,
            "expected {count} requests, saw {:?}",
            seen.iter().map(|s| &s.0).collect::<Vec<_>>()
        );
        let first = seen.iter().map(|s| s.1).min().unwrap();
        for (what, at) in &seen {
            let after = at.duration_since(first);
            assert!(
                after < DELAY,
                "{what} arrived {after:?} after the first request: it waited for an answer"
            );
        }
    }
}
