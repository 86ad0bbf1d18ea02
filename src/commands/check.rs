//! `integrate check [ID...]`: the live checks, concurrently, in the chosen format, on stdout or
//! atomically into `--output FILE`. It fails closed: nothing to check is an error (exit 2), and
//! a provider whose settings cannot be used is its own `misconfigured` result while the others
//! are checked and the document printed.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use time::OffsetDateTime;

use super::App;
use crate::check::{CheckResult, Status, expiry};
use crate::cli::{CheckArgs, Format};
use crate::config::{self, Scope, file, resolve};
use crate::doctor::portal::PortalContext;
use crate::exit::ExitStatus;
use crate::output::ci::{self, Row};
use crate::output::{self, check as render, prometheus};
use crate::redact;

pub fn exec(app: &App, args: CheckArgs) -> Result<ExitStatus> {
    crate::config::keyring::set_timeout(args.timeout);
    let config = app.load_config()?;
    let portal = resolve::portal(&config)?;
    let selected = config::select(&config, &args.ids, Scope::Enabled)?;
    if selected.is_empty() {
        return Err(config::nothing_selected(&config, "check", "check"));
    }
    let overrides = redirect_overrides(&config, &portal, &selected, &args.portal_file)?;
    let started = output::json::now();
    let results = app.run_checks_with(
        &selected,
        args.timeout,
        portal.redirect_uri.clone(),
        overrides,
        args.warn_days,
    )?;
    let portal = PortalCertificate::read(app, portal.url.as_deref(), args.timeout)?;
    deliver(
        app,
        args.output.as_deref(),
        &Run {
            results: &results,
            portal: portal.as_ref(),
            warn_days: args.warn_days,
        },
        &started,
    )?;
    Ok(ExitStatus::from_statuses(results.iter().map(|r| r.status)))
}

/// The expiry of `[portal] url`'s TLS certificate (an `https://` URL only): browsers and the
/// providers' OAuth redirects stop reaching a portal whose certificate expired, whatever its keys.
struct PortalCertificate {
    url: String,
    date: Result<expiry::Known, String>,
}

impl PortalCertificate {
    fn read(app: &App, url: Option<&str>, timeout: Duration) -> Result<Option<PortalCertificate>> {
        let Some(parsed) = url
            .and_then(|u| url::Url::parse(u).ok())
            .filter(|u| u.scheme() == "https")
        else {
            return Ok(None);
        };
        let tls = crate::doctor::tls::TlsSetup::new(app.global.ca_file.as_deref())?;
        let date = app.block_on(expiry::certificate(&parsed, &tls, timeout))?;
        Ok(Some(PortalCertificate {
            url: parsed.to_string(),
            date,
        }))
    }

    fn json(&self, now: OffsetDateTime) -> serde_json::Value {
        match &self.date {
            Ok(known) => serde_json::json!({"url": self.url, "expiry": known.fact(now)}),
            Err(why) => serde_json::json!({"url": self.url, "expiry_unknown": why}),
        }
    }

    /// A text line when the date needs attention (or with -v).
    fn text(&self, now: OffsetDateTime, warn_days: u32, verbose: bool) -> Option<String> {
        let status = match &self.date {
            Ok(known) if known.due(now, warn_days) => Status::Warning,
            _ if !verbose => return None,
            Ok(_) => Status::Ok,
            Err(_) => Status::Unreachable,
        };
        let said = match &self.date {
            Ok(known) => known.sentence(now),
            Err(why) => format!("the portal's certificate could not be read: {why}"),
        };
        Some(format!(
            "{} {:<11} {} {said}\n",
            render::symbol(status),
            "portal",
            render::status_word(status)
        ))
    }
}

/// One run's results and what was read beside them.
struct Run<'a> {
    results: &'a [CheckResult],
    portal: Option<&'a PortalCertificate>,
    warn_days: u32,
}

/// Prints the results in the chosen format, or writes them to `--output` atomically: a
/// monitoring agent reading the file (node_exporter's textfile collector) sees the previous
/// run or this one, never a part. The file is for others to read (0644 less the umask): it
/// holds no secret, everything in it went through the redactor.
fn deliver(app: &App, output_file: Option<&Path>, run: &Run<'_>, started: &str) -> Result<()> {
    let results = run.results;
    let rows: Vec<Row> = results.iter().map(Row::from).collect();
    if app.global.format == Format::Github {
        ci::append_step_summary("check", &rows).context("cannot append to $GITHUB_STEP_SUMMARY")?;
    }
    let Some(path) = output_file else {
        let live = output::stdout_is_terminal() && output::stderr_is_terminal() && !output::quiet();
        output::print(&document(app.global.format, run, &rows, started, live));
        return Ok(());
    };
    let text = document(app.global.format, run, &rows, started, false);
    let text = redact::scrub(&anstream::adapter::strip_str(&text).to_string());
    file::replace_file(path, text.as_bytes(), 0o644)?;
    output::note(&format!("Results written to {}", path.display()));
    Ok(())
}

/// The whole output of a run. In text, the per-provider lines are left out when live
/// progress already showed them on the terminal.
fn document(format: Format, run: &Run<'_>, rows: &[Row], started: &str, live: bool) -> String {
    let results = run.results;
    let now = OffsetDateTime::now_utc();
    let portal_date = run.portal.and_then(|p| p.date.as_ref().ok());
    match format {
        Format::Json => {
            let mut body = render::json_body(results);
            if let Some(portal) = run.portal {
                body["portal"] = portal.json(now);
            }
            output::json::render(body) + "\n"
        }
        Format::Junit => ci::junit("integrate check", rows, started),
        Format::Github => ci::github("check", rows),
        Format::Prometheus => prometheus::render(results, portal_date, SystemTime::now()),
        Format::Text => {
            let mut text = String::new();
            if !live {
                // -q keeps only what needs attention, then the verdict.
                let shown = results.iter().filter(|r| {
                    !output::quiet() || r.status.is_problem() || r.status == Status::Warning
                });
                for result in shown {
                    text.push_str(&render::text_lines(result, output::verbose() > 0));
                }
            }
            if let Some(line) = run
                .portal
                .and_then(|p| p.text(now, run.warn_days, output::verbose() > 0))
            {
                text.push_str(&line);
            }
            text.push_str(&render::summary(results));
            text.push('\n');
            text
        }
    }
}

/// The redirect URI each provider's portal file sets (`<provider>RedirectUrl`), for the
/// authorization-endpoint probe (issue 12.4); `[portal] redirect_uri` still decides when set.
/// A file given that cannot be read or parsed is an error: the URI checked would be a guess.
fn redirect_overrides(
    config: &file::ConfigFile,
    portal: &resolve::Portal,
    selected: &[config::ResolvedProvider],
    files: &[std::path::PathBuf],
) -> Result<BTreeMap<String, String>> {
    if files.is_empty() {
        return Ok(BTreeMap::new());
    }
    let ctx = PortalContext::load(portal.clone(), &config.path, files);
    let problems: Vec<String> = ctx.unreadable.iter().chain(&ctx.invalid).cloned().collect();
    if !problems.is_empty() {
        return Err(crate::exit::usage(format!(
            "--portal-file: {}",
            problems.join("; ")
        )));
    }
    Ok(selected
        .iter()
        .map(|r| (r.provider.id.clone(), ctx.redirect_uri_for(r)))
        .collect())
}
