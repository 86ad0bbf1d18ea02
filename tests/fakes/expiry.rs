//! Expiry dates (issue 14.3): Google's public key metadata of a service account, served next
//! to the GCS fake, and TLS servers whose certificates (made here with rcgen) expire on chosen
//! dates, in front of the portal URL and of a provider's `endpoint`.
//!
//! The metadata answer has Google's shape: a JSON object from each key id of the account to
//! that key's PEM certificate, as served for example at
//! https://www.googleapis.com/service_accounts/v1/metadata/x509/securetoken@system.gserviceaccount.com
//! (the key set Firebase ID tokens are verified with). An unknown account is Google's 404
//! error object.

use std::sync::Arc;

use prometheus_parse::{Scrape, Value as Sample};
use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::json;
use time::OffsetDateTime;
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::gcs::{EMAIL_ADMIN, KID_ADMIN};
use crate::support::{Output, Sandbox, assert_no_leak};

/// A self-signed certificate for 127.0.0.1 that expires at `not_after`; its PEM and key.
fn certificate(not_after: OffsetDateTime) -> (String, rcgen::KeyPair, CertificateDer<'static>) {
    let mut params =
        rcgen::CertificateParams::new(vec!["127.0.0.1".to_string(), "localhost".to_string()])
            .unwrap();
    params.not_before = OffsetDateTime::now_utc() - time::Duration::days(1);
    params.not_after = not_after;
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = params.self_signed(&key).unwrap();
    (cert.pem(), key, cert.der().clone())
}

fn days(n: i64) -> OffsetDateTime {
    OffsetDateTime::now_utc() + time::Duration::days(n) + time::Duration::hours(2)
}

/// Serves the account's key metadata on the GCS fake's server: `kid` maps to a certificate
/// expiring at `not_after`, next to another key of the same account.
async fn publish_key(server: &MockServer, kid: &str, not_after: OffsetDateTime) {
    let (pem, _, _) = certificate(not_after);
    let (other, _, _) = certificate(days(400));
    Mock::given(method("GET"))
        .and(path(format!(
            "/service_accounts/v1/metadata/x509/{EMAIL_ADMIN}"
        )))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(
                json!({ kid: pem, "0f3c5a7e21b94d6c8e1a2b3c4d5e6f708192a3b4": other }),
            ),
        )
        .mount(server)
        .await;
}

/// The GCS fake with the metadata published, and the config pointing at it.
async fn gcs_with_key(sandbox: &Sandbox, not_after: OffsetDateTime) -> super::Fake {
    let fake = super::gcs::start().await;
    let server = fake
        .guard
        .downcast_ref::<MockServer>()
        .expect("the GCS fake is a MockServer");
    publish_key(server, KID_ADMIN, not_after).await;
    sandbox.set_provider("gcs", &fake.valid_config());
    fake
}

async fn check(sandbox: &Sandbox, extra: &[&str], secrets: &[String]) -> Output {
    let out = sandbox.check_json("gcs", extra).await;
    assert_no_leak(&out, secrets);
    assert!(
        !out.all().contains(KID_ADMIN),
        "key id shown:\n{}",
        out.all()
    );
    out
}

#[tokio::test]
async fn expiry_key_expiring_in_10_days_is_a_warning() {
    let sandbox = Sandbox::new();
    let fake = gcs_with_key(&sandbox, days(10)).await;
    let out = check(&sandbox, &[], &fake.secrets).await;
    let result = out.result("gcs");
    assert_eq!(result["status"], "warning", "{}", out.all());
    assert_eq!(result["reason"], "expiring");
    assert_eq!(out.code, 0, "a warning does not fail the run");
    let message = result["message"].as_str().unwrap();
    assert!(message.contains("in 10 days"), "{message}");
    let fact = &result["facts"]["expiry"][0];
    assert_eq!(fact["what"], "service_account_key");
    assert_eq!(fact["which"], EMAIL_ADMIN);
    assert_eq!(fact["days_left"], 10);
}

#[tokio::test]
async fn expiry_key_expiring_in_100_days_is_ok_with_the_date() {
    let sandbox = Sandbox::new();
    let not_after = days(100);
    let fake = gcs_with_key(&sandbox, not_after).await;
    let out = check(&sandbox, &[], &fake.secrets).await;
    let result = out.result("gcs");
    assert_eq!(result["status"], "ok", "{}", out.all());
    let fact = &result["facts"]["expiry"][0];
    assert_eq!(fact["days_left"], 100);
    let shown = OffsetDateTime::parse(
        fact["not_after"].as_str().unwrap(),
        &time::format_description::well_known::Rfc3339,
    )
    .unwrap();
    assert_eq!(shown.unix_timestamp(), not_after.unix_timestamp());
    // --warn-days moves the threshold past it.
    let out = check(&sandbox, &["--warn-days", "120"], &fake.secrets).await;
    assert_eq!(out.result("gcs")["status"], "warning", "{}", out.all());
    assert_eq!(out.result("gcs")["reason"], "expiring");
}

