//! The single integration test binary (ripgrep, cargo): module declarations only.
//!
//! - `answers`: the corpus of real provider answers, replayed through each check.
//! - `support`: run the built binary in a sandbox, and the leak scanner.
//! - `fakes`: one local fake per provider, serving the documented API with real auth checks;
//!   each fake's file also holds that provider's own check tests.
//! - `checks`: every provider against the standard failure scenarios, and the leak test.
//! - `catalog`: the provider files, the spec's ids, the checks and the fakes agree.
//! - `commands`: CLI behaviour, one file per command.
//! - `guides`: the setup guides' sources, languages, French typography and golden renders.
//! - `contrib`: the systemd units shipped under `contrib/`.
//! - `faults`: every provider against every way a server misbehaves (the fault matrix).
//! - `hostile`: hostile input, servers and neighbours: secrets, files, resource limits.
//! - `properties`: property-based tests of the parsers, writers, validators and redactor.

mod answers;
mod catalog;
mod checks;
mod commands;
mod contrib;
mod engine;
mod fakes;
mod faults;
mod guides;
mod hostile;
mod properties;
mod support;
