//! One doctor run, as `integrate doctor` and `integrate report` both need it: the portal's
//! context (its files and `[portal]` table), a diagnosis per chosen provider, and the findings
//! about the setup as a whole.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use super::portal::{self, PortalContext};
use super::tls::TlsSetup;
use super::{Diagnosis, Finding, Options, Severity, diagnose_all};
use crate::config::{ConfigFile, ResolvedProvider, resolve};

/// What one run found.
pub struct Run {
    pub diagnoses: Vec<Diagnosis>,
    pub global: Vec<Finding>,
    pub portal_files: PortalFiles,
}

/// The portal files the run compared with, and where it looked: a report must say when it
/// found none, so that "no finding" is not read as "the portal file is fine".
#[derive(Debug, Clone, serde::Serialize)]
pub struct PortalFiles {
    pub found: Vec<String>,
    pub searched: Vec<String>,
    /// Files that could not be read or are not valid portal files, with why.
    pub unreadable: Vec<String>,
}

/// Where to look and how long to wait.
pub struct Setup<'a> {
    pub client: &'a reqwest::Client,
    /// `--ca-file`: extra trusted roots, for a proxy that inspects TLS.
    pub ca_file: Option<&'a Path>,
    /// Per layer, and for the live check.
    pub timeout: Duration,
    /// `--portal-file`; empty means the installed locations that exist.
    pub portal_files: &'a [PathBuf],
    /// `--warn-days`: certificates and keys expiring sooner are a warning.
    pub warn_days: u32,
}

/// Diagnoses `selected` against the configuration they were resolved from.
pub async fn run(
    setup: &Setup<'_>,
    config: &ConfigFile,
    selected: &[ResolvedProvider],
) -> Result<Run> {
    let tls = TlsSetup::new(setup.ca_file)?;
    let ctx = PortalContext::load(resolve::portal(config)?, &config.path, setup.portal_files);
    let options = Options {
        client: setup.client,
        tls: &tls,
        timeout: setup.timeout,
        portal: &ctx,
        warn_days: setup.warn_days,
    };
    // The portal's own certificate, read while the providers are diagnosed.
    let (diagnoses, portal_certificate) = tokio::join!(
        diagnose_all(&options, selected),
        portal_certificate(
            ctx.portal.url.as_deref(),
            &tls,
            setup.timeout,
            setup.warn_days
        )
    );
    let portal_files = PortalFiles {
        found: ctx
            .files
            .iter()
            .map(|f| f.path.display().to_string())
            .collect(),
        searched: ctx
            .searched
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        unreadable: ctx.unreadable.iter().chain(&ctx.invalid).cloned().collect(),
    };
    let mut global = portal::global(&ctx);
    global.extend(portal_certificate);
    Ok(Run {
        diagnoses,
        global,
        portal_files,
    })
}

/// The expiry of `[portal] url`'s certificate, as a finding: a warning within `warn_days`,
/// information otherwise (the same date `check` reports).
async fn portal_certificate(
    url: Option<&str>,
    tls: &TlsSetup,
    timeout: std::time::Duration,
    warn_days: u32,
) -> Option<Finding> {
    let url = url::Url::parse(url?)
        .ok()
        .filter(|u| u.scheme() == "https")?;
    let now = time::OffsetDateTime::now_utc();
    Some(
        match crate::check::expiry::certificate(&url, tls, timeout).await {
            Ok(known) if known.due(now, warn_days) => Finding::new(
                Severity::Warning,
                "portal_certificate_expiring",
                format!("{}, within {warn_days} days", known.sentence(now)),
            )
            .advice("Renew the portal's certificate (certbot renew, or your CA's process) before browsers and OAuth redirects refuse it."),
            Ok(known) => Finding::new(
                Severity::Info,
                "portal_certificate_expiry",
                known.sentence(now),
            ),
            Err(why) => Finding::new(
                Severity::Info,
                "portal_certificate_unknown",
                format!("the portal's certificate could not be read: {why}"),
            ),
        },
    )
}
