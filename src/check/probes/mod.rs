//! Mechanisms several checks share, written once.

pub mod entra;
pub mod oauth;
