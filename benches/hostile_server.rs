//! Benchmark fixture for issue 11 §10: one server that answers every request with a body of
//! BYTES (streamed without a length, as a misbehaving server or proxy would), and an
//! `integrate.toml` with every provider's valid test configuration pointed at it. Prints
//! `ready`, then serves until its standard input closes. Used by `benches/run.sh`; not a test.
//!
//! Usage: cargo run --release --example bench-hostile -- BYTES CONFIG_PATH

// The fakes' own tests are `cfg(test)` and not compiled here; their helpers use `support`.
#[allow(unused_imports)]
#[path = "../tests/support/mod.rs"]
mod support;

#[allow(unused_imports)]
#[path = "../tests/fakes/mod.rs"]
mod fakes;

use support::hostile::{Fault, Hostile};
use tokio::io::AsyncReadExt;

#[tokio::main]
async fn main() {
    // Dropping a wiremock server inside tokio's cooperative budget can spin forever (the same
    // reason the tests run fakes in unconstrained tasks): the whole fixture runs outside it.
    tokio::task::unconstrained(serve()).await;
}

async fn serve() {
    let mut args = std::env::args().skip(1);
    let bytes: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(500 << 20);
    let config_path = args.next().unwrap_or_else(|| "bench-hostile.toml".into());
    let server = Hostile::start(Fault::HugeBody { bytes: Some(bytes) }).await;
    let mut providers = toml_edit::Table::new();
    providers.set_implicit(true);
    for (id, start) in fakes::all() {
        // Only the fake's valid fields are used: every request goes to the hostile server.
        let fake = start().await;
        let mut table = toml_edit::Table::new();
        for (name, value) in &fake.valid {
            table.insert(name, toml_edit::value(value.as_str()));
        }
        table.insert("endpoint", toml_edit::value(server.endpoint.as_str()));
        providers.insert(id, toml_edit::Item::Table(table));
    }
    let count = providers.len();
    let mut doc = toml_edit::DocumentMut::new();
    doc.insert("providers", toml_edit::Item::Table(providers));
    std::fs::write(&config_path, doc.to_string()).expect("write the benchmark config");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&config_path, std::fs::Permissions::from_mode(0o600));
    }
    println!("ready {count} providers, {bytes} bytes per answer, config {config_path}");
    let mut sink = Vec::new();
    let _ = tokio::io::stdin().read_to_end(&mut sink).await;
    drop(server);
}
