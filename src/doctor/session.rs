//! One doctor run, as `integrate doctor` and `integrate report` both need it: the portal's
//! context (its files and `[portal]` table), a diagnosis per chosen provider, and the findings
//! about the setup as a whole.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Result;

use super::portal::{self, PortalContext};
use super::tls::TlsSetup;
use super::{Diagnosis, Finding, Options, diagnose_all};
use crate::config::{ConfigFile, ResolvedProvider, resolve};

/// What one run found.
pub struct Run {
    pub diagnoses: Vec<Diagnosis>,
    pub global: Vec<Finding>,
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
    };
    let diagnoses = diagnose_all(&options, selected).await;
    Ok(Run {
        diagnoses,
        global: portal::global(&ctx),
    })
}
