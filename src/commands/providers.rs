//! `integrate providers`: the catalog, with what is configured here.

use anyhow::Result;
use serde_json::{Value, json};

use super::App;
use crate::catalog::{self, Provider, schema::PortalMapping};
use crate::cli::Format;
use crate::config::resolve;
use crate::exit::{ExitStatus, usage};
use crate::output::wrap::{self, Stream};
use crate::output::{self, BOLD, DIM, GREEN, paint};

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
                .map(|(p, c, e)| catalog_entry(p, *c, *e, app))
                .collect();
            let doc = output::json::document(json!({ "providers": providers }));
            output::println(&serde_json::to_string_pretty(&doc)?);
        }
        Format::Text => output::print(&table(&rows, app, wrap::width(Stream::Stdout))),
        other => {
            return Err(usage(
                format!("`integrate providers` prints text or json, not {other:?}").to_lowercase(),
            ));
        }
    }
    Ok(ExitStatus::Success)
}

fn catalog_entry(p: &Provider, configured: bool, enabled: bool, app: &App) -> Value {
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
        "category": p.category().as_str(),
        "categories": p.categories.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "aliases": p.aliases,
        "enables": p.enables.get(app.lang),
        "deprecated": p.deprecated.as_ref().map(|d| d.get(app.lang)),
        "fields": fields,
        "configured": configured,
        "enabled": enabled,
        "live_check": crate::check::find(&p.id).is_some(),
        "check": p.check.as_ref().map(|c| json!({
            "mirrors": c.mirrors.get(app.lang),
            "cannot_see": c.cannot_see.iter().map(|t| t.get(app.lang)).collect::<Vec<_>>(),
            "sources": c.sources,
        })),
        "redirect_check": p.redirect_check.as_ref().map(|r| json!({
            "verifiable": r.verifiable,
            "why": r.why.get(app.lang),
            "sources": r.sources,
        })),
        "expiry": json!({
            "visible": p.expiry.visible,
            "what": p.expiry.what.get(app.lang),
            "how": p.expiry.how.get(app.lang),
            "probe": p.expiry.probe,
            "sources": p.expiry.sources,
        }),
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

/// The text table: every column as wide as its widest cell, and the description (what it
/// enables) cut to what is left of `width`; `--format json` has it in full.
fn table(rows: &[(&Provider, bool, bool)], app: &App, width: usize) -> String {
    let lang = app.lang;
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|(p, configured, enabled)| {
            let state = match (configured, enabled) {
                (true, true) => paint(GREEN, lang.pick("configured", "configuré")),
                (true, false) => paint(DIM, lang.pick("disabled", "désactivé")),
                (false, _) => paint(DIM, "-"),
            };
            let mut enables = p.enables.get(lang).to_string();
            if p.deprecated.is_some() {
                enables = format!("[{}] {enables}", lang.pick("deprecated", "obsolète"));
            }
            [
                p.id.clone(),
                p.name.clone(),
                p.categories
                    .iter()
                    .map(|c| c.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                state,
                enables,
            ]
        })
        .collect();
    let header = [
        "ID",
        lang.pick("NAME", "NOM"),
        lang.pick("CATEGORY", "CATÉGORIE"),
        lang.pick("STATE", "ÉTAT"),
        lang.pick("ENABLES", "PERMET"),
    ];
    let widths: Vec<usize> = (0..4)
        .map(|col| {
            cells
                .iter()
                .map(|row| wrap::text_width(&row[col]))
                .chain([wrap::text_width(header[col])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let used: usize = widths.iter().map(|w| w + 1).sum();
    // Never narrower than the header, even on a very narrow terminal.
    let rest = width.saturating_sub(used).max(header[4].len());
    let mut out = String::new();
    let row_text = |row: [&str; 5]| {
        let mut text = String::new();
        for (col, cell) in row.iter().take(4).enumerate() {
            text.push_str(&wrap::pad(cell, widths[col]));
            text.push(' ');
        }
        text.push_str(&wrap::cut(row[4], rest));
        text
    };
    out.push_str(&paint(BOLD, &row_text(header)));
    out.push('\n');
    for [id, name, category, state, enables] in &cells {
        out.push_str(&row_text([id, name, category, state, enables]));
        out.push('\n');
    }
    out
}
