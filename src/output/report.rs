//! The support report as markdown: the verdict first (one row per provider: status and the
//! one-line cause), then a few lines a person reads next (version, OS, locale), the
//! environment, the masked configuration as one table per provider, the portal files compared
//! with (or where none was found), and the doctor text with every layer. Built from the same
//! JSON facts that `report --format json` prints.

use std::path::Path;

use serde_json::{Value, json};

use super::config::provider_values;
use crate::config::{ConfigFile, ResolvedProvider, resolve};
use crate::doctor::session::PortalFiles;
use crate::doctor::{Diagnosis, Finding, system};
use crate::lang::Lang;

/// The report as markdown, from the facts JSON and the doctor results.
pub fn markdown(facts: &Value, diagnoses: &[Diagnosis], global: &[Finding]) -> String {
    let s = |v: &Value| match v {
        Value::String(s) => s.clone(),
        Value::Null => "-".into(),
        other => other.to_string(),
    };
    let os = &facts["os"];
    let config = &facts["config"];
    let mut out = String::from("# integrate support report\n\n");
    out.push_str(&verdict(diagnoses, global));
    out.push_str(&format!("- integrate {}\n", s(&facts["tool"]["version"])));
    out.push_str(&format!(
        "- OS: {} {} ({}), kernel {}\n",
        s(&os["os"]),
        s(&os["arch"]),
        s(&os["pretty_name"]),
        s(&os["kernel"])
    ));
    out.push_str(&format!(
        "- locale: {}, interface language {}\n",
        s(&os["locale"]),
        s(&os["lang"])
    ));
    out.push_str(&format!("- generated: {}\n", s(&facts["generated_at"])));
    out.push_str(&format!("- --ca-file: {}\n\n", s(&facts["ca_file"])));
    out.push_str("## Environment\n\n");
    if let Some(env) = facts["environment"].as_object() {
        for (name, value) in env {
            let shown = match value {
                Value::Array(items) if items.is_empty() => "none".to_string(),
                Value::Array(items) => items.iter().map(&s).collect::<Vec<_>>().join(", "),
                other => s(other),
            };
            out.push_str(&format!("- {name}: {shown}\n"));
        }
    }
    out.push_str("\n## Configuration (secrets masked to their last 4 characters)\n\n");
    out.push_str(&format!(
        "- file: {} ({}, mode {})\n",
        s(&config["path"]),
        if config["exists"] == true {
            "exists"
        } else {
            "does not exist"
        },
        s(&config["mode"])
    ));
    out.push_str(&format!(
        "- [portal] url = {}, redirect_uri = {}\n",
        s(&config["portal"]["url"]),
        s(&config["portal"]["redirect_uri"])
    ));
    for provider in config["providers"].as_array().into_iter().flatten() {
        let state = match (provider["configured"] == true, provider["enabled"] == true) {
            (true, true) => "enabled",
            (true, false) => "disabled",
            (false, _) => "incomplete",
        };
        out.push_str(&format!(
            "\n### {} ({state})\n\n| field | value | source |\n|---|---|---|\n",
            s(&provider["id"])
        ));
        for field in provider["fields"].as_array().into_iter().flatten() {
            // Multi-line values (a PEM key, a key file) are secret and masked to one line already.
            let value = s(&field["value"]).replace('\n', " ").replace('|', "\\|");
            out.push_str(&format!(
                "| {} | `{value}` | {} |\n",
                s(&field["name"]),
                s(&field["location"])
            ));
        }
        for missing in provider["missing"].as_array().into_iter().flatten() {
            out.push_str(&format!("| {} | (missing) | |\n", s(missing)));
        }
    }
    out.push_str(&portal_files(&facts["portal_files"]));
    out.push_str("\n## Doctor (every layer, with timings)\n\n```text\n");
    out.push_str(&super::doctor::text(
        diagnoses,
        global,
        super::doctor::Layout {
            verbose: true,
            quiet: false,
            width: None,
        },
    ));
    out.push_str("```\n");
    out
}

/// The opening table: each provider's status, reason and one-line cause, then the verdict.
fn verdict(diagnoses: &[Diagnosis], global: &[Finding]) -> String {
    let mut out = String::from("## Verdict\n\n");
    if diagnoses.is_empty() {
        out.push_str("No provider is configured here.\n\n");
        return out;
    }
    out.push_str("| provider | status | cause |\n|---|---|---|\n");
    for d in diagnoses {
        let cause = d.message.lines().next().unwrap_or("").replace('|', "\\|");
        out.push_str(&format!(
            "| {} | {} (`{}`) | {cause} |\n",
            d.provider,
            d.status,
            super::ci::reason_code(d.reason)
        ));
    }
    let summary = super::doctor::summary(diagnoses, global);
    out.push_str(&format!("\n{}\n\n", anstream::adapter::strip_str(&summary)));
    out
}

/// The portal files compared with, or, when none was found, where integrate looked.
fn portal_files(files: &Value) -> String {
    let list = |key: &str| -> Vec<String> {
        files[key]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect()
    };
    let mut out = String::from("\n## Portal files\n\n");
    let found = list("found");
    if found.is_empty() {
        out.push_str("No portal file was found, so nothing was compared with the portal's own keys. integrate looked in:\n\n");
        for path in list("searched") {
            out.push_str(&format!("- {path}\n"));
        }
        out.push_str(
            "\nGive the file with `--portal-file PATH` if the portal is installed elsewhere.\n",
        );
    } else {
        for path in found {
            out.push_str(&format!("- compared with {path}\n"));
        }
    }
    for problem in list("unreadable") {
        out.push_str(&format!("- not used: {problem}\n"));
    }
    out
}

/// Everything but the doctor results, as JSON (the markdown is rendered from it).
pub fn facts(
    config: &ConfigFile,
    selected: &[ResolvedProvider],
    lang: Lang,
    ca_file: Option<&Path>,
    portal_files: &PortalFiles,
) -> Value {
    // A bad [portal] table is itself a finding for support, not a reason to print nothing.
    let portal = match resolve::portal(config) {
        Ok(portal) => json!({
            "url": portal.url,
            "kind": portal.kind.map(|k| k.as_str()),
            "redirect_uri": portal.redirect_uri,
        }),
        Err(err) => json!({ "error": err.to_string() }),
    };
    let providers: Vec<Value> = selected.iter().map(provider_values).collect();
    super::json::document(json!({
        "os": {
            "os": std::env::consts::OS,
            "arch": std::env::consts::ARCH,
            "family": std::env::consts::FAMILY,
            "pretty_name": system::os_pretty_name(),
            "kernel": std::fs::read_to_string("/proc/sys/kernel/osrelease").ok().map(|s| s.trim().to_string()),
            "locale": sys_locale::get_locale(),
            "lang": format!("{lang:?}").to_lowercase(),
        },
        "environment": system::environment(),
        "ca_file": ca_file.map(|p| p.display().to_string()),
        "config": {
            "path": config.path.display().to_string(),
            "exists": config.exists,
            "mode": system::mode(&config.path),
            "portal": portal,
            "providers": providers,
        },
        "portal_files": portal_files,
    }))
}
