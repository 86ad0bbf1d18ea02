//! The portal's own formats and API.
