//! Expiry dates of what a provider's keys depend on, read next to the live check (issue 14):
//! a key that works today and stops in a week should show before it stops.
//!
//! Two sources, both free of credentials:
//!
//! - the TLS certificate of an `https://` `endpoint` (and, in `check`, of `[portal] url`), read
//!   with the `tls` layer's handshake ([`crate::doctor::tls::leaf`]);
//! - what the provider file's `[expiry] probe` names: Google publishes, for every service
//!   account, the X.509 certificate of each of its keys; the certificate's notAfter is the
//!   key's expiry (year 9999 for keys Google created without one).
//!
//! A date within `--warn-days` turns an `ok` into `warning` (reason `expiring`); a date that
//! cannot be read is a fact (`expiry_unknown`), never a verdict on the keys: the check decides.

use std::time::Duration;

use serde::Deserialize;
use serde_json::{Value, json};
use time::OffsetDateTime;

use super::{Ctx, Outcome, Reason, Status};
use crate::catalog::schema::{ExpiryProbe, Validator};
use crate::doctor::tls::{self, TlsSetup};

/// `--warn-days`' default: the 30 days, long enough for a change request.
pub const DEFAULT_WARN_DAYS: u32 = 30;

/// Google writes this year into the certificate of a key that has no expiry.
const NEVER_YEAR: i32 = 9999;

/// Where Google publishes the public certificates of a service account's keys (no credentials
/// needed). https://cloud.google.com/iam/docs/reference/rest/v1/projects.serviceAccounts.keys
/// ("Public keys for all service accounts are also published at the OAuth2 Service Account API").
const GOOGLE_METADATA_ORIGIN: &str = "https://www.googleapis.com";

/// Google allows 10 keys per service account, each certificate about 1.5 KiB of PEM.
const METADATA_LIMIT: usize = 64 * 1024;

/// One expiry date that was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Known {
    /// What expires, as the metric's `what` label.
    pub what: What,
    /// Which one, for the reader: the host, the service account.
    pub which: String,
    pub not_after: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    TlsCertificate,
    ServiceAccountKey,
}

impl What {
    pub fn as_str(self) -> &'static str {
        match self {
            What::TlsCertificate => "tls_certificate",
            What::ServiceAccountKey => "service_account_key",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            What::TlsCertificate => "the TLS certificate of",
            What::ServiceAccountKey => "the service-account key of",
        }
    }
}

impl Known {
    pub fn never_expires(&self) -> bool {
        self.not_after.year() >= NEVER_YEAR
    }

    pub fn days_left(&self, now: OffsetDateTime) -> i64 {
        (self.not_after - now).whole_days()
    }

    /// Due within `warn_days` (or past).
    pub fn due(&self, now: OffsetDateTime, warn_days: u32) -> bool {
        !self.never_expires() && self.not_after - now < time::Duration::days(warn_days.into())
    }

    /// The JSON fact: what, which, when, and how far off.
    pub fn fact(&self, now: OffsetDateTime) -> Value {
        let mut fact = json!({
            "what": self.what.as_str(),
            "which": self.which,
            "not_after": rfc3339(self.not_after),
        });
        if self.never_expires() {
            fact["never_expires"] = true.into();
        } else {
            fact["days_left"] = self.days_left(now).into();
        }
        fact
    }

    /// A sentence for the message: "the service-account key of backup@… expires on 2026-12-13
    /// (in 10 days)".
    pub fn sentence(&self, now: OffsetDateTime) -> String {
        let date = self.not_after.date();
        let days = self.days_left(now);
        let when = if self.not_after <= now {
            format!("expired on {date}")
        } else if days == 0 {
            format!("expires on {date} (today)")
        } else {
            format!(
                "expires on {date} (in {days} day{})",
                if days == 1 { "" } else { "s" }
            )
        };
        format!("{} {} {when}", self.what.describe(), self.which)
    }

    /// Reads a fact written by [`Known::fact`] back (Prometheus output, doctor).
    pub fn from_fact(fact: &Value) -> Option<Known> {
        let what = match fact.get("what")?.as_str()? {
            "tls_certificate" => What::TlsCertificate,
            "service_account_key" => What::ServiceAccountKey,
            _ => return None,
        };
        let not_after = OffsetDateTime::parse(
            fact.get("not_after")?.as_str()?,
            &time::format_description::well_known::Rfc3339,
        )
        .ok()?;
        Some(Known {
            what,
            which: fact.get("which")?.as_str()?.to_string(),
            not_after,
        })
    }
}

/// What the expiry readers found for one provider.
#[derive(Debug, Default)]
pub struct Found {
    pub known: Vec<Known>,
    /// Why a date that should be readable was not (a network failure, an unknown key id).
    pub unknown: Vec<String>,
}

/// Reads every expiry that applies to this provider, concurrently, within `timeout`.
pub async fn read(ctx: &Ctx<'_>, tls: Option<&TlsSetup>, timeout: Duration) -> Found {
    let certificate = async {
        match (&ctx.endpoint, tls) {
            (Some(url), Some(setup)) if url.scheme() == "https" => {
                Some(certificate(url, setup, timeout).await)
            }
            _ => None,
        }
    };
    let key = async {
        match ctx.provider.expiry.probe {
            Some(ExpiryProbe::GoogleKeyMetadata) => Some(google_key(ctx).await),
            None => None,
        }
    };
    let (certificate, key) = tokio::join!(certificate, key);
    let mut found = Found::default();
    for result in [certificate, key].into_iter().flatten() {
        match result {
            Ok(known) => found.known.push(known),
            Err(why) => found.unknown.push(why),
        }
    }
    found
}

