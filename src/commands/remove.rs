//! `integrate remove ID [--yes]`: deletes the provider's table from the config file and its
//! keyring entries. On a terminal it asks first (the keys may exist nowhere else); `--yes`
//! and scripts do not ask.

use anyhow::Result;

use super::App;
use crate::catalog;
use crate::config::{edit, keyring};
use crate::exit::ExitStatus;
use crate::output;
use crate::wizard;

pub fn exec(app: &App, id: &str, yes: bool) -> Result<ExitStatus> {
    let provider = catalog::lookup(id)?;
    let config = app.load_config()?;
    if config.provider_table(&provider.id).is_some() && app.interactive && !yes {
        let question = match app.lang {
            crate::lang::Lang::En => format!(
                "Remove {} and its keys from {}? They cannot be recovered",
                provider.id,
                app.config_path.display()
            ),
            crate::lang::Lang::Fr => format!(
                "Supprimer {} et ses clés de {}\u{a0}? Elles ne pourront pas être récupérées",
                provider.id,
                app.config_path.display()
            ),
        };
        if !wizard::confirm(&question, false)? {
            output::note(
                app.lang
                    .pick("Nothing was removed.", "Rien n'a été supprimé."),
            );
            return Ok(ExitStatus::Success);
        }
    }
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
