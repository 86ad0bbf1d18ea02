//! Layer-by-layer diagnosis for support (built on the doctor branch).
