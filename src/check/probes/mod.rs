//! Mechanisms several checks share, written once.

pub mod oauth;
