//! The TLS layer: a real handshake with rustls against the same trust the checks use (the
//! system roots, `SSL_CERT_FILE`, `--ca-file`), recording the certificate the server presents
//! even when it is refused, so the report can say who issued it and why it is not trusted.
//! An unknown issuer is the classic sign of a TLS-inspecting corporate proxy; the advice names
//! both fixes (`--ca-file`, `SSL_CERT_FILE`).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Result;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use tokio::net::TcpStream;

use super::layers::Target;
use super::{Layer, LayerStatus};
use crate::exit::usage;

/// The trusted roots, loaded once per run.
pub struct TlsSetup {
    roots: Arc<RootCertStore>,
    /// Where the roots came from, for the evidence.
    sources: Vec<String>,
}

impl TlsSetup {
    pub fn new(ca_file: Option<&Path>) -> Result<TlsSetup> {
        let mut roots = RootCertStore::empty();
        let mut sources = Vec::new();
        // Honours SSL_CERT_FILE/SSL_CERT_DIR itself; certificates it cannot parse are skipped,
        // as every TLS client on the machine does.
        let native = rustls_native_certs::load_native_certs();
        let (added, _) = roots.add_parsable_certificates(native.certs);
        sources.push(format!("system roots ({added})"));
        let extra: [(Option<PathBuf>, &str); 2] = [
            (
                std::env::var_os("SSL_CERT_FILE")
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from),
                "SSL_CERT_FILE",
            ),
            (ca_file.map(Path::to_path_buf), "--ca-file"),
        ];
        for (path, origin) in extra {
            let Some(path) = path else { continue };
            let bytes = crate::files::read_bytes(&path, crate::files::DOCUMENT_LIMIT)
                .map_err(|e| usage(format!("{origin} {}: cannot read it: {e}", path.display())))?;
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
                .filter_map(|c| c.ok())
                .collect();
            let (added, _) = roots.add_parsable_certificates(certs);
            if added == 0 {
                return Err(usage(format!(
                    "{origin} {}: holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
                    path.display()
                )));
            }
            sources.push(format!("{origin} {} ({added})", path.display()));
        }
        Ok(TlsSetup {
            roots: Arc::new(roots),
            sources,
        })
    }
}

/// Verifies like rustls does, and keeps the chain it was shown.
#[derive(Debug)]
struct Recording {
    inner: Arc<WebPkiServerVerifier>,
    seen: Mutex<Vec<CertificateDer<'static>>>,
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut seen) = self.seen.lock() {
            *seen = std::iter::once(end_entity)
                .chain(intermediates)
                .map(|c| c.clone().into_owned())
                .collect();
        }
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// The handshake over an open connection (direct, or the proxy's tunnel).
pub async fn handshake(
    stream: TcpStream,
    target: &Target,
    setup: &TlsSetup,
    timeout: Duration,
    warn_days: u32,
) -> (Layer, Option<()>) {
    let started = Instant::now();
    let (connector, recording) = match connector(setup) {
        Ok(pair) => pair,
        Err(err) => {
            return (
                Layer::failed("tls", format!("cannot set up TLS: {err}")).took(started),
                None,
            );
        }
    };
    let Ok(name) = ServerName::try_from(target.host.clone()) else {
        return (
            Layer::failed(
                "tls",
                format!("`{}` is not a valid TLS server name", target.host),
            )
            .took(started),
            None,
        );
    };
    let result = tokio::time::timeout(timeout, connector.connect(name, stream)).await;
    let chain = recording.seen.lock().map(|s| s.clone()).unwrap_or_default();
    let layer = match result {
        Ok(Ok(tls)) => {
            let (_, session) = tls.get_ref();
            let mut layer = Layer::ok("tls", "")
                .evidence("protocol", session.protocol_version().map(|v| format!("{v:?}")))
                .evidence("cipher_suite", session.negotiated_cipher_suite().map(|s| format!("{:?}", s.suite())));
            layer = describe_chain(layer, &chain);
            let subject = layer.evidence.get("subject").and_then(|v| v.as_str()).unwrap_or("?").to_string();
            let issuer = layer.evidence.get("issuer").and_then(|v| v.as_str()).unwrap_or("?").to_string();
            layer.summary = format!("trusted certificate for {subject}, issued by {issuer}");
            if let Some(days) = layer.evidence.get("days_left").and_then(|v| v.as_i64())
                && days < i64::from(warn_days)
            {
                layer.status = LayerStatus::Warning;
                layer.summary.push_str(&format!("; it expires in {days} days"));
            }
            return (layer.evidence("trusted_roots", setup.sources.clone()).took(started), Some(()));
        }
        Ok(Err(err)) => refused(&err, &chain, target),
        Err(_) => Layer::failed("tls", format!("no TLS handshake within {}s: the server accepted TCP but did not answer the ClientHello", timeout.as_secs_f32()))
            .advice("Something on the path expects plain HTTP, or a firewall holds TLS traffic: check `endpoint` (https:// on a plain-http port?) and the proxy."),
    };
    let layer = describe_chain(layer, &chain).evidence("trusted_roots", setup.sources.clone());
    (layer.took(started), None)
}

