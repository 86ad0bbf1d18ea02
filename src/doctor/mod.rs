//! `integrate doctor`: for each provider, walk the path to its API host one layer at a time
//! (proxy, DNS, TCP, proxy tunnel, TLS, HTTP, clock) and stop at the first layer that fails,
//! with its evidence and the fix; then run the provider's live check (the same engine as
//! `integrate check`, [`crate::check::run::run_one`]) and add the portal-level findings that no
//! API call can see ([`portal`]).
//!
//! How a diagnosis becomes one of the spec's statuses:
//!
//! - a failed network layer (DNS, TCP, tunnel, TLS, HTTP, including a stall) is `unreachable`:
//!   nothing reached the provider, so there is no verdict on the keys;
//! - an origin that cannot be built (a bad `endpoint`) is `misconfigured`;
//! - otherwise the live check decides. A clock more than 5 minutes off the server's `Date` is
//!   not a wall (Telegram does not care), so the chain goes on: with a passing check it turns
//!   `ok` into `warning`; when the check fails for a provider that signs requests with the time
//!   (SigV4, JWT: `[quirks] clock_sensitive` in its file), the clock is the likely cause and the
//!   result is `misconfigured`;
//! - portal findings: an `error` makes a passing or unreachable provider `misconfigured` (it is
//!   certain without the network: the keys may work, the portal cannot use them), a `warning`
//!   turns `ok` into `warning`, `info` never changes the status.

pub mod layers;
pub mod portal;
pub mod session;
pub mod system;
pub mod tls;

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::check::{CheckResult, Reason, Status, run};
use crate::config::ResolvedProvider;
use layers::Target;

/// Beyond this, SigV4 (AWS allows 15 min, some S3-compatible stores 5) and JWT `iat`/`exp`
/// checks start failing.
pub const MAX_SKEW: Duration = Duration::from_secs(5 * 60);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerStatus {
    Ok,
    Warning,
    Failed,
    /// Does not apply here (no proxy, plain http to a loopback endpoint, no Date header).
    Skipped,
    /// An earlier layer failed.
    NotRun,
}

/// One layer of the path to the provider, as measured.
#[derive(Debug, Clone, Serialize)]
pub struct Layer {
    pub name: &'static str,
    pub status: LayerStatus,
    pub elapsed_ms: u64,
    pub summary: String,
    pub evidence: Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

impl Layer {
    pub fn new(name: &'static str, status: LayerStatus, summary: impl Into<String>) -> Layer {
        Layer {
            name,
            status,
            elapsed_ms: 0,
            summary: summary.into(),
            evidence: Map::new(),
            advice: None,
        }
    }

    pub fn ok(name: &'static str, summary: impl Into<String>) -> Layer {
        Layer::new(name, LayerStatus::Ok, summary)
    }

    pub fn failed(name: &'static str, summary: impl Into<String>) -> Layer {
        Layer::new(name, LayerStatus::Failed, summary)
    }

    /// Adds a piece of evidence; `null` values are left out.
    pub fn evidence(mut self, key: &str, value: impl Into<Value>) -> Layer {
        let value = value.into();
        if !value.is_null() {
            self.evidence.insert(key.to_string(), value);
        }
        self
    }

    pub fn advice(mut self, advice: impl Into<String>) -> Layer {
        self.advice = Some(advice.into());
        self
    }

    pub fn took(mut self, started: Instant) -> Layer {
        self.elapsed_ms = started.elapsed().as_millis() as u64;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing (shown with -v, and under a provider that has a problem).
    Info,
    Warning,
    Error,
}

/// Something about the portal's setup that no API call can tell.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub severity: Severity,
    /// A stable name for scripts, e.g. `docusign_needs_https`.
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
}

impl Finding {
    pub fn new(severity: Severity, code: &'static str, message: impl Into<String>) -> Finding {
        Finding {
            severity,
            code,
            message: message.into(),
            advice: None,
        }
    }

    pub fn advice(mut self, advice: impl Into<String>) -> Finding {
        self.advice = Some(advice.into());
        self
    }
}

/// One provider's diagnosis.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    pub provider: String,
    pub status: Status,
    /// Why, as a stable code: the failed layer's, the portal rule's, or the check's.
    pub reason: Reason,
    pub message: String,
    /// The origin diagnosed: `api_origin` filled in, or `endpoint`.
    pub origin: Option<String>,
    pub elapsed_ms: u64,
    pub layers: Vec<Layer>,
    pub findings: Vec<Finding>,
    pub check: Option<CheckResult>,
}

