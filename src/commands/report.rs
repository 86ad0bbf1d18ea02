//! `integrate report [--output FILE]`: a support bundle to attach to a ticket: tool version,
//! OS, the relevant environment (names, and proxies without credentials), the config with every
//! secret masked to its last 4 characters and the source of each value, and the doctor results
//! with every layer and timing. Markdown by default, one JSON document with `--format json`.
//!
//! It must hold no secret: values are masked as in `config show`, and the finished text passes
//! the redactor once more before it is printed or written (0600, atomically).

use anyhow::Result;
use serde_json::{Value, json};

use super::App;
use super::config::provider_json;
use super::doctor::diagnose;
use crate::cli::{Format, ReportArgs};
use crate::config::resolve;
use crate::exit::{ExitStatus, usage};
use crate::output::{self, doctor as render};
use crate::redact;

pub fn exec(app: &App, args: ReportArgs) -> Result<ExitStatus> {
    if !matches!(app.global.format, Format::Text | Format::Json) {
        return Err(usage("`integrate report` writes text (markdown) or json"));
    }
    let run = diagnose(app, &[], args.timeout, &args.portal_file)?;
    let facts = facts(app)?;
    let text = match app.global.format {
        Format::Json => {
            let mut doc = facts;
            doc["doctor"] = render::json_value(&run.diagnoses, &run.global);
            serde_json::to_string_pretty(&doc)? + "\n"
        }
        _ => crate::output::report::markdown(&facts, &run.diagnoses, &run.global),
    };
    // Colour codes never belong in a ticket, and nothing leaves without a last redaction pass.
    let text = redact::scrub(&anstream::adapter::strip_str(&text).to_string());
    match &args.output {
        Some(path) => {
            crate::config::file::write_atomically(path, text.as_bytes())?;
            output::note(&format!(
                "Support report written to {} (readable by you only). Secrets are masked; read it before attaching it to a ticket.",
                path.display()
            ));
        }
        None => output::print(&text),
    }
    Ok(ExitStatus::Success)
}

/// Everything but the doctor results, as JSON (the markdown is rendered from it).
fn facts(app: &App) -> Result<Value> {
    let config = app.load_config()?;
    let portal = resolve::portal(&config);
    let providers: Vec<Value> = resolve::resolve_all(&config)
        .iter()
        .filter(|r| r.in_file || r.configured())
        .map(provider_json)
        .collect();
    Ok(json!({
        "version": 1,
        "generated_at": time::OffsetDateTime::now_utc()
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        "tool": { "name": "integrate", "version": env!("CARGO_PKG_VERSION") },
        "os": {
            "os": std::env::consts::OS,
            "arch": std::env::consts::ARCH,
            "family": std::env::consts::FAMILY,
            "pretty_name": os_pretty_name(),
            "kernel": std::fs::read_to_string("/proc/sys/kernel/osrelease").ok().map(|s| s.trim().to_string()),
            "locale": sys_locale::get_locale(),
            "lang": format!("{:?}", app.lang).to_lowercase(),
        },
        "environment": environment(),
        "ca_file": app.global.ca_file.as_ref().map(|p| p.display().to_string()),
        "config": {
            "path": app.config_path.display().to_string(),
            "exists": config.exists,
            "mode": mode(&app.config_path),
            "portal": { "url": portal.url, "redirect_uri": portal.redirect_uri },
            "providers": providers,
        },
    }))
}

/// `PRETTY_NAME` from /etc/os-release (e.g. "Ubuntu 24.04.1 LTS").
fn os_pretty_name() -> Option<String> {
    let text = std::fs::read_to_string("/etc/os-release")
        .or_else(|_| std::fs::read_to_string("/usr/lib/os-release"))
        .ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map(|v| v.trim().trim_matches('"').to_string())
}

fn mode(path: &std::path::Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| format!("{:o}", m.permissions().mode() & 0o777))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// The variables that change what integrate does. Values only where they cannot be secret:
/// proxies lose their credentials, INTEGRATE_* variables are listed by name only.
fn environment() -> Value {
    let mut map = serde_json::Map::new();
    for name in [
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
        "ALL_PROXY",
        "all_proxy",
    ] {
        if let Ok(value) = std::env::var(name) {
            map.insert(name.into(), without_credentials(&value).into());
        }
    }
    for name in [
        "NO_PROXY",
        "no_proxy",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "INTEGRATE_CONFIG",
        "LANG",
        "LC_ALL",
    ] {
        if let Ok(value) = std::env::var(name) {
            map.insert(name.into(), value.into());
        }
    }
    let mut integrate: Vec<String> = std::env::vars_os()
        .filter_map(|(k, _)| k.into_string().ok())
        .filter(|k| k.starts_with("INTEGRATE_") && k != "INTEGRATE_CONFIG")
        .collect();
    integrate.sort();
    map.insert("INTEGRATE_* (values not shown)".into(), integrate.into());
    Value::Object(map)
}

fn without_credentials(value: &str) -> String {
    match url::Url::parse(value) {
        Ok(mut url) if !url.username().is_empty() || url.password().is_some() => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            format!("{url} (credentials removed)")
        }
        Ok(url) => url.to_string(),
        Err(_) if value.contains('@') => "(set; not shown: it may hold credentials)".into(),
        Err(_) => value.to_string(),
    }
}
