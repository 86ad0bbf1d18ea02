//! Mechanisms several checks share, written once.

pub mod authorize;
pub mod entra;
pub mod oauth;
