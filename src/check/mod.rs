//! Live credential checks: one small module per provider, all behind one signature
//! (`async fn check(ctx: &Ctx<'_>) -> Verdict`), run concurrently by [`run`].
//!
//! A provider's module builds the documented request (the API doc URL sits above it), sends it
//! with [`Ctx::send`], and maps only documented answers to a status. Shared mechanisms live in
//! [`probes`]. The [`checks!`] list is the registry: one token per provider.

pub mod expiry;
pub mod http;
pub mod probes;
pub mod run;
pub mod status;

use std::future::Future;
use std::pin::Pin;
use std::time::Instant;

pub use status::{CheckResult, Outcome, Reason, Status};

/// What a check returns. Both sides are a verdict: `Ok` is the one the check reached at its
/// end, `Err` the one a step settled early (no usable answer, a body that does not parse), so
/// that `?` ends the check with it. [`run`] treats both alike.
pub type Verdict = Result<Outcome, Outcome>;

use crate::catalog::Provider;
use crate::config::ResolvedProvider;
use http::Reply;

/// Everything a provider check may use.
pub struct Ctx<'a> {
    pub provider: &'static Provider,
    pub resolved: &'a ResolvedProvider,
    pub client: &'a reqwest::Client,
    /// The `endpoint` override, already validated.
    pub endpoint: Option<url::Url>,
    /// The portal's OAuth redirect URI (`[portal] redirect_uri`), for probes that must send it.
    pub redirect_uri: String,
    pub deadline: Instant,
    /// What the dummy-code probe's altered-secret control found, for `run` to settle the
    /// verdict with ([`probes::oauth::settle_control`]).
    pub control: std::sync::Mutex<Option<probes::oauth::SecretControl>>,
}

impl Ctx<'_> {
    /// Keeps the altered-secret control of the last dummy-code request.
    pub fn record_control(&self, control: probes::oauth::SecretControl) {
        if let Ok(mut slot) = self.control.lock() {
            *slot = Some(control);
        }
    }

    /// Takes the control, leaving none.
    pub fn take_control(&self) -> Option<probes::oauth::SecretControl> {
        self.control.lock().ok().and_then(|mut slot| slot.take())
    }

    /// A field's value; required fields are always present once local validation passed.
    pub fn get(&self, field: &str) -> &str {
        self.resolved.get(field).unwrap_or("")
    }

    /// An optional field's value; empty strings count as absent.
    pub fn opt(&self, field: &str) -> Option<&str> {
        self.resolved.get(field).filter(|v| !v.is_empty())
    }

    /// The URL for `path_and_query` on the provider's `origin` (e.g. `https://api.telegram.org`),
    /// or on `endpoint` when one is set: same path, same query, another origin.
    pub fn url(&self, origin: &str, path_and_query: &str) -> Result<url::Url, Outcome> {
        let base = match &self.endpoint {
            Some(endpoint) => endpoint.as_str().trim_end_matches('/').to_string(),
            None => origin.trim_end_matches('/').to_string(),
        };
        url::Url::parse(&format!("{base}{path_and_query}")).map_err(|e| {
            Outcome::unreachable(format!("internal error building the request URL: {e}"))
        })
    }

    /// Rewrites a full URL taken from the credentials (GCS `token_uri`) onto `endpoint`.
    pub fn rebase(&self, full: &str) -> Result<url::Url, Outcome> {
        let parsed = url::Url::parse(full)
            .map_err(|e| Outcome::rejected(format!("`{full}` is not a URL: {e}")))?;
        match &self.endpoint {
            None => Ok(parsed),
            Some(_) => {
                let mut pq = parsed.path().to_string();
                if let Some(q) = parsed.query() {
                    pq.push('?');
                    pq.push_str(q);
                }
                self.url("", &pq)
            }
        }
    }

    /// Sends a request with the shared retry and timeout rules; see [`http::send`].
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Result<Reply, Outcome> {
        let request = request.build().map_err(|e| {
            Outcome::unreachable(format!(
                "internal error building the request: {}",
                http::error_chain(&e)
            ))
        })?;
        http::send(self.client, request, self.deadline).await
    }

    /// [`Ctx::send`], keeping at most `limit` bytes of the body ([`http::send_limited`]).
    pub async fn send_limited(
        &self,
        request: reqwest::RequestBuilder,
        limit: usize,
    ) -> Result<Reply, Outcome> {
        let request = request.build().map_err(|e| {
            Outcome::unreachable(format!(
                "internal error building the request: {}",
                http::error_chain(&e)
            ))
        })?;
        http::send_limited(self.client, request, self.deadline, limit).await
    }
}

/// The signature every provider check has.
pub type CheckFn = for<'a> fn(&'a Ctx<'a>) -> Pin<Box<dyn Future<Output = Verdict> + Send + 'a>>;

macro_rules! checks {
    ($($id:literal => $module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every provider id that has a live check.
        pub const IDS: &[&str] = &[$($id),*];

        /// The check of a provider id.
        pub fn find(id: &str) -> Option<CheckFn> {
            match id {
                $($id => Some(|ctx| Box::pin($module::check(ctx))),)*
                _ => None,
            }
        }
    };
}

// The registry: one line per provider. `tests/catalog.rs` fails until it lists every catalog id.
checks![
    "apple" => apple,
    "bitly" => bitly,
    "box" => r#box,
    "clickatell" => clickatell,
    "docusign" => docusign,
    "dropbox" => dropbox,
    "easybib" => easybib,
    "facebook" => facebook,
    "firebase" => firebase,
    "gcs" => gcs,
    "google" => google,
    "linkedin" => linkedin,
    "mailru" => mailru,
    "mendeley" => mendeley,
    "microsoft" => microsoft,
    "onedrive" => onedrive,
    "rackspace" => rackspace,
    "s3" => s3,
    "selectel" => selectel,
    "smsc" => smsc,
    "telegram" => telegram,
    "twilio" => twilio,
    "twitter" => twitter,
    "vk" => vk,
    "wordpress" => wordpress,
    "yahoo" => yahoo,
    "yandex" => yandex,
    "zotero" => zotero,
];
