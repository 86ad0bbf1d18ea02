//! The frame every JSON document shares (spec, "Check results"; `schema/integrate.schema.json`):
//! `version` (of the document's shape), `tool` (`name`, `version`) and `generated_at` (RFC 3339,
//! UTC), followed by the command's own keys.

use serde_json::{Map, Value, json};

/// The version of the documents' shape. It changes only when a key changes meaning or goes.
pub const SCHEMA_VERSION: u64 = 1;

/// The current time as RFC 3339 UTC, e.g. `2026-12-02T20:29:10Z`.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// `body`'s keys behind the shared frame.
pub fn document(body: Value) -> Value {
    let mut doc = Map::new();
    doc.insert("version".into(), SCHEMA_VERSION.into());
    doc.insert(
        "tool".into(),
        json!({ "name": "integrate", "version": env!("CARGO_PKG_VERSION") }),
    );
    doc.insert("generated_at".into(), now().into());
    if let Value::Object(map) = body {
        for (key, value) in map {
            doc.insert(key, value);
        }
    }
    Value::Object(doc)
}

/// [`document`], pretty-printed.
pub fn render(body: Value) -> String {
    serde_json::to_string_pretty(&document(body)).unwrap_or_default()
}
