//! A provider's configured values as `config show` and `report` show them: secrets masked to
//! their last 4 characters, each value with where it came from.

use serde_json::{Value, json};

use crate::config::ResolvedProvider;
use crate::redact;

/// The value as shown: secrets masked to their last 4 characters.
pub fn shown_value(resolved: &ResolvedProvider, field: &str, value: &str) -> String {
    let secret = resolved.provider.field(field).is_some_and(|f| f.secret);
    if secret {
        redact::mask(value)
    } else {
        value.to_string()
    }
}

/// One provider's values, secrets masked, with their sources.
pub fn provider_values(r: &ResolvedProvider) -> Value {
    let fields: Vec<Value> = r
        .values
        .iter()
        .map(|(name, value)| {
            json!({
                "name": name,
                "value": shown_value(r, name, &value.text),
                "secret": r.provider.field(name).is_some_and(|f| f.secret),
                "source": value.source.kind(),
                "location": value.source.describe(),
            })
        })
        .collect();
    json!({
        "id": r.provider.id,
        "configured": r.configured(),
        "enabled": r.enabled,
        "fields": fields,
        "missing": r.missing(),
        "problems": r.problems,
    })
}
