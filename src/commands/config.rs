//! `integrate config path` and `integrate config show`.

use anyhow::Result;
use serde_json::{Value, json};

use super::App;
use crate::cli::Format;
use crate::config::resolve::{self, ResolvedProvider};
use crate::exit::{ExitStatus, usage};
use crate::output::config::{self as config_view, shown_value};
use crate::output::{self, BOLD, DIM, paint};

pub fn path(app: &App) -> Result<ExitStatus> {
    output::println(&app.config_path.display().to_string());
    Ok(ExitStatus::Success)
}

pub fn show(app: &App) -> Result<ExitStatus> {
    let config = app.load_config()?;
    let portal = resolve::portal(&config)?;
    let providers: Vec<ResolvedProvider> = resolve::resolve_all(&config)
        .into_iter()
        .filter(|r| r.in_file || r.configured())
        .collect();
    match app.global.format {
        Format::Json => {
            let list: Vec<Value> = providers.iter().map(config_view::provider_values).collect();
            let doc = output::json::document(json!({
                "path": app.config_path.display().to_string(),
                "exists": config.exists,
                "portal": {
                    "url": portal.url,
                    "kind": portal.kind.map(|k| k.as_str()),
                    "redirect_uri": portal.redirect_uri,
                },
                "providers": list,
            }));
            output::println(&serde_json::to_string_pretty(&doc)?);
        }
        Format::Text => {
            let state = if config.exists {
                ""
            } else {
                " (does not exist yet)"
            };
            output::println(&format!(
                "{} {}{state}",
                paint(BOLD, "config:"),
                app.config_path.display()
            ));
            output::println(&format!(
                "{} url = {}, kind = {}, redirect_uri = {}",
                paint(BOLD, "[portal]"),
                portal.url.as_deref().unwrap_or("-"),
                portal.kind.map_or("-", |k| k.as_str()),
                portal.redirect_uri
            ));
            if providers.is_empty() {
                output::println(
                    "\nNo provider is configured. Start with `integrate add <id>`; `integrate providers` lists them.",
                );
            }
            for r in &providers {
                let state = match (r.configured(), r.enabled) {
                    (true, true) => "enabled",
                    (true, false) => "disabled",
                    (false, _) => "incomplete",
                };
                output::println(&format!(
                    "\n{} ({state})",
                    paint(BOLD, &format!("[providers.{}]", r.provider.id))
                ));
                for (name, value) in &r.values {
                    output::println(&format!(
                        "  {:<22} {:<40} {}",
                        name,
                        shown_value(r, name, &value.text),
                        paint(DIM, &value.source.describe())
                    ));
                }
                for missing in r.missing() {
                    output::println(&format!(
                        "  {:<22} {:<40} {}",
                        missing,
                        "(missing)",
                        paint(
                            DIM,
                            &format!(
                                "set it with integrate add {} or ${}",
                                r.provider.id,
                                r.provider.env_var(missing)
                            )
                        )
                    ));
                }
                for problem in &r.problems {
                    output::warn(problem);
                }
            }
        }
        other => {
            return Err(usage(
                format!("`integrate config show` prints text or json, not {other:?}")
                    .to_lowercase(),
            ));
        }
    }
    Ok(ExitStatus::Success)
}
