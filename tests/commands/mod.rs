//! CLI behaviour, one file per command: `<command>_<situation>` tests.

mod add;
mod completions;
mod config;
mod keyring;
mod providers;
mod toggle;
mod wizard;
