//! `integrate guide ID`: the setup steps in the chosen language, with the portal's redirect
//! URI filled in (rendered by [`crate::output::guide`]).

use anyhow::Result;

use super::App;
use crate::catalog;
use crate::config::resolve;
use crate::exit::ExitStatus;
use crate::output::wrap::{self, Stream};
use crate::output::{self, guide};

pub fn exec(app: &App, id: &str) -> Result<ExitStatus> {
    let provider = catalog::lookup(id)?;
    let config = app.load_config()?;
    let portal = resolve::portal(&config)?;
    output::print(&guide::render(
        provider,
        app.lang,
        &portal,
        wrap::width(Stream::Stdout),
    ));
    Ok(ExitStatus::Success)
}