#[tokio::test]
async fn expiry_year_9999_key_never_expires() {
    let sandbox = Sandbox::new();
    let never = time::macros::datetime!(9999-12-31 23:59:59 UTC);
    let fake = gcs_with_key(&sandbox, never).await;
    let out = check(&sandbox, &["--warn-days", "100000"], &fake.secrets).await;
    let result = out.result("gcs");
    assert_eq!(result["status"], "ok", "{}", out.all());
    assert_eq!(result["facts"]["expiry"][0]["never_expires"], true);
    assert!(result["facts"]["expiry"][0].get("days_left").is_none());
}

#[tokio::test]
async fn expiry_unpublished_key_is_a_fact_not_a_verdict() {
    let sandbox = Sandbox::new();
    let fake = super::gcs::start().await;
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    // The account publishes other keys only: this key was deleted (or is not published yet).
    publish_key(server, "9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d", days(10)).await;
    sandbox.set_provider("gcs", &fake.valid_config());
    let out = check(&sandbox, &[], &fake.secrets).await;
    let result = out.result("gcs");
    assert_eq!(result["status"], "ok", "{}", out.all());
    assert!(result["facts"].get("expiry").is_none());
    let unknown = result["facts"]["expiry_unknown"][0].as_str().unwrap();
    assert!(
        unknown.contains("not among the published keys"),
        "{unknown}"
    );
}

#[tokio::test]
async fn expiry_metadata_is_asked_on_the_documented_path_only() {
    let sandbox = Sandbox::new();
    let fake = gcs_with_key(&sandbox, days(10)).await;
    check(&sandbox, &[], &fake.secrets).await;
    let server = fake.guard.downcast_ref::<MockServer>().unwrap();
    let asked: Vec<String> = server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path().contains("metadata"))
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        asked,
        [format!(
            "GET /service_accounts/v1/metadata/x509/{EMAIL_ADMIN}"
        )]
    );
}

fn parse(text: &str) -> Scrape {
    Scrape::parse(text.lines().map(|l| Ok(l.to_string()))).expect("the exposition parses")
}

fn expiry_sample(scrape: &Scrape, provider: &str, what: &str) -> Option<f64> {
    scrape
        .samples
        .iter()
        .find(|s| {
            s.metric == "integrate_credential_expiry_timestamp_seconds"
                && s.labels.get("provider") == Some(provider)
                && s.labels.get("what") == Some(what)
        })
        .map(|s| match s.value {
            Sample::Gauge(v) | Sample::Untyped(v) => v,
            _ => panic!("not a gauge: {:?}", s.value),
        })
}

#[tokio::test]
async fn expiry_metric_holds_the_keys_date() {
    let sandbox = Sandbox::new();
    let not_after = days(10);
    let fake = gcs_with_key(&sandbox, not_after).await;
    let out = sandbox
        .run_async(&["check", "gcs", "--format", "prometheus"])
        .await;
    assert_no_leak(&out, &fake.secrets);
    let scrape = parse(&out.stdout);
    assert_eq!(
        expiry_sample(&scrape, "gcs", "service_account_key"),
        Some(not_after.unix_timestamp() as f64),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("# TYPE integrate_credential_expiry_timestamp_seconds gauge")
    );
}

/// A TLS server with a certificate expiring at `not_after`. Each connection is relayed to
/// `upstream` (a fake's plain-HTTP port) when given, or closed after the handshake. Returns
/// its port and the certificate's PEM path, for --ca-file.
async fn tls_server(
    sandbox: &Sandbox,
    not_after: OffsetDateTime,
    upstream: Option<String>,
) -> (u16, std::path::PathBuf) {
    let (pem, key, der) = certificate(not_after);
    let pem_path = sandbox
        .dir
        .path()
        .join(format!("ca-{}.pem", not_after.unix_timestamp()));
    std::fs::write(&pem_path, pem).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![der], key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            let upstream = upstream.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                if let Some(upstream) = upstream
                    && let Ok(mut plain) = TcpStream::connect(upstream).await
                {
                    let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
                }
            });
        }
    });
    (port, pem_path)
}

