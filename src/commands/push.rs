//! `integrate push URL [--only ID]... [--token-stdin]`: sends the configured keys to a running
//! DocSpace, one `POST settings/authservice` per provider ([`authservice::push`]), and prints
//! what the portal did with each. The token comes from $INTEGRATE_DOCSPACE_TOKEN or stdin.

use anyhow::Result;
use serde_json::json;

use super::App;
use crate::cli::{Format, PushArgs};
use crate::config::{self, Scope};
use crate::exit::{ExitStatus, usage};
use crate::output;
use crate::portal::{self, Generation, authservice};

pub fn exec(app: &App, args: PushArgs) -> Result<ExitStatus> {
    let base = authservice::portal_url(&args.url)?;
    let token = authservice::token(args.token_stdin)?;
    let config = app.load_config()?;
    let selected = config::select(&config, &args.only, Scope::Configured)?;
    if let Some(incomplete) = selected.iter().find(|r| !r.configured()) {
        return Err(usage(format!(
            "{} is not configured here",
            incomplete.provider.id
        )));
    }
    let (assignments, not) = portal::assignments(&selected, Generation::Docspace, app.lang);
    for n in &not {
        output::warn(&format!("{} is not pushed: {}", n.provider, n.reason));
    }
    if assignments.is_empty() {
        return Err(usage(
            "nothing to push: no configured, enabled provider has DocSpace keys",
        ));
    }
    let http = app.http()?;
    let client = http.client();
    let consumers = match app.block_on(authservice::list(client, &base, &token))? {
        Ok(list) => list,
        Err(answer) => {
            let (message, exit) = answer.list_failure();
            output::error(&message);
            return Ok(exit);
        }
    };
    let report = app.block_on(authservice::push(
        client,
        &base,
        &token,
        &assignments,
        &consumers,
    ))?;
    for line in &report.not_sent {
        output::warn(line);
    }
    if app.global.format == Format::Json {
        output::println(&output::json::render(json!({
            "portal": base.as_str(),
            "results": report.results,
        })));
    } else {
        for r in &report.results {
            output::println(&format!(
                "{:<10} {:<12} {}",
                r.provider,
                r.status.as_str(),
                r.message
            ));
        }
    }
    Ok(report.exit())
}
