//! Check results as text (live progress on a terminal, plain lines otherwise) and as the spec's
//! JSON document; the CI formats are in [`super::ci`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{BOLD, DIM, GREEN, RED, YELLOW, paint};
use crate::check::run::{Event, counts};
use crate::check::{CheckResult, Status};

pub fn symbol(status: Status) -> String {
    match status {
        Status::Ok => paint(GREEN, "✓"),
        Status::Warning => paint(YELLOW, "!"),
        Status::Skipped => paint(DIM, "-"),
        Status::Unreachable => paint(YELLOW, "?"),
        Status::Rejected | Status::Misconfigured => paint(RED, "✗"),
    }
}

pub fn status_word(status: Status) -> String {
    let style = match status {
        Status::Ok => GREEN,
        Status::Warning | Status::Unreachable => YELLOW,
        Status::Skipped => DIM,
        Status::Rejected | Status::Misconfigured => RED,
    };
    paint(style, &format!("{:<13}", status.as_str()))
}

/// One result as text: a status line, then facts (with -v) and advice for problems.
pub fn text_lines(result: &CheckResult, verbose: bool) -> String {
    lines(result, verbose, None)
}

/// [`text_lines`] wrapped to `width` columns, each part hanging under its own text.
pub fn text_lines_wrapped(result: &CheckResult, verbose: bool, width: usize) -> String {
    lines(result, verbose, Some(width))
}

fn lines(result: &CheckResult, verbose: bool, width: Option<usize>) -> String {
    let fit = |label: &str, text: &str| match width {
        Some(width) => format!("{}\n", super::wrap::item(label, text, width)),
        None => format!("{label}{text}\n"),
    };
    let head = format!(
        "{} {:<11} {} ",
        symbol(result.status),
        result.provider,
        status_word(result.status)
    );
    let elapsed = paint(DIM, &format!("({} ms)", result.elapsed_ms));
    let mut out = fit(&head, &format!("{} {elapsed}", result.message));
    let detail = verbose || result.status != Status::Ok;
    if detail {
        for (key, value) in &result.facts {
            let shown = match value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.push_str(&fit(
                &format!("    {} ", paint(DIM, &format!("{key}:"))),
                &shown,
            ));
        }
    } else if let Some(serde_json::Value::String(note)) = result.facts.get("redirect_uri")
        && note.starts_with("not ")
    {
        // A green check still says what it could not prove about the redirect URI, and which
        // URI to register (issue 12.3), instead of silence.
        out.push_str(&fit(&format!("    {} ", paint(DIM, "redirect_uri:")), note));
    }
    if let Some(advice) = &result.advice
        && (detail || result.status != Status::Ok)
    {
        out.push_str(&fit(&format!("    {} ", paint(BOLD, "→")), advice));
    }
    out
}

/// The closing line: how many of each status.
pub fn summary(results: &[CheckResult]) -> String {
    let mut parts = Vec::new();
    for status in Status::ALL {
        let n = results.iter().filter(|r| r.status == status).count();
        if n > 0 {
            let text = format!("{n} {}", status.as_str());
            parts.push(match status {
                Status::Ok => paint(GREEN, &text),
                Status::Rejected | Status::Misconfigured => paint(RED, &text),
                Status::Warning | Status::Unreachable => paint(YELLOW, &text),
                Status::Skipped => text,
            });
        }
    }
    let total = results.len();
    format!(
        "{} {}: {}",
        total,
        if total == 1 {
            "provider checked"
        } else {
            "providers checked"
        },
        parts.join(", ")
    )
}

/// The spec's JSON document (without the shared frame, see [`super::json`]).
pub fn json_body(results: &[CheckResult]) -> serde_json::Value {
    serde_json::json!({
        "results": results,
        "counts": counts(results),
    })
}

/// Live progress on a terminal: one spinner per provider, replaced by its result line.
pub struct Progress {
    multi: MultiProgress,
    bars: Mutex<HashMap<String, ProgressBar>>,
    verbose: bool,
}

impl Progress {
    pub fn new(ids: &[String], verbose: bool) -> Progress {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let style = ProgressStyle::with_template("{spinner} {prefix:<11} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let mut bars = HashMap::new();
        for id in ids {
            let bar = multi.add(ProgressBar::new_spinner());
            bar.set_style(style.clone());
            bar.set_prefix(id.clone());
            bar.set_message("waiting");
            bar.enable_steady_tick(Duration::from_millis(100));
            bars.insert(id.clone(), bar);
        }
        Progress {
            multi,
            bars: Mutex::new(bars),
            verbose,
        }
    }

    pub fn on_event(&self, event: Event<'_>) {
        let Ok(bars) = self.bars.lock() else { return };
        match event {
            Event::Started(id) => {
                if let Some(bar) = bars.get(id) {
                    bar.set_message("checking…");
                }
            }
            Event::Finished(result) => {
                if let Some(bar) = bars.get(&result.provider) {
                    bar.finish_and_clear();
                    let _ = self
                        .multi
                        .println(super::for_stderr(&crate::redact::scrub_styled(
                            text_lines(result, self.verbose).trim_end(),
                        )));
                }
            }
        }
    }

    pub fn finish(&self) {
        let _ = self.multi.clear();
    }
}