/// The expiry of the certificate `url`'s server presents.
pub async fn certificate(
    url: &url::Url,
    setup: &TlsSetup,
    timeout: Duration,
) -> Result<Known, String> {
    let leaf = tls::leaf(url, setup, timeout).await?;
    let host = url.host_str().unwrap_or_default();
    let which = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    Ok(Known {
        what: What::TlsCertificate,
        which,
        not_after: leaf.not_after,
    })
}

/// The parts of a service-account key file this needs.
#[derive(Deserialize)]
struct KeyFile {
    client_email: String,
    private_key_id: String,
}

/// Finds the key's certificate in its account's public metadata and reads its notAfter.
async fn google_key(ctx: &Ctx<'_>) -> Result<Known, String> {
    let field = ctx
        .provider
        .fields
        .iter()
        .find(|f| f.validate == Some(Validator::ServiceAccountJson))
        .ok_or("no service-account key field")?;
    let key: KeyFile = serde_json::from_str(ctx.get(&field.name))
        .map_err(|_| "the key file has no client_email or private_key_id".to_string())?;
    // Only what an account e-mail may hold, so the path cannot be steered elsewhere.
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_'))
    };
    if !plain(&key.client_email) || !plain(&key.private_key_id) {
        return Err("the key file's client_email or private_key_id is not plain text".into());
    }
    let url = ctx
        .url(
            GOOGLE_METADATA_ORIGIN,
            &format!("/service_accounts/v1/metadata/x509/{}", key.client_email),
        )
        .map_err(|o| o.message)?;
    // A side request: the map of an account's few keys is a few KiB, so its answer is cut
    // short where the check's own answers are not.
    let reply = ctx
        .send_limited(ctx.client.get(url), METADATA_LIMIT)
        .await
        .map_err(|o| {
            format!(
                "the key's public certificate could not be read: {}",
                o.message
            )
        })?;
    if reply.status != 200 {
        return Err(format!(
            "the key's public certificate could not be read (HTTP {})",
            reply.status
        ));
    }
    let certs: std::collections::BTreeMap<String, String> = reply
        .json()
        .map_err(|_| "the key metadata answer is not Google's JSON map of key ids".to_string())?;
    let Some(pem) = certs.get(&key.private_key_id) else {
        return Err(format!(
            "the key file's private_key_id is not among the published keys of {} (a deleted key, or one not published yet)",
            key.client_email
        ));
    };
    let not_after = pem_not_after(pem).ok_or("the key's certificate does not parse")?;
    // Named by its account: the key id stays out of the output, as the check keeps it.
    Ok(Known {
        what: What::ServiceAccountKey,
        which: key.client_email,
        not_after,
    })
}

fn pem_not_after(pem: &str) -> Option<OffsetDateTime> {
    let (_, pem) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).ok()?;
    let cert = pem.parse_x509().ok()?;
    Some(cert.validity().not_after.to_datetime())
}

/// Adds the dates to the check's outcome: facts always; an `ok` within `warn_days` of an
/// expiry becomes `warning` (`expiring`); a `warning` for another reason says it too.
pub fn apply(outcome: Outcome, found: &Found, warn_days: u32, now: OffsetDateTime) -> Outcome {
    let mut outcome = outcome;
    if !found.known.is_empty() {
        let facts: Vec<Value> = found.known.iter().map(|k| k.fact(now)).collect();
        outcome = outcome.fact("expiry", facts);
    }
    if !found.unknown.is_empty() {
        outcome = outcome.fact("expiry_unknown", found.unknown.clone());
    }
    let due: Vec<String> = found
        .known
        .iter()
        .filter(|k| k.due(now, warn_days))
        .map(|k| k.sentence(now))
        .collect();
    if due.is_empty() {
        return outcome;
    }
    let said = due.join("; ");
    match outcome.status {
        Status::Ok => {
            outcome = outcome.warn_if_ok(&said).reason(Reason::Expiring);
            if outcome.advice.is_none() {
                outcome.advice = Some(format!(
                    "Renew it before it expires (warned {warn_days} days ahead; --warn-days changes that)."
                ));
            }
            outcome
        }
        Status::Warning => {
            outcome.message = format!("{}; {said}", outcome.message);
            outcome
        }
        _ => outcome,
    }
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| at.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(days: i64, now: OffsetDateTime) -> Known {
        Known {
            what: What::ServiceAccountKey,
            which: "3671dd0e".into(),
            not_after: now + time::Duration::days(days) + time::Duration::hours(1),
        }
    }

    #[test]
    fn within_the_threshold_an_ok_becomes_an_expiring_warning() {
        let now = OffsetDateTime::now_utc();
        let found = Found {
            known: vec![known(10, now)],
            unknown: vec![],
        };
        let out = apply(Outcome::ok("accepted"), &found, 30, now);
        assert_eq!(out.status, Status::Warning);
        assert_eq!(out.code(), Reason::Expiring);
        assert!(out.message.contains("in 10 days"), "{}", out.message);
        let out = apply(Outcome::ok("accepted"), &found, 7, now);
        assert_eq!(out.status, Status::Ok);
        assert_eq!(out.facts["expiry"][0]["days_left"], 10);
        // A refused key stays refused; the date is still a fact.
        let out = apply(Outcome::rejected("no"), &found, 30, now);
        assert_eq!(out.status, Status::Rejected);
        assert!(out.facts.contains_key("expiry"));
    }

    #[test]
    fn year_9999_never_expires_and_facts_round_trip() {
        let now = OffsetDateTime::now_utc();
        let never = Known {
            what: What::ServiceAccountKey,
            which: "k".into(),
            not_after: time::macros::datetime!(9999-12-31 23:59:59 UTC),
        };
        assert!(!never.due(now, 100_000));
        let fact = never.fact(now);
        assert_eq!(fact["never_expires"], true);
        assert_eq!(Known::from_fact(&fact), Some(never));
    }
}
