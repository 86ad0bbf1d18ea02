//! `integrate completions SHELL` and the hidden `integrate man`: generated from the clap
//! definitions, never written by hand.

use anyhow::Result;
use clap::CommandFactory;

use crate::cli::Cli;
use crate::exit::ExitStatus;

pub fn exec(shell: clap_complete::Shell) -> Result<ExitStatus> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "integrate", &mut out);
    crate::output::print(&String::from_utf8_lossy(&out));
    Ok(ExitStatus::Success)
}

pub fn man() -> Result<ExitStatus> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    crate::output::print(&String::from_utf8_lossy(&out));
    Ok(ExitStatus::Success)
}
