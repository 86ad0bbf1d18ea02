//! `integrate`: set up and verify the third-party keys of a self-hosted ONLYOFFICE portal.
//!
//! The architecture, in the order data flows through it:
//!
//! - [`catalog`]: the providers, each described as data (`providers/<id>.toml`, embedded at
//!   build time). One schema drives the wizard, `--set` validation, environment variable names, JSON
//!   output, masking and the portal key names.
//! - [`config`]: the user's `integrate.toml` (comment-preserving, atomic, locked writes), secrets
//!   kept inline, in the OS keyring or in the environment, and where each value comes from.
//! - [`check`]: one small live check per provider behind one signature, run concurrently on one
//!   shared HTTP client. Only documented answers decide; anything else is `unreachable`.
//! - [`output`]: everything printed goes through here, and through [`redact`] on the way out.
//! - [`portal`]: the portal's own formats (`web.consumers.config`, `autofac.consumers.json`)
//!   and the DocSpace `settings/authservice` API.
//! - [`doctor`]: layer-by-layer diagnosis (DNS, TCP, TLS, proxy, HTTP, clock) for support.
//! - [`commands`]: one thin module per subcommand; [`cli`] declares them.
//! - [`files`]: every file and stream from outside is read with a limit and written without
//!   following planted links; [`redact`] keeps secrets and control characters out of output.

// A check's "could not tell" or "refused" verdict travels as `Result<_, Outcome>`; it is built
// once per provider, so boxing it would only add noise.
#![allow(clippy::result_large_err)]

pub mod catalog;
pub mod check;
pub mod cli;
pub mod commands;
pub mod config;
pub mod doctor;
pub mod exit;
pub mod files;
pub mod lang;
pub mod output;
pub mod portal;
pub mod redact;
pub mod wizard;
