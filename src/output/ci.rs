//! Results for CI systems, the same for `check` and `doctor`: JUnit XML (one test case per
//! provider, with the run's timestamp and host), GitHub Actions workflow commands (an
//! annotation for each problem only), and the markdown table for `$GITHUB_STEP_SUMMARY`.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event as XmlEvent};

use crate::check::{CheckResult, Reason, Status};
use crate::doctor::Diagnosis;
use crate::redact::scrub;

/// One provider's result, whichever command produced it.
pub struct Row {
    pub provider: String,
    pub status: Status,
    pub reason: Reason,
    pub message: String,
    pub advice: Option<String>,
    /// Facts or layers, one per line, for the JUnit body.
    pub details: Vec<String>,
    pub elapsed_ms: u64,
}

impl From<&CheckResult> for Row {
    fn from(r: &CheckResult) -> Row {
        Row {
            provider: r.provider.clone(),
            status: r.status,
            reason: r.reason,
            message: r.message.clone(),
            advice: r.advice.clone(),
            details: r.facts.iter().map(|(k, v)| format!("{k}: {v}")).collect(),
            elapsed_ms: r.elapsed_ms,
        }
    }
}

impl From<&Diagnosis> for Row {
    fn from(d: &Diagnosis) -> Row {
        let failed = d.failed_layer();
        Row {
            provider: d.provider.clone(),
            status: d.status,
            reason: d.reason,
            message: d.message.clone(),
            advice: failed.and_then(|l| l.advice.clone()),
            details: d
                .layers
                .iter()
                .map(|l| format!("{}: {:?}: {}", l.name, l.status, l.summary))
                .chain(
                    d.findings
                        .iter()
                        .map(|f| format!("[{}] {}", f.code, f.message)),
                )
                .collect(),
            elapsed_ms: d.elapsed_ms,
        }
    }
}

