//! Doctor results as text (flutter doctor's shape: one line per provider with ✓ / ! / ✗,
//! detail only under problems unless -v, and a closing verdict line, since IDE panes and CI
//! logs often show only the bottom) and as one JSON document.

use serde_json::{Value, json};

use super::{BOLD, DIM, GREEN, RED, YELLOW, paint};
use crate::check::Status;
use crate::doctor::{Diagnosis, Finding, Layer, LayerStatus, Severity, counts};

fn symbol(status: Status) -> String {
    match status {
        Status::Ok | Status::Skipped => paint(GREEN, "✓"),
        Status::Warning => paint(YELLOW, "!"),
        Status::Rejected | Status::Misconfigured | Status::Unreachable => paint(RED, "✗"),
    }
}

fn layer_symbol(status: LayerStatus) -> String {
    match status {
        LayerStatus::Ok => paint(GREEN, "✓"),
        LayerStatus::Warning => paint(YELLOW, "!"),
        LayerStatus::Failed => paint(RED, "✗"),
        LayerStatus::Skipped => paint(DIM, "-"),
        LayerStatus::NotRun => paint(DIM, "·"),
    }
}

fn finding_symbol(severity: Severity) -> String {
    match severity {
        Severity::Info => paint(DIM, "i"),
        Severity::Warning => paint(YELLOW, "!"),
        Severity::Error => paint(RED, "✗"),
    }
}

/// Whether a provider gets its detail without -v.
fn is_problem(d: &Diagnosis) -> bool {
    !matches!(d.status, Status::Ok | Status::Skipped)
}

/// How the text report is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    /// Every layer and fact, for every provider (`-v`).
    pub verbose: bool,
    /// Only the providers and findings that need attention, and the verdict (`-q`).
    pub quiet: bool,
    /// Wrap to this many columns with hanging indents; `None` keeps each item on one line.
    pub width: Option<usize>,
}

impl Layout {
    /// `label` then `text`, wrapped under the text's first column when a width is set.
    fn fit(&self, label: &str, text: &str) -> String {
        match self.width {
            Some(width) => format!("{}\n", super::wrap::item(label, text, width)),
            None => format!("{label}{text}\n"),
        }
    }
}

/// The whole text report: provider lines, their detail where needed, setup findings, verdict.
pub fn text(diagnoses: &[Diagnosis], global: &[Finding], layout: Layout) -> String {
    let mut out = String::new();
    for d in diagnoses.iter().filter(|d| !layout.quiet || is_problem(d)) {
        out.push_str(&provider_text(d, layout));
    }
    let shown: Vec<&Finding> = global
        .iter()
        .filter(|f| layout.verbose || f.severity > Severity::Info)
        .collect();
    if !shown.is_empty() {
        out.push_str(&format!("{}\n", paint(BOLD, "setup")));
        for finding in shown {
            out.push_str(&finding_text(finding, "  ", layout));
        }
    }
    let verdict = summary(diagnoses, global);
    out.push_str(&layout.fit("", &verdict));
    out
}

fn provider_text(d: &Diagnosis, layout: Layout) -> String {
    let head = format!(
        "{} {:<11} {:<13} ",
        symbol(d.status),
        d.provider,
        d.status.as_str()
    );
    let elapsed = paint(DIM, &format!("({} ms)", d.elapsed_ms));
    let mut out = layout.fit(&head, &format!("{} {elapsed}", d.message));
    if !(layout.verbose || is_problem(d)) {
        return out;
    }
    if let Some(origin) = &d.origin {
        out.push_str(&layout.fit(&format!("    {} ", paint(DIM, "host:")), origin));
    }
    for layer in &d.layers {
        out.push_str(&layer_text(layer, layout));
    }
    for finding in &d.findings {
        out.push_str(&finding_text(finding, "    ", layout));
    }
    out
}

fn layer_text(layer: &Layer, layout: Layout) -> String {
    let timing = match layer.status {
        LayerStatus::NotRun | LayerStatus::Skipped => String::new(),
        _ => format!(" {}", paint(DIM, &format!("({} ms)", layer.elapsed_ms))),
    };
    let head = format!("    {} {:<6} ", layer_symbol(layer.status), layer.name);
    let mut out = layout.fit(&head, &format!("{}{timing}", layer.summary));
    let detail =
        layout.verbose || matches!(layer.status, LayerStatus::Failed | LayerStatus::Warning);
    // The check's own facts are the check's business: shown with -v like `check -v` does.
    if detail {
        for (key, value) in &layer.evidence {
            let shown = match value {
                Value::String(s) => s.clone(),
                Value::Array(items) if items.is_empty() => continue,
                Value::Array(items) => items
                    .iter()
                    .map(|i| match i {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            let label = format!("             {} ", paint(DIM, &format!("{key}:")));
            out.push_str(&layout.fit(&label, &shown));
        }
        if let Some(advice) = &layer.advice {
            let label = format!("             {} ", paint(BOLD, "→"));
            out.push_str(&layout.fit(&label, advice));
        }
    }
    out
}

fn finding_text(finding: &Finding, indent: &str, layout: Layout) -> String {
    let head = format!(
        "{indent}{} {} ",
        finding_symbol(finding.severity),
        paint(DIM, &format!("[{}]", finding.code))
    );
    let mut out = layout.fit(&head, &finding.message);
    if let Some(advice) = &finding.advice
        && finding.severity > Severity::Info
    {
        out.push_str(&layout.fit(&format!("{indent}  {} ", paint(BOLD, "→")), advice));
    }
    out
}

/// The last line: the verdict, with where to look next.
pub fn summary(diagnoses: &[Diagnosis], global: &[Finding]) -> String {
    let total = diagnoses.len();
    let problems = diagnoses.iter().filter(|d| is_problem(d)).count();
    let setup = global
        .iter()
        .filter(|f| f.severity > Severity::Info)
        .count();
    let mut parts = Vec::new();
    for status in Status::ALL {
        let n = diagnoses.iter().filter(|d| d.status == status).count();
        if n > 0 {
            let text = format!("{n} {}", status.as_str());
            parts.push(match status {
                Status::Ok => paint(GREEN, &text),
                Status::Rejected | Status::Misconfigured | Status::Unreachable => paint(RED, &text),
                Status::Warning => paint(YELLOW, &text),
                Status::Skipped => text,
            });
        }
    }
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            many.to_string()
        }
    };
    if total == 0 {
        return "No provider is configured: nothing to diagnose. Start with `integrate add <id>`."
            .into();
    }
    if problems == 0 && setup == 0 {
        return format!(
            "No issues found ({total} {}: {}).",
            plural(total, "provider", "providers"),
            parts.join(", ")
        );
    }
    let setup_text = if setup > 0 {
        format!("; {setup} setup {}", plural(setup, "warning", "warnings"))
    } else {
        String::new()
    };
    format!(
        "{problems} of {total} {} attention ({}){setup_text}. Details above; `integrate doctor -v` shows every layer.",
        plural(total, "provider needs", "providers need"),
        parts.join(", ")
    )
}

/// The JSON document's own keys: `{"results":[...],"findings":[...],"counts":{...}}` (the
/// shared frame is added by [`super::json`]; `report` nests this under `doctor`).
pub fn json_body(diagnoses: &[Diagnosis], global: &[Finding]) -> Value {
    json!({
        "results": diagnoses,
        "findings": global,
        "counts": counts(diagnoses),
    })
}
