//! Benchmark fixture: starts every provider's test fake, each behind a TCP proxy that holds
//! back every response by a fixed latency (as a provider across the Internet would), writes
//! an `integrate.toml` that points every provider at its proxy, prints `ready`, and serves
//! until its standard input closes. Used by `benches/run.sh`; not a test.
//!
//! Usage: cargo run --release --example bench-fakes -- LATENCY_MS CONFIG_PATH [ID...]
//! With a latency of 0 the providers are served directly, without a proxy; with ids, only those
//! providers' fakes start.

// The fakes' own tests are `cfg(test)` and not compiled here; their helpers use `support`.
#[allow(unused_imports)]
#[path = "../tests/support/mod.rs"]
mod support;

#[allow(unused_imports)]
#[path = "../tests/fakes/mod.rs"]
mod fakes;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let latency = Duration::from_millis(args.next().and_then(|a| a.parse().ok()).unwrap_or(200));
    let config_path = args.next().unwrap_or_else(|| "bench-integrate.toml".into());
    let only: Vec<String> = args.collect();
    let mut doc = toml_edit::DocumentMut::new();
    let mut keep = Vec::new();
    let mut providers = toml_edit::Table::new();
    providers.set_implicit(true);
    for (id, start) in fakes::all() {
        if !only.is_empty() && !only.iter().any(|o| o == id) {
            continue;
        }
        let fake = start().await;
        let origin = fake
            .endpoint
            .trim_end_matches('/')
            .trim_start_matches("http://")
            .to_string();
        let proxy = if latency.is_zero() {
            origin
        } else {
            latency_proxy(origin, latency).await
        };
        let mut table = toml_edit::Table::new();
        for (name, value) in &fake.valid {
            table.insert(name, toml_edit::value(value.as_str()));
        }
        table.insert("endpoint", toml_edit::value(format!("http://{proxy}")));
        providers.insert(id, toml_edit::Item::Table(table));
        keep.push(fake);
    }
    doc.insert("providers", toml_edit::Item::Table(providers));
    std::fs::write(&config_path, doc.to_string()).expect("write the benchmark config");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&config_path, std::fs::Permissions::from_mode(0o600));
    }
    println!(
        "ready {} providers, {} ms latency, config {config_path}",
        keep.len(),
        latency.as_millis()
    );
    // Serve until the benchmark script closes our stdin.
    let mut sink = Vec::new();
    let _ = tokio::io::stdin().read_to_end(&mut sink).await;
    drop(keep);
}

/// A loopback proxy to `target` that delays the first bytes of every response by `latency`.
async fn latency_proxy(target: String, latency: Duration) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address").to_string();
    tokio::spawn(async move {
        while let Ok((client, _)) = listener.accept().await {
            let target = target.clone();
            tokio::spawn(async move {
                let Ok(server) = TcpStream::connect(&target).await else {
                    return;
                };
                let (mut client_read, mut client_write) = client.into_split();
                let (mut server_read, mut server_write) = server.into_split();
                let waiting = Arc::new(AtomicBool::new(false));
                let request_side = waiting.clone();
                let upstream = tokio::spawn(async move {
                    let mut buf = vec![0u8; 16 * 1024];
                    while let Ok(n) = client_read.read(&mut buf).await {
                        if n == 0 || server_write.write_all(&buf[..n]).await.is_err() {
                            break;
                        }
                        request_side.store(true, Ordering::SeqCst);
                    }
                    let _ = server_write.shutdown().await;
                });
                let mut buf = vec![0u8; 16 * 1024];
                while let Ok(n) = server_read.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                    if waiting.swap(false, Ordering::SeqCst) {
                        tokio::time::sleep(latency).await;
                    }
                    if client_write.write_all(&buf[..n]).await.is_err() {
                        break;
                    }
                }
                upstream.abort();
            });
        }
    });
    address
}
