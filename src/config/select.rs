//! Which providers a command works on: the ids the user named (aliases accepted, each once, in
//! the order given), or, without ids, every provider the configuration holds. `check`, `doctor`
//! and `push` all choose this way; only what "every provider" means differs ([`Scope`]).

use anyhow::Result;

use super::{ConfigFile, ResolvedProvider, resolve};
use crate::catalog;
use crate::exit::usage;

/// What "every provider" means when no id is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Configured (every required field has a value) and enabled: what `check` runs.
    Enabled,
    /// In the file or configured from the environment, enabled or not: what support wants to
    /// see (`doctor`, `report`).
    Present,
    /// Configured, enabled or not (`push` leaves the enabled filter to the portal mapping).
    Configured,
}

impl Scope {
    fn includes(self, resolved: &ResolvedProvider) -> bool {
        match self {
            Scope::Enabled => resolved.configured() && resolved.enabled,
            Scope::Present => resolved.in_file || resolved.configured(),
            Scope::Configured => resolved.configured(),
        }
    }
}

/// The providers named by `ids`, or every provider `scope` includes when `ids` is empty.
/// A named provider that is neither in the file nor configured from the environment is a usage
/// error that says how to set it up.
pub fn select(config: &ConfigFile, ids: &[String], scope: Scope) -> Result<Vec<ResolvedProvider>> {
    if ids.is_empty() {
        return Ok(resolve::resolve_all(config)
            .into_iter()
            .filter(|r| scope.includes(r))
            .collect());
    }
    let mut list: Vec<ResolvedProvider> = Vec::new();
    for id in ids {
        let provider = catalog::lookup(id)?;
        if list.iter().any(|r| r.provider.id == provider.id) {
            continue;
        }
        let resolved = resolve::resolve(config, provider);
        if !resolved.in_file && !resolved.configured() {
            return Err(usage(format!(
                "{} is not configured in {}; run `integrate add {}` or set its INTEGRATE_{}_* variables",
                provider.id,
                config.path.display(),
                provider.id,
                provider.id.to_ascii_uppercase()
            )));
        }
        list.push(resolved);
    }
    Ok(list)
}
