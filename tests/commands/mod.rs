//! CLI behaviour, one file per command: `<command>_<situation>` tests.

mod doctor;
mod report;
