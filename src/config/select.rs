//! Which providers a command works on: the ids the user named (aliases accepted, each once, in
//! the order given), or, without ids, every provider the configuration holds. `check`, `doctor`
//! and `push` all choose this way; what "every provider" means, and what a named provider must
//! be, differs ([`Scope`]).

use anyhow::Result;

use super::{ConfigFile, ResolvedProvider, resolve};
use crate::catalog;
use crate::exit::usage;

/// What "every provider" means when no id is named, and what a named one must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// `check`: every enabled provider the user set something for. A provider that cannot be
    /// used (fields missing, a value unreadable) is selected all the same, so that it becomes
    /// its own `misconfigured` result instead of vanishing. A named provider is always checked.
    Enabled,
    /// `doctor`, `report`: everything set, enabled or not (support wants to see all). A named
    /// provider must have something set: its layers say nothing about keys that do not exist.
    Present,
    /// `push`: configured providers (the portal mapping leaves out disabled ones). A named
    /// provider must be configured.
    Configured,
}

impl Scope {
    fn includes(self, resolved: &ResolvedProvider) -> bool {
        match self {
            Scope::Enabled => resolved.present() && resolved.enabled,
            Scope::Present => resolved.present(),
            Scope::Configured => resolved.configured(),
        }
    }
}

/// The providers named by `ids`, or every provider `scope` includes when `ids` is empty.
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
        if scope != Scope::Enabled && !scope.includes(&resolved) {
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

/// Why nothing was selected, and what to do: the "nothing to check" error of `command`
/// (`check`, `doctor`), whose work is `what` ("check", "diagnose").
pub fn nothing_selected(config: &ConfigFile, command: &str, what: &str) -> anyhow::Error {
    let all = resolve::resolve_all(config);
    let disabled: Vec<&str> = all
        .iter()
        .filter(|r| r.present() && !r.enabled)
        .map(|r| r.provider.id.as_str())
        .collect();
    let place = if config.exists {
        format!("{} configures no provider", config.path.display())
    } else {
        format!("there is no config file at {}", config.path.display())
    };
    if disabled.is_empty() {
        usage(format!(
            "nothing to {what}: {place} and no INTEGRATE_<ID>_<FIELD> variable is set. Set a provider up with `integrate add <id>` (`integrate providers` lists them), or give its fields as INTEGRATE_<ID>_<FIELD> variables (e.g. INTEGRATE_TELEGRAM_BOT_TOKEN)."
        ))
    } else {
        usage(format!(
            "nothing to {what}: every configured provider is disabled ({}). Enable one with `integrate enable <id>`, or name it: `integrate {command} {}`.",
            disabled.join(", "),
            disabled[0]
        ))
    }
}
