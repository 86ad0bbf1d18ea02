//! `integrate remove ID`: deletes the provider's table from the config file and its keyring
//! entries.

use anyhow::Result;

use super::App;
use crate::catalog;
use crate::config::{edit, keyring};
use crate::exit::ExitStatus;
use crate::output;

pub fn exec(app: &App, id: &str) -> Result<ExitStatus> {
    let provider = catalog::lookup(id)?;
    let config = app.load_config()?;
    let removed = edit::remove_provider(&config, &provider.id)?;
    let extra = match removed.deleted {
        0 => String::new(),
        1 => " and 1 keyring entry".to_string(),
        n => format!(" and {n} keyring entries"),
    };
    output::note(&format!(
        "Removed {}{extra} from {}.",
        provider.id,
        app.config_path.display()
    ));
    for (entry, why) in &removed.left_behind {
        output::warn(&format!(
            "the keyring entry {}/{entry} was left behind ({why}); delete it when the keyring works again, e.g. `secret-tool clear service {} username {entry}`",
            keyring::SERVICE,
            keyring::SERVICE
        ));
    }
    Ok(ExitStatus::Success)
}