/// JUnit XML: rejected and misconfigured are failures, unreachable an error (the test could not
/// run), skipped is skipped. `timestamp` is when the run started (RFC 3339, UTC).
pub fn junit(suite_name: &str, rows: &[Row], timestamp: &str) -> String {
    let count =
        |f: &dyn Fn(Status) -> bool| rows.iter().filter(|r| f(r.status)).count().to_string();
    let failures = count(&|s| matches!(s, Status::Rejected | Status::Misconfigured));
    let errors = count(&|s| s == Status::Unreachable);
    let skipped = count(&|s| s == Status::Skipped);
    let time = rows.iter().map(|r| r.elapsed_ms).max().unwrap_or(0);
    let time = seconds(time);
    let hostname = gethostname::gethostname().to_string_lossy().into_owned();
    let tests = rows.len().to_string();
    let mut writer = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    let _ = writer.write_event(XmlEvent::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    let mut suites = BytesStart::new("testsuites");
    suites.push_attribute(("name", "integrate"));
    let _ = writer.write_event(XmlEvent::Start(suites));
    let mut suite = BytesStart::new("testsuite");
    for (key, value) in [
        ("name", suite_name),
        ("tests", &tests),
        ("failures", &failures),
        ("errors", &errors),
        ("skipped", &skipped),
        ("time", &time),
        ("timestamp", timestamp),
        ("hostname", &hostname),
    ] {
        suite.push_attribute((key, value));
    }
    let _ = writer.write_event(XmlEvent::Start(suite));
    for row in rows {
        let mut case = BytesStart::new("testcase");
        let class = format!("integrate.{}", row.provider);
        let case_time = seconds(row.elapsed_ms);
        case.push_attribute(("classname", class.as_str()));
        case.push_attribute(("name", row.provider.as_str()));
        case.push_attribute(("time", case_time.as_str()));
        let _ = writer.write_event(XmlEvent::Start(case));
        let body = describe(row);
        let element = match row.status {
            Status::Rejected | Status::Misconfigured => "failure",
            Status::Unreachable => "error",
            Status::Skipped => "skipped",
            Status::Ok | Status::Warning => "system-out",
        };
        let mut el = BytesStart::new(element);
        if element != "system-out" {
            let message = scrub(&row.message);
            el.push_attribute(("message", message.as_str()));
            el.push_attribute(("type", row.status.as_str()));
        }
        let _ = writer.write_event(XmlEvent::Start(el));
        let _ = writer.write_event(XmlEvent::Text(BytesText::new(&body)));
        let _ = writer.write_event(XmlEvent::End(BytesEnd::new(element)));
        let _ = writer.write_event(XmlEvent::End(BytesEnd::new("testcase")));
    }
    let _ = writer.write_event(XmlEvent::End(BytesEnd::new("testsuite")));
    let _ = writer.write_event(XmlEvent::End(BytesEnd::new("testsuites")));
    String::from_utf8_lossy(&writer.into_inner()).into_owned() + "\n"
}

fn seconds(ms: u64) -> String {
    format!("{:.3}", ms as f64 / 1000.0)
}

fn describe(row: &Row) -> String {
    let mut text = format!(
        "{} ({}): {}",
        row.status,
        reason_code(row.reason),
        row.message
    );
    for line in &row.details {
        text.push_str(&format!("\n{line}"));
    }
    if let Some(advice) = &row.advice {
        text.push_str(&format!("\nadvice: {advice}"));
    }
    scrub(&text)
}

/// The reason as its JSON code (`missing_field`).
pub fn reason_code(reason: Reason) -> String {
    serde_json::to_value(reason)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// GitHub Actions workflow commands: an `error` for rejected and misconfigured, a `warning`
/// for unreachable and warning, nothing for what passed; then one summary line.
pub fn github(command: &str, rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows {
        let level = match row.status {
            Status::Rejected | Status::Misconfigured => "error",
            Status::Unreachable | Status::Warning => "warning",
            Status::Ok | Status::Skipped => continue,
        };
        let mut message = format!(
            "{} ({}): {}",
            row.status,
            reason_code(row.reason),
            row.message
        );
        if let Some(advice) = &row.advice {
            message.push_str(&format!("\n{advice}"));
        }
        out.push_str(&format!(
            "::{level} title={}::{}\n",
            escape_property(&format!("integrate {command} {}", row.provider)),
            escape_data(&scrub(&message))
        ));
    }
    let counts: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("{s}={}", rows.iter().filter(|r| r.status == *s).count()))
        .collect();
    out.push_str(&format!("integrate {command}: {}\n", counts.join(" ")));
    out
}

/// The markdown table GitHub shows on the run's summary page (`$GITHUB_STEP_SUMMARY`).
pub fn step_summary(command: &str, rows: &[Row]) -> String {
    let cell = |s: &str| scrub(s).replace('|', "\\|").replace('\n', " ");
    let mut out = format!(
        "### integrate {command}\n\n| provider | status | reason | message |\n|---|---|---|---|\n"
    );
    for row in rows {
        out.push_str(&format!(
            "| {} | {} | `{}` | {} |\n",
            row.provider,
            row.status,
            reason_code(row.reason),
            cell(&row.message)
        ));
    }
    let counts: Vec<String> = Status::ALL
        .iter()
        .filter_map(|s| {
            let n = rows.iter().filter(|r| r.status == *s).count();
            (n > 0).then(|| format!("{n} {s}"))
        })
        .collect();
    out.push_str(&format!(
        "\n{} provider(s): {}\n\n",
        rows.len(),
        counts.join(", ")
    ));
    out
}

/// Appends the step summary when `$GITHUB_STEP_SUMMARY` names a file (GitHub sets it for each
/// step; other steps may have written to it already, so the file is appended to, never replaced).
pub fn append_step_summary(command: &str, rows: &[Row]) -> std::io::Result<()> {
    use std::io::Write;
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?;
    file.write_all(step_summary(command, rows).as_bytes())
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
