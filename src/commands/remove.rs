//! `integrate remove ID`: deletes the provider's table from the config file and its keyring
//! entries.

use anyhow::Result;

use super::App;
use crate::catalog;
use crate::config::edit;
use crate::exit::ExitStatus;
use crate::output;

pub fn exec(app: &App, id: &str) -> Result<ExitStatus> {
    let provider = catalog::lookup(id)?;
    let config = app.load_config()?;
    let entries = edit::remove_provider(&config, &provider.id)?;
    let extra = match entries {
        0 => String::new(),
        1 => " and 1 keyring entry".to_string(),
        n => format!(" and {n} keyring entries"),
    };
    output::note(&format!(
        "Removed {}{extra} from {}.",
        provider.id,
        app.config_path.display()
    ));
    Ok(ExitStatus::Success)
}