impl Diagnosis {
    /// The layer that stopped the chain, if one did.
    pub fn failed_layer(&self) -> Option<&Layer> {
        self.layers.iter().find(|l| l.status == LayerStatus::Failed)
    }
}

/// What every diagnosis of one run shares.
pub struct Options<'a> {
    pub client: &'a reqwest::Client,
    pub tls: &'a tls::TlsSetup,
    /// Per layer, and for the live check.
    pub timeout: Duration,
    pub portal: &'a portal::PortalContext,
    /// `--warn-days`, for the TLS layer and the live check's expiry dates.
    pub warn_days: u32,
}

/// Diagnoses every provider at once; each provider's layers run in order.
pub async fn diagnose_all(options: &Options<'_>, providers: &[ResolvedProvider]) -> Vec<Diagnosis> {
    let futures = providers.iter().map(|r| diagnose(options, r));
    futures::future::join_all(futures).await
}

/// Runs the layers, then the live check, then the portal findings.
pub async fn diagnose(options: &Options<'_>, resolved: &ResolvedProvider) -> Diagnosis {
    let started = Instant::now();
    let mut chain = Chain::default();
    let mut findings = portal::findings(resolved, options.portal);
    let target = match Target::of(resolved) {
        Ok(target) => target,
        Err(message) => {
            chain.layers.push(
                Layer::failed("origin", message.clone())
                    .advice(format!("Fix `endpoint` (or the fields the API host is built from) with `integrate add {}`.", resolved.provider.id)),
            );
            return finish(
                resolved,
                None,
                chain,
                findings,
                None,
                started,
                Status::Misconfigured,
                message,
            );
        }
    };
    let origin = Some(target.shown());
    let clock = match network(options, &target, &mut chain).await {
        Ok(clock) => clock,
        Err(layer) => {
            chain.stop_after(&target);
            let (status, message) = with_findings(
                Status::Unreachable,
                format!("{}: {}", layer.name, layer.summary),
                &findings,
            );
            return finish(
                resolved, origin, chain, findings, None, started, status, message,
            );
        }
    };
    let run_options = run::Options {
        client: options.client,
        timeout: options.timeout,
        redirect_uri: options.portal.redirect_uri_for(resolved),
        redirect_overrides: Default::default(),
        tls: Some(options.tls),
        warn_days: options.warn_days,
    };
    let check = run::run_one(&run_options, resolved).await;
    chain.layers.push(check_layer(&check));
    if let Some(layer) = redirect_layer(resolved, &check, &run_options.redirect_uri) {
        chain.layers.push(layer);
    }
    findings.extend(portal::after_check(resolved, &check));
    let (status, message) = verdict(resolved, &check, clock.as_ref(), &findings);
    finish(
        resolved,
        origin,
        chain,
        findings,
        Some(check),
        started,
        status,
        message,
    )
}

/// The layers before the live check. `Ok` carries the clock skew when one was measured beyond
/// [`MAX_SKEW`]; `Err` the layer that failed.
async fn network(
    options: &Options<'_>,
    target: &Target,
    chain: &mut Chain,
) -> Result<Option<layers::Skew>, Layer> {
    let timeout = options.timeout;
    let (layer, route) = layers::proxy(target);
    chain.push(layer);
    chain.tunnel = matches!(route, layers::Route::Proxy(_));
    let (host, port) = route.connect_to(target);
    let addrs = chain.step(layers::dns(&host, port, timeout).await)?;
    let stream = chain.step(layers::tcp(&addrs, &route, timeout).await)?;
    let stream = match &route {
        layers::Route::Proxy(proxy) => {
            chain.step(layers::tunnel(stream, target, proxy, timeout).await)?
        }
        layers::Route::Direct => stream,
    };
    if target.https {
        chain
            .step(tls::handshake(stream, target, options.tls, timeout, options.warn_days).await)?;
    } else {
        drop(stream);
        chain.push(Layer::new(
            "tls",
            LayerStatus::Skipped,
            "plain http:// to a loopback endpoint: no TLS",
        ));
    }
    let server_time = chain.step(layers::http(options.client, target, timeout).await)?;
    let (layer, skew) = layers::clock(&server_time);
    chain.push(layer);
    Ok(skew)
}

/// The layers measured so far; a failure ends the chain.
#[derive(Default)]
struct Chain {
    layers: Vec<Layer>,
    /// A proxy applies, so a CONNECT tunnel is one of the layers.
    tunnel: bool,
}

