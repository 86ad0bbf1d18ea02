//! A misbehaving HTTP server on 127.0.0.1, one behaviour per [`Fault`]: the answers a check
//! meets on a bad day (a refused connection, a 500, a 429, a hang, a reset, a TLS failure, an endless body, a
//! redirect away, a captive portal's HTML, broken JSON). Raw TCP, so that it can do what a
//! well-behaved HTTP library refuses to (reset mid-request, stream without end).

use std::sync::Arc;
use std::time::Duration;

use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Nothing listens: the connection is refused.
    Refused,
    /// HTTP 500 with a short body.
    ServerError,
    /// HTTP 429 with `Retry-After: 1`.
    RateLimited,
    /// Reads the request, never answers.
    Hang,
    /// Reads the request, then resets the connection (RST, not FIN).
    Reset,
    /// Speaks TLS with a certificate nobody trusts.
    UntrustedTls,
    /// HTTP 200 and a body streamed without length, `bytes` long (or without end).
    HugeBody { bytes: Option<u64> },
    /// HTTP 200, then one byte of body every 200 ms, forever.
    SlowBody,
    /// HTTP 302 to another host.
    Redirect,
    /// HTTP 200 with a captive portal's HTML page.
    Html,
    /// HTTP 200 announcing JSON, with a body that is not JSON.
    InvalidJson,
}

/// A running hostile server; it stops when dropped.
pub struct Hostile {
    pub endpoint: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Hostile {
    pub async fn start(fault: Fault) -> Hostile {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("addr").port();
        if fault == Fault::Refused {
            drop(listener);
            return Hostile {
                endpoint: format!("http://127.0.0.1:{port}"),
                task: tokio::spawn(async {}),
            };
        }
        let scheme = if fault == Fault::UntrustedTls {
            "https"
        } else {
            "http"
        };
        let acceptor = (fault == Fault::UntrustedTls).then(acceptor);
        let task = tokio::spawn(async move {
            loop {
                let Ok((tcp, _)) = listener.accept().await else {
                    return;
                };
                let acceptor = acceptor.clone();
                tokio::spawn(async move {
                    match acceptor {
                        Some(acceptor) => {
                            // The client refuses the certificate; nothing more to do.
                            let _ = acceptor.accept(tcp).await;
                        }
                        None => serve(tcp, fault).await,
                    }
                });
            }
        });
        Hostile {
            endpoint: format!("{scheme}://127.0.0.1:{port}"),
            task,
        }
    }
}

fn acceptor() -> tokio_rustls::TlsAcceptor {
    let certified = rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_string()])
        .expect("self-signed certificate");
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let chain: Vec<CertificateDer<'static>> = vec![certified.cert.der().clone()];
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::aws_lc_rs::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .expect("protocol versions")
    .with_no_client_auth()
    .with_single_cert(chain, key)
    .expect("server config");
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

/// Reads up to the end of the request head (the body, if any, is ignored).
async fn read_head<S: AsyncRead + Unpin>(stream: &mut S) -> bool {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if head.len() > 1 << 20 {
            return false;
        }
    }
    true
}

async fn answer<S: AsyncWrite + Unpin>(stream: &mut S, status: &str, headers: &str, body: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

async fn serve(mut tcp: TcpStream, fault: Fault) {
    if !read_head(&mut tcp).await {
        return;
    }
    match fault {
        Fault::ServerError => {
            answer(&mut tcp, "500 Internal Server Error", "", "internal error").await
        }
        Fault::RateLimited => {
            answer(
                &mut tcp,
                "429 Too Many Requests",
                "Retry-After: 1\r\nContent-Type: application/json\r\n",
                r#"{"error":"rate_limited"}"#,
            )
            .await
        }
        Fault::Hang => tokio::time::sleep(Duration::from_secs(600)).await,
        Fault::Reset => {
            // SO_LINGER 0: closing sends RST instead of FIN. (Deprecated because a non-zero
            // linger blocks the thread on drop; a zero linger never does.)
            #[allow(deprecated)]
            let _ = tcp.set_linger(Some(Duration::ZERO));
            drop(tcp);
        }
        Fault::UntrustedTls | Fault::Refused => {}
        Fault::HugeBody { bytes } => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n";
            if tcp.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let chunk = vec![b'['; 64 * 1024];
            let mut sent = 0u64;
            while bytes.is_none_or(|limit| sent < limit) {
                if tcp.write_all(&chunk).await.is_err() {
                    return;
                }
                sent += chunk.len() as u64;
            }
            let _ = tcp.shutdown().await;
        }
        Fault::SlowBody => {
            let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{";
            if tcp.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            loop {
                tokio::time::sleep(Duration::from_millis(200)).await;
                if tcp.write_all(b" ").await.is_err() {
                    return;
                }
            }
        }
        Fault::Redirect => {
            answer(
                &mut tcp,
                "302 Found",
                "Location: https://login.attacker.example/collect\r\n",
                "",
            )
            .await
        }
        Fault::Html => {
            answer(
                &mut tcp,
                "200 OK",
                "Content-Type: text/html\r\n",
                "<!DOCTYPE html><html><head><title>Guest Wi-Fi</title></head><body><h1>Please accept the terms to continue</h1><form method=post><input type=submit value=Accept></form></body></html>",
            )
            .await
        }
        Fault::InvalidJson => {
            answer(
                &mut tcp,
                "200 OK",
                "Content-Type: application/json\r\n",
                r#"{"ok": true, "result": {"id": 1, "#,
            )
            .await
        }
    }
}
