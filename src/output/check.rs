//! Check results in every format: text (live progress on a terminal, plain lines otherwise),
//! the spec's JSON document, JUnit XML for CI dashboards, and GitHub workflow annotations.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event as XmlEvent};

use super::{BOLD, DIM, GREEN, RED, YELLOW, paint};
use crate::check::run::{Event, counts};
use crate::check::{CheckResult, Status};
use crate::redact::scrub;

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
    let mut out = format!(
        "{} {:<11} {} {} {}\n",
        symbol(result.status),
        result.provider,
        status_word(result.status),
        result.message,
        paint(DIM, &format!("({} ms)", result.elapsed_ms))
    );
    let detail = verbose || result.status != Status::Ok;
    if detail {
        for (key, value) in &result.facts {
            let shown = match value {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.push_str(&format!("    {} {shown}\n", paint(DIM, &format!("{key}:"))));
        }
    }
    if let Some(advice) = &result.advice
        && (detail || result.status != Status::Ok)
    {
        out.push_str(&format!("    {} {advice}\n", paint(BOLD, "→")));
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

/// The spec's JSON document.
pub fn json(results: &[CheckResult]) -> String {
    let doc = serde_json::json!({
        "version": 1,
        "results": results,
        "counts": counts(results),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default()
}

/// JUnit XML: one test case per provider. Rejected and misconfigured are failures,
/// unreachable is an error (the test could not run), skipped is skipped.
pub fn junit(results: &[CheckResult]) -> String {
    let mut writer = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    let failures = results
        .iter()
        .filter(|r| matches!(r.status, Status::Rejected | Status::Misconfigured))
        .count();
    let errors = results
        .iter()
        .filter(|r| r.status == Status::Unreachable)
        .count();
    let skipped = results
        .iter()
        .filter(|r| r.status == Status::Skipped)
        .count();
    let time: f64 = results
        .iter()
        .map(|r| r.elapsed_ms as f64 / 1000.0)
        .fold(0.0, f64::max);
    let _ = writer.write_event(XmlEvent::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut suites = BytesStart::new("testsuites");
    suites.push_attribute(("name", "integrate"));
    let _ = writer.write_event(XmlEvent::Start(suites));
    let mut suite = BytesStart::new("testsuite");
    let tests = results.len().to_string();
    let (failures, errors, skipped, time) = (
        failures.to_string(),
        errors.to_string(),
        skipped.to_string(),
        format!("{time:.3}"),
    );
    suite.push_attribute(("name", "integrate check"));
    suite.push_attribute(("tests", tests.as_str()));
    suite.push_attribute(("failures", failures.as_str()));
    suite.push_attribute(("errors", errors.as_str()));
    suite.push_attribute(("skipped", skipped.as_str()));
    suite.push_attribute(("time", time.as_str()));
    let _ = writer.write_event(XmlEvent::Start(suite));
    for result in results {
        let mut case = BytesStart::new("testcase");
        let class = format!("integrate.{}", result.provider);
        let case_time = format!("{:.3}", result.elapsed_ms as f64 / 1000.0);
        case.push_attribute(("classname", class.as_str()));
        case.push_attribute(("name", result.provider.as_str()));
        case.push_attribute(("time", case_time.as_str()));
        let _ = writer.write_event(XmlEvent::Start(case));
        let body = describe(result);
        let element = match result.status {
            Status::Rejected | Status::Misconfigured => Some("failure"),
            Status::Unreachable => Some("error"),
            Status::Skipped => Some("skipped"),
            Status::Ok | Status::Warning => None,
        };
        if let Some(name) = element {
            let mut el = BytesStart::new(name);
            let message = scrub(&result.message);
            el.push_attribute(("message", message.as_str()));
            el.push_attribute(("type", result.status.as_str()));
            let _ = writer.write_event(XmlEvent::Start(el));
            let _ = writer.write_event(XmlEvent::Text(BytesText::new(&body)));
            let _ = writer.write_event(XmlEvent::End(BytesEnd::new(name)));
        } else {
            let _ = writer.write_event(XmlEvent::Start(BytesStart::new("system-out")));
            let _ = writer.write_event(XmlEvent::Text(BytesText::new(&body)));
            let _ = writer.write_event(XmlEvent::End(BytesEnd::new("system-out")));
        }
        let _ = writer.write_event(XmlEvent::End(BytesEnd::new("testcase")));
    }
    let _ = writer.write_event(XmlEvent::End(BytesEnd::new("testsuite")));
    let _ = writer.write_event(XmlEvent::End(BytesEnd::new("testsuites")));
    String::from_utf8_lossy(&writer.into_inner()).into_owned() + "\n"
}

fn describe(result: &CheckResult) -> String {
    let mut text = format!("{}: {}", result.status, result.message);
    for (key, value) in &result.facts {
        text.push_str(&format!("\n{key}: {value}"));
    }
    if let Some(advice) = &result.advice {
        text.push_str(&format!("\nadvice: {advice}"));
    }
    scrub(&text)
}

/// GitHub Actions workflow commands: an annotation per provider that needs attention, a
/// notice for the others.
pub fn github(results: &[CheckResult]) -> String {
    let mut out = String::new();
    for result in results {
        let level = match result.status {
            Status::Rejected | Status::Misconfigured => "error",
            Status::Unreachable | Status::Warning => "warning",
            Status::Ok | Status::Skipped => "notice",
        };
        let mut message = format!("{}: {}", result.status, result.message);
        if let Some(advice) = &result.advice {
            message.push_str(&format!("\n{advice}"));
        }
        out.push_str(&format!(
            "::{level} title={}::{}\n",
            escape_property(&format!("integrate check {}", result.provider)),
            escape_data(&scrub(&message))
        ));
    }
    out.push_str(&format!("{}\n", strip_summary(results)));
    out
}

fn strip_summary(results: &[CheckResult]) -> String {
    let c = counts(results);
    let parts: Vec<String> = c.iter().map(|(k, v)| format!("{k}={v}")).collect();
    format!("integrate check: {}", parts.join(" "))
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
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
                    let _ = self.multi.println(crate::redact::scrub_styled(
                        text_lines(result, self.verbose).trim_end(),
                    ));
                }
            }
        }
    }

    pub fn finish(&self) {
        let _ = self.multi.clear();
    }
}