impl Chain {
    fn push(&mut self, layer: Layer) {
        self.layers.push(layer);
    }

    /// Records a layer; its value, or the failed layer itself, to stop with `?`.
    fn step<T>(&mut self, (layer, value): (Layer, Option<T>)) -> Result<T, Layer> {
        let failed = layer.clone();
        self.layers.push(layer);
        value.ok_or(failed)
    }

    /// Marks the layers after a failure as not run, so the report shows where it stopped.
    fn stop_after(&mut self, target: &Target) {
        let names = [
            "proxy", "dns", "tcp", "tunnel", "tls", "http", "clock", "check",
        ];
        for name in names {
            let applies = match name {
                "tunnel" => self.tunnel,
                "tls" => target.https,
                _ => true,
            };
            if applies && self.layers.iter().all(|l| l.name != name) {
                self.layers.push(Layer::new(
                    name,
                    LayerStatus::NotRun,
                    "not run: an earlier layer failed",
                ));
            }
        }
    }
}

fn check_layer(check: &CheckResult) -> Layer {
    let status = match check.status {
        Status::Ok => LayerStatus::Ok,
        Status::Warning => LayerStatus::Warning,
        Status::Skipped => LayerStatus::Skipped,
        Status::Rejected | Status::Misconfigured | Status::Unreachable => LayerStatus::Failed,
    };
    let mut layer = Layer::new(
        "check",
        status,
        format!("{}: {}", check.status, check.message),
    );
    layer.elapsed_ms = check.elapsed_ms;
    layer.evidence = check.facts.clone();
    layer.advice = check.advice.clone();
    layer
}

/// The redirect URI as its own layer after the credentials (issue 12.4): what the check's
/// authorization-endpoint probe found, or that it cannot be verified without signing in, with
/// the URI to register either way.
fn redirect_layer(resolved: &ResolvedProvider, check: &CheckResult, uri: &str) -> Option<Layer> {
    let provider = resolved.provider;
    provider.redirect_check.as_ref()?;
    let found = check
        .facts
        .get("redirect_uri")
        .and_then(|v| v.as_str())
        .unwrap_or("");
    let (status, summary) = if found == "registered" {
        (
            LayerStatus::Ok,
            format!("{uri} is registered with {}", provider.name),
        )
    } else if found.starts_with("not registered") || found.starts_with("accepted, but") {
        (LayerStatus::Failed, format!("{uri}: {found}"))
    } else if found.is_empty() {
        (
            LayerStatus::NotRun,
            format!("not checked: the credential check ended first; register {uri}"),
        )
    } else if found.starts_with("not verifiable") {
        let text = crate::check::probes::authorize::describe(provider, uri, crate::lang::Lang::En)
            .unwrap_or_default();
        (LayerStatus::Skipped, text)
    } else {
        (
            LayerStatus::Skipped,
            format!("{found}; the URI to register is {uri}"),
        )
    };
    let mut layer = Layer::new("redirect_uri", status, summary);
    if status == LayerStatus::Failed {
        layer.advice = check.advice.clone();
    }
    Some(layer)
}

/// The provider's status once every layer passed: the check's, adjusted by the clock and the
/// portal findings (rules in the module doc).
fn verdict(
    resolved: &ResolvedProvider,
    check: &CheckResult,
    skew: Option<&layers::Skew>,
    findings: &[Finding],
) -> (Status, String) {
    let mut status = check.status;
    let mut message = check.message.clone();
    let passing = matches!(status, Status::Ok | Status::Warning | Status::Skipped);
    if let Some(skew) = skew {
        if passing {
            status = Status::Warning;
            message = format!("{message}; {}", skew.describe());
        } else if resolved.provider.quirks.clock_sensitive.is_some()
            && matches!(status, Status::Rejected | Status::Unreachable)
        {
            status = Status::Misconfigured;
            message = format!(
                "{} (signed requests fail with a wrong clock): {message}",
                skew.describe()
            );
        }
    }
    with_findings(status, message, findings)
}

