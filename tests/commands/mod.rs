//! CLI behaviour, one file per command: `<command>_<situation>` tests.
