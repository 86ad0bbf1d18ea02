//! Hostile input, hostile servers, hostile neighbours (issue 11): one file per part of the
//! issue. The fault matrix lives in `tests/faults.rs`.

mod files;
mod kill;
mod resources;
mod secrets;

use std::sync::OnceLock;

use crate::fakes;

/// One provider's valid configuration, as its fake accepts it.
pub struct ProviderConfig {
    pub id: &'static str,
    pub fields: Vec<(&'static str, String)>,
    pub secrets: Vec<String>,
}

/// Each fake's valid fields and secrets, collected once per test binary. The fakes themselves
/// are stopped: the tests that use these point `endpoint` at servers of their own.
pub fn configs() -> &'static [ProviderConfig] {
    static CONFIGS: OnceLock<Vec<ProviderConfig>> = OnceLock::new();
    CONFIGS.get_or_init(|| {
        std::thread::spawn(|| {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("runtime");
            // Unconstrained: starting and dropping 28 fakes in one task spends tokio's
            // cooperative budget, and wiremock's `MockServer::drop` then blocks on a tokio lock
            // that answers "yield first" forever (a busy loop that never ends).
            runtime.block_on(tokio::task::unconstrained(async {
                let mut out = Vec::new();
                for (id, start) in fakes::all() {
                    let fake = start().await;
                    out.push(ProviderConfig {
                        id,
                        fields: fake.valid.clone(),
                        secrets: fake.secrets.clone(),
                    });
                }
                out
            }))
        })
        .join()
        .expect("collect the fakes' configurations")
    })
}