/// Portal findings on top of a status (rules in the module doc).
fn with_findings(
    mut status: Status,
    mut message: String,
    findings: &[Finding],
) -> (Status, String) {
    let worst = findings.iter().map(|f| f.severity).max();
    // A portal error is certain whatever the network says, so it also outranks `unreachable`.
    let outranked = matches!(
        status,
        Status::Ok | Status::Warning | Status::Skipped | Status::Unreachable
    );
    if outranked && worst == Some(Severity::Error) {
        status = Status::Misconfigured;
        if let Some(f) = findings.iter().find(|f| f.severity == Severity::Error) {
            message = format!("{}; {message}", f.message);
        }
    } else if status == Status::Ok && worst == Some(Severity::Warning) {
        status = Status::Warning;
        if let Some(f) = findings.iter().find(|f| f.severity == Severity::Warning) {
            message = format!("{message}; {}", f.message);
        }
    }
    (status, message)
}

#[allow(clippy::too_many_arguments)]
fn finish(
    resolved: &ResolvedProvider,
    origin: Option<String>,
    chain: Chain,
    findings: Vec<Finding>,
    check: Option<CheckResult>,
    started: Instant,
    status: Status,
    message: String,
) -> Diagnosis {
    let reason = reason_of(status, &chain.layers, &findings, check.as_ref());
    let mut diagnosis = Diagnosis {
        provider: resolved.provider.id.clone(),
        status,
        reason,
        message,
        origin,
        elapsed_ms: started.elapsed().as_millis() as u64,
        layers: chain.layers,
        findings,
        check,
    };
    scrub(&mut diagnosis);
    diagnosis
}

/// The reason code of a diagnosis, from what decided its status (rules in the module doc).
fn reason_of(
    status: Status,
    layers: &[Layer],
    findings: &[Finding],
    check: Option<&CheckResult>,
) -> Reason {
    let portal_error = findings.iter().any(|f| f.severity == Severity::Error);
    if status == Status::Misconfigured
        && portal_error
        && check.is_none_or(|c| c.status != Status::Misconfigured)
    {
        return Reason::PortalRule;
    }
    let failed = layers
        .iter()
        .find(|l| l.status == LayerStatus::Failed && !["check", "redirect_uri"].contains(&l.name));
    if let Some(layer) = failed {
        return match layer.name {
            "origin" => Reason::Config,
            "dns" => Reason::Dns,
            "tls" => Reason::Tls,
            "http" => Reason::HttpStatus,
            _ => Reason::Connect,
        };
    }
    match check {
        Some(c) if c.status == status => c.reason,
        // The clock turned a failing signed request into `misconfigured`.
        Some(_) if status == Status::Misconfigured => Reason::Clock,
        _ => Reason::default_for(status),
    }
}

/// Evidence quotes servers and error chains; everything passes the redactor once more here so
/// that every output format (and the report file) starts from clean data.
fn scrub(diagnosis: &mut Diagnosis) {
    use crate::redact::scrub as s;
    diagnosis.message = s(&diagnosis.message);
    for layer in &mut diagnosis.layers {
        layer.summary = s(&layer.summary);
        layer.advice = layer.advice.as_deref().map(s);
        for value in layer.evidence.values_mut() {
            crate::redact::scrub_json(value);
        }
    }
    for finding in &mut diagnosis.findings {
        finding.message = s(&finding.message);
        finding.advice = finding.advice.as_deref().map(s);
    }
}

/// Counts per status, in the spec's order.
pub fn counts(diagnoses: &[Diagnosis]) -> Map<String, Value> {
    let mut map = Map::new();
    for status in Status::ALL {
        let n = diagnoses.iter().filter(|d| d.status == status).count();
        map.insert(status.as_str().to_string(), n.into());
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Outcome;
    use crate::config::{ConfigFile, resolve};

    fn resolved(id: &str) -> ResolvedProvider {
        let config = ConfigFile {
            path: "/tmp/integrate.toml".into(),
            doc: toml_edit::DocumentMut::new(),
            exists: false,
        };
        resolve::resolve(&config, crate::catalog::find(id).unwrap())
    }

    /// A clock far off turns a failed check into `misconfigured` only for a provider whose file
    /// says its requests are signed with the time.
    #[test]
    fn a_wrong_clock_is_blamed_only_for_clock_sensitive_providers() {
        let skew = layers::Skew { seconds: 20 * 60 };
        let failed = |id: &str| CheckResult::new(id, Outcome::rejected("refused"), 5);
        let (status, message) = verdict(&resolved("s3"), &failed("s3"), Some(&skew), &[]);
        assert_eq!(status, Status::Misconfigured);
        assert!(message.contains("signed requests fail"), "{message}");
        let telegram = failed("telegram");
        let (status, _) = verdict(&resolved("telegram"), &telegram, Some(&skew), &[]);
        assert_eq!(status, Status::Rejected);
    }
}