fn connector(setup: &TlsSetup) -> Result<(tokio_rustls::TlsConnector, Arc<Recording>)> {
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let inner = WebPkiServerVerifier::builder_with_provider(setup.roots.clone(), provider.clone())
        .build()?;
    let recording = Arc::new(Recording {
        inner,
        seen: Mutex::new(Vec::new()),
    });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .dangerous()
        .with_custom_certificate_verifier(recording.clone())
        .with_no_client_auth();
    Ok((
        tokio_rustls::TlsConnector::from(Arc::new(config)),
        recording,
    ))
}

/// Explains a failed handshake.
fn refused(err: &std::io::Error, chain: &[CertificateDer<'static>], target: &Target) -> Layer {
    let rustls_error = err
        .get_ref()
        .and_then(|e| e.downcast_ref::<rustls::Error>());
    let issuer = chain
        .first()
        .and_then(|c| parsed(c))
        .map(|c| c.issuer)
        .unwrap_or_else(|| "?".into());
    let self_signed = chain
        .first()
        .and_then(|c| parsed(c))
        .is_some_and(|c| c.subject == c.issuer);
    match rustls_error {
        Some(rustls::Error::InvalidCertificate(cert_error)) => match cert_error {
            CertificateError::UnknownIssuer => {
                let what = if self_signed {
                    format!("the server presented a self-signed certificate ({issuer}), which is not trusted here")
                } else {
                    format!("untrusted certificate: issued by {issuer}, which is not among the trusted roots")
                };
                Layer::failed("tls", what).advice(format!(
                    "If your network has a proxy or firewall that inspects TLS (the issuer is then your company's CA, not {}'s), trust its CA: pass --ca-file /path/to/corporate-ca.pem, or set SSL_CERT_FILE to a bundle that includes it. If no such device exists, someone is intercepting the connection: do not send keys over it.",
                    target.host
                ))
            }
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => Layer::failed("tls", "the server's certificate has expired")
                .advice("If the date below looks recent, this machine's clock is probably wrong (timedatectl); otherwise the server (or a proxy) must renew its certificate."),
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => Layer::failed("tls", "the server's certificate is not valid yet")
                .advice("This machine's clock is probably behind: synchronise it (timedatectl set-ntp true)."),
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                Layer::failed("tls", format!("the certificate is not valid for {}", target.host))
                    .advice("Check the host in `endpoint`; a proxy that inspects TLS may also present a certificate for another name.")
            }
            other => Layer::failed("tls", format!("the certificate was refused ({other:?})"))
                .advice("Compare the certificate below with what the provider publishes; a TLS-inspecting proxy needs --ca-file or SSL_CERT_FILE."),
        },
        Some(other) => Layer::failed("tls", format!("TLS handshake failed ({other})"))
            .advice("The server may not speak TLS on this port (an http:// service behind https://?), or a proxy interferes; check `endpoint` and HTTPS_PROXY."),
        None => Layer::failed("tls", format!("TLS handshake failed ({err})"))
            .advice("The connection was closed during the handshake: check `endpoint` (is it a TLS port?) and any proxy or firewall on the path."),
    }
}

