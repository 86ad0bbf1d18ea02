//! Every JSON document the suite reads is checked against `schema/integrate.schema.json`, the
//! definition of the command that printed it: [`super::Output::json`] calls [`validate`], so no
//! JSON output escapes the contract.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use serde_json::Value;

const SCHEMA: &str = include_str!("../../schema/integrate.schema.json");

/// The schema definition for a run's arguments: the subcommand decides.
pub fn kind_of(args: &[String]) -> &'static str {
    let command = args
        .iter()
        .find(|a| !a.starts_with('-') && !a.contains('/') && !a.ends_with(".toml"))
        .map(String::as_str)
        .unwrap_or("");
    match command {
        "check" | "add" => "check",
        "doctor" => "doctor",
        "providers" | "list" => "providers",
        "config" => "config_show",
        "report" => "report",
        "push" => "push",
        "pull" => "pull",
        other => panic!(
            "a JSON document from `{other}` ({args:?}): add its definition to schema/integrate.schema.json and to tests/support/schema.rs"
        ),
    }
}

/// Panics with every violation when `doc` does not match the definition `kind`.
pub fn validate(kind: &str, doc: &Value) {
    static VALIDATORS: OnceLock<Mutex<HashMap<String, jsonschema::Validator>>> = OnceLock::new();
    let mut cache = VALIDATORS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let validator = cache.entry(kind.to_string()).or_insert_with(|| {
        let mut schema: Value = serde_json::from_str(SCHEMA).expect("the schema is JSON");
        let root = schema.as_object_mut().expect("the schema is an object");
        root.remove("anyOf");
        root.insert("$ref".into(), format!("#/$defs/{kind}").into());
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap_or_else(|e| panic!("schema/integrate.schema.json does not compile: {e}"))
    });
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("  {} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the `{kind}` document does not match schema/integrate.schema.json:\n{}\n{doc:#}",
        errors.join("\n")
    );
}

#[test]
fn schema_reason_codes_are_the_tools_own() {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap();
    let listed: Vec<&str> = schema["$defs"]["reason"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let ours: Vec<String> = integrate::check::Reason::ALL
        .iter()
        .map(|r| {
            serde_json::to_value(r)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        listed, ours,
        "the schema's reasons and Reason::ALL disagree"
    );
}

#[test]
fn schema_rejects_a_check_document_without_reason() {
    let doc = serde_json::json!({
        "version": 1,
        "tool": {"name": "integrate", "version": "0.1.0"},
        "generated_at": "2026-12-02T20:00:00Z",
        "results": [{"provider": "telegram", "status": "ok", "message": "", "facts": {},
                     "advice": null, "elapsed_ms": 3}],
        "counts": {"ok": 1, "warning": 0, "rejected": 0, "misconfigured": 0,
                   "unreachable": 0, "skipped": 0}
    });
    let result = std::panic::catch_unwind(|| validate("check", &doc));
    assert!(
        result.is_err(),
        "a result without `reason` passed the schema"
    );
    let mut fixed = doc.clone();
    fixed["results"][0]["reason"] = "verified".into();
    validate("check", &fixed);
}
