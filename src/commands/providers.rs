//! `integrate providers`: the catalog, with what is configured here.

use anyhow::Result;
use serde_json::{Value, json};

use super::App;
use crate::catalog::{self, Provider, schema::PortalMapping};
use crate::cli::Format;
use crate::config::resolve;
use crate::exit::{ExitStatus, usage};
use crate::output::{self, DIM, GREEN, paint};

pub fn exec(app: &App) -> Result<ExitStatus> {
    let config = app.load_config()?;
    let rows: Vec<(&Provider, bool, bool)> = catalog::all()
        .iter()
        .map(|p| {
            let r = resolve::resolve(&config, p);
            (p, r.configured(), r.enabled)
        })
        .collect();
    match app.global.format {
        Format::Json => {
            let providers: Vec<Value> = rows
                .iter()
                .map(|(p, c, e)| provider_json(p, *c, *e, app))
                .collect();
            let doc = json!({ "version": 1, "providers": providers });
            output::println(&serde_json::to_string_pretty(&doc)?);
        }
        Format::Text => {
            output::println(&paint(
                output::BOLD,
                &format!(
                    "{:<11} {:<24} {:<14} {:<19} {}",
                    "ID", "NAME", "CATEGORY", "STATE", "ENABLES"
                ),
            ));
            for (p, configured, enabled) in rows {
                let state = match (configured, enabled) {
                    (true, true) => paint(GREEN, &format!("{:<19}", "configured")),
                    (true, false) => paint(DIM, &format!("{:<19}", "configured, off")),
                    (false, _) => paint(DIM, &format!("{:<19}", "-")),
                };
                let mut enables = p.enables.get(app.lang).to_string();
                if p.deprecated.is_some() {
                    enables = format!("[{}] {enables}", app.lang.pick("deprecated", "obsolète"));
                }
                output::println(&format!(
                    "{:<11} {:<24} {:<14} {state} {enables}",
                    p.id,
                    p.name,
                    p.category.as_str()
                ));
            }
        }
        other => {
            return Err(usage(
                format!("`integrate providers` prints text or json, not {other:?}").to_lowercase(),
            ));
        }
    }
    Ok(ExitStatus::Success)
}

fn provider_json(p: &Provider, configured: bool, enabled: bool, app: &App) -> Value {
    let fields: Vec<Value> = p
        .fields
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "secret": f.secret,
                "required": f.required,
                "label": f.label.get(app.lang),
                "default": f.default,
                "env": p.env_var(&f.name),
                "format": f.format,
                "example": if f.secret { Value::Null } else { Value::from(f.example.clone()) },
            })
        })
        .collect();
    json!({
        "id": p.id,
        "name": p.name,
        "category": p.category.as_str(),
        "aliases": p.aliases,
        "enables": p.enables.get(app.lang),
        "deprecated": p.deprecated.as_ref().map(|d| d.get(app.lang)),
        "fields": fields,
        "configured": configured,
        "enabled": enabled,
        "live_check": crate::check::find(&p.id).is_some(),
        "portal": {
            "workspace": mapping_json(&p.portal.workspace, app),
            "docspace": mapping_json(&p.portal.docspace, app),
        },
    })
}

fn mapping_json(m: &PortalMapping, app: &App) -> Value {
    json!({
        "supported": m.supported,
        "consumer": m.consumer,
        "keys": m.keys,
        "since": m.since,
        "until": m.until,
        "note": m.note.as_ref().map(|n| n.get(app.lang)),
    })
}