struct Parsed {
    subject: String,
    issuer: String,
    not_before: String,
    not_after: String,
    not_after_at: time::OffsetDateTime,
    days_left: i64,
    names: Vec<String>,
}

/// The certificate a TLS server presents first (its own, the leaf), as read during a handshake.
#[derive(Debug, Clone)]
pub struct Leaf {
    pub subject: String,
    pub not_after: time::OffsetDateTime,
    /// The handshake succeeded with the trusted roots; an untrusted certificate still has a
    /// date worth reporting, but the reader should know.
    pub trusted: bool,
}

/// Reads the leaf certificate of `url`'s server with one direct handshake (no proxy), with the
/// same trust and recording verifier as the `tls` layer, for `check`'s expiry facts. `Err`
/// says why no certificate was seen.
pub async fn leaf(url: &url::Url, setup: &TlsSetup, timeout: Duration) -> Result<Leaf, String> {
    let host = url
        .host_str()
        .ok_or_else(|| format!("{url} has no host"))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let port = url.port_or_known_default().unwrap_or(443);
    let name = ServerName::try_from(host.clone())
        .map_err(|_| format!("`{host}` is not a valid TLS server name"))?;
    let (connector, recording) = connector(setup).map_err(|e| format!("cannot set up TLS: {e}"))?;
    let handshake = async {
        let stream = TcpStream::connect((host.as_str(), port))
            .await
            .map_err(|e| format!("cannot connect to {host}:{port}: {e}"))?;
        Ok::<bool, String>(connector.connect(name, stream).await.is_ok())
    };
    let trusted = tokio::time::timeout(timeout, handshake)
        .await
        .map_err(|_| {
            format!(
                "no TLS handshake with {host}:{port} within {}s",
                timeout.as_secs_f32()
            )
        })??;
    let chain = recording.seen.lock().map(|s| s.clone()).unwrap_or_default();
    let cert = chain
        .first()
        .and_then(|c| parsed(c))
        .ok_or_else(|| format!("{host}:{port} presented no certificate that could be read"))?;
    Ok(Leaf {
        subject: cert.subject,
        not_after: cert.not_after_at,
        trusted,
    })
}

fn parsed(der: &CertificateDer<'_>) -> Option<Parsed> {
    let (_, cert) = x509_parser::parse_x509_certificate(der.as_ref()).ok()?;
    let validity = cert.validity();
    let not_after = validity.not_after.to_datetime();
    let names = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|ext| {
            ext.value
                .general_names
                .iter()
                .map(|n| n.to_string())
                .collect()
        })
        .unwrap_or_default();
    let fmt = |t: time::OffsetDateTime| {
        t.format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|_| t.to_string())
    };
    Some(Parsed {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        not_before: fmt(validity.not_before.to_datetime()),
        not_after: fmt(not_after),
        not_after_at: not_after,
        days_left: (not_after - time::OffsetDateTime::now_utc()).whole_days(),
        names,
    })
}

/// Subject, issuer, validity and names of the server's certificate, and the chain's length.
fn describe_chain(layer: Layer, chain: &[CertificateDer<'static>]) -> Layer {
    let Some(cert) = chain.first().and_then(|c| parsed(c)) else {
        return layer;
    };
    layer
        .evidence("subject", cert.subject)
        .evidence("issuer", cert.issuer)
        .evidence("not_before", cert.not_before)
        .evidence("not_after", cert.not_after)
        .evidence("days_left", cert.days_left)
        .evidence("names", cert.names)
        .evidence("chain_length", chain.len())
}
