//! The user's `integrate.toml`: where it is, how it is read and written, and how each
//! provider's values are resolved from the file, the OS keyring and the environment.

pub mod edit;
pub mod file;
pub mod given;
pub mod keyring;
pub mod lint;
pub mod path;
pub mod resolve;
pub mod save;
pub mod secret;
pub mod select;

pub use file::ConfigFile;
pub use resolve::{Portal, ResolvedProvider, Source};
pub use secret::SecretRef;
pub use select::{Scope, nothing_selected, select};