#[tokio::test]
async fn expiry_portal_certificate_in_10_days_is_reported_everywhere() {
    let sandbox = Sandbox::new();
    let not_after = days(10);
    let (port, ca) = tls_server(&sandbox, not_after, None).await;
    sandbox.write_config(&format!(
        "[portal]\nkind = \"workspace\"\nurl = \"https://127.0.0.1:{port}\"\n"
    ));
    let telegram = super::telegram::start().await;
    sandbox.set_provider("telegram", &telegram.valid_config());
    let ca = ca.to_str().unwrap();

    let out = sandbox.check_json("telegram", &["--ca-file", ca]).await;
    assert_eq!(out.status("telegram"), "ok", "{}", out.all());
    let portal = &out.json()["portal"];
    assert_eq!(
        portal["expiry"]["what"], "tls_certificate",
        "{}",
        out.stdout
    );
    assert_eq!(portal["expiry"]["days_left"], 10);

    let out = sandbox
        .run_async(&["check", "telegram", "--ca-file", ca])
        .await;
    assert!(
        out.stdout.contains("portal") && out.stdout.contains("in 10 days"),
        "{}",
        out.stdout
    );
    // 5 days ahead is too short a warning for a date 10 days off: no line.
    let out = sandbox
        .run_async(&["check", "telegram", "--ca-file", ca, "--warn-days", "5"])
        .await;
    assert!(!out.stdout.contains("in 10 days"), "{}", out.stdout);

    let out = sandbox
        .run_async(&[
            "check",
            "telegram",
            "--ca-file",
            ca,
            "--format",
            "prometheus",
        ])
        .await;
    let scrape = parse(&out.stdout);
    assert_eq!(
        expiry_sample(&scrape, "portal", "tls_certificate"),
        Some(not_after.unix_timestamp() as f64),
        "{}",
        out.stdout
    );

    let out = sandbox
        .run_async(&["doctor", "telegram", "--ca-file", ca, "--format", "json"])
        .await;
    let findings = out.json()["findings"].clone();
    let finding = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "portal_certificate_expiring")
        .unwrap_or_else(|| panic!("no portal certificate finding: {findings}"));
    assert_eq!(finding["severity"], "warning");
    assert!(finding["message"].as_str().unwrap().contains("in 10 days"));
}

#[tokio::test]
async fn expiry_endpoint_certificate_turns_ok_into_warning() {
    let sandbox = Sandbox::new();
    let telegram = super::telegram::start().await;
    let upstream = telegram.endpoint.trim_start_matches("http://").to_string();
    let (soon, ca_soon) = tls_server(&sandbox, days(10), Some(upstream.clone())).await;
    let (later, ca_later) = tls_server(&sandbox, days(100), Some(upstream)).await;
    let mut fields = telegram.valid.clone();
    fields.push(("endpoint", format!("https://127.0.0.1:{soon}")));
    sandbox.set_provider("telegram", &fields);
    let out = sandbox
        .check_json("telegram", &["--ca-file", ca_soon.to_str().unwrap()])
        .await;
    assert_no_leak(&out, &telegram.secrets);
    let result = out.result("telegram");
    assert_eq!(result["status"], "warning", "{}", out.all());
    assert_eq!(result["reason"], "expiring");
    assert_eq!(result["facts"]["expiry"][0]["what"], "tls_certificate");
    assert_eq!(result["facts"]["expiry"][0]["days_left"], 10);

    let mut fields = telegram.valid.clone();
    fields.push(("endpoint", format!("https://127.0.0.1:{later}")));
    sandbox.set_provider("telegram", &fields);
    let out = sandbox
        .check_json("telegram", &["--ca-file", ca_later.to_str().unwrap()])
        .await;
    let result = out.result("telegram");
    assert_eq!(result["status"], "ok", "{}", out.all());
    assert_eq!(result["facts"]["expiry"][0]["days_left"], 100);
}

#[test]
fn expiry_every_provider_says_whether_an_expiry_can_be_seen() {
    for provider in integrate::catalog::all() {
        let claims = &provider.expiry;
        // A date is read only where the file names how, and every such claim has its evidence.
        assert_eq!(
            claims.visible,
            claims.probe.is_some(),
            "{}: `visible` and `probe` disagree",
            provider.id
        );
        assert!(
            !claims.sources.is_empty()
                && claims
                    .sources
                    .iter()
                    .all(|s| s.starts_with("https://") || s.starts_with("http://")),
            "{}: [expiry] needs sources that are URLs",
            provider.id
        );
        assert!(
            !claims.what.en.is_empty() && !claims.how.en.is_empty(),
            "{}",
            provider.id
        );
    }
}
