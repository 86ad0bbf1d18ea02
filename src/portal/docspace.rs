//! DocSpace's `autofac.consumers.json` (onlyoffice.md §1.2): an Autofac module,
//! `{"components":[{..., "parameters":{"name", "props":{...}, "additional":{...}}}]}`.
//!
//! jsonc-parser's AST gives each string literal with its byte range, so values are replaced in
//! place like the XML ones (see [`super`]); key order, indentation, comments and the rest of
//! the file never pass through a serialiser. Its CST would work too, but spans let both
//! formats share one edit path and make "nothing else changed" a property of the method.
//!
//! Only `props` values are written (the issue's rule, and what `Consumer.CanSet` counts);
//! `additional` entries are read for import and reported, untouched, on export. Parsing
//! follows the portal's loader (Microsoft.Extensions.Configuration.Json): comments and
//! trailing commas are accepted, unquoted property names are not.

use std::path::Path;

use anyhow::Result;
use jsonc_parser::ast::{Object, Value};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};

use super::{Parsed, Slot, malformed};

const WHAT: &str = "autofac.consumers.json";

pub fn parse(path: &Path, text: String) -> Result<Parsed> {
    let (consumers, slots) = scan(path, &text)?;
    Ok(Parsed {
        text,
        consumers,
        slots,
        layout: "Autofac module (components[].parameters.props)",
        encode,
    })
}

fn scan(path: &Path, text: &str) -> Result<(Vec<String>, Vec<Slot>)> {
    let options = ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: false,
        allow_trailing_commas: true,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    check_depth(path, text)?;
    let ast = parse_to_ast(text, &collect, &options)
        .map_err(|e| malformed(path, text, e.range().start, WHAT, &e.kind().to_string()))?;
    let shape = |offset: usize, detail: &str| malformed(path, text, offset, WHAT, detail);
    let Some(Value::Object(root)) = ast.value else {
        return Err(shape(0, "the top level is not an object"));
    };
    let Some(components) = root.get("components") else {
        return Err(shape(root.range.start, "there is no \"components\" array"));
    };
    let Value::Array(components) = &components.value else {
        return Err(shape(
            components.range.start,
            "\"components\" is not an array",
        ));
    };
    let mut consumers = Vec::new();
    let mut slots = Vec::new();
    for component in &components.elements {
        let Some(parameters) = as_object(component).and_then(|c| c.get_object("parameters")) else {
            continue;
        };
        let Some(name) = parameters.get_string("name") else {
            continue;
        };
        let name = name.value.to_string();
        for (section, writable) in [("props", true), ("additional", false)] {
            let Some(map) = parameters.get_object(section) else {
                continue;
            };
            for prop in &map.properties {
                let (value, span) = match &prop.value {
                    Value::StringLit(s) => (s.value.to_string(), s.range.start..s.range.end),
                    Value::NullKeyword(n) => (String::new(), n.range.start..n.range.end),
                    _ => continue,
                };
                slots.push(Slot {
                    consumer: name.clone(),
                    key: prop.name.as_str().to_string(),
                    value,
                    span,
                    writable,
                    visible: writable,
                    flagged_secret: false,
                    quote: b'"',
                });
            }
        }
        consumers.push(name);
    }
    Ok((consumers, slots))
}

/// The real file nests five levels deep; the parser recurses once per level, so a hostile
/// file of 40 KB of `[` would overflow the stack. Depth is measured before parsing, skipping
/// strings and comments.
const MAX_DEPTH: usize = 64;

fn check_depth(path: &Path, text: &str) -> Result<()> {
    #[derive(PartialEq)]
    enum In {
        Code,
        Text { escaped: bool },
        LineComment,
        BlockComment,
    }
    let bytes = text.as_bytes();
    let mut state = In::Code;
    let mut depth = 0usize;
    for (i, &b) in bytes.iter().enumerate() {
        state = match state {
            In::Code => match b {
                b'"' => In::Text { escaped: false },
                b'/' if bytes.get(i + 1) == Some(&b'/') => In::LineComment,
                b'/' if bytes.get(i + 1) == Some(&b'*') => In::BlockComment,
                b'[' | b'{' => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(malformed(
                            path,
                            text,
                            i,
                            WHAT,
                            &format!(
                                "arrays and objects are nested more than {MAX_DEPTH} levels deep"
                            ),
                        ));
                    }
                    In::Code
                }
                b']' | b'}' => {
                    depth = depth.saturating_sub(1);
                    In::Code
                }
                _ => In::Code,
            },
            In::Text { escaped: true } => In::Text { escaped: false },
            In::Text { escaped: false } => match b {
                b'\\' => In::Text { escaped: true },
                b'"' => In::Code,
                _ => In::Text { escaped: false },
            },
            In::LineComment if b == b'\n' => In::Code,
            In::BlockComment if b == b'/' && i > 0 && bytes[i - 1] == b'*' => In::Code,
            other => other,
        };
    }
    Ok(())
}

fn as_object<'a, 'b>(value: &'b Value<'a>) -> Option<&'b Object<'a>> {
    match value {
        Value::Object(o) => Some(o),
        _ => None,
    }
}

/// A JSON string literal, quotes included (the span covers the whole literal).
fn encode(_slot: &Slot, value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portal::Assignment;

    const FILE: &str = r#"{
  "components": [
    {
      "type": "ASC.Web.Core.Sms.TwilioProvider, ASC.Web.Core",
      "parameters": {
        "name": "twilio", "order": "9", "paid": false,
        "props": { "twilioAccountSid": "", "twilioAuthToken": "", "twiliosender": "" }
      }
    },
    {
      "parameters": { "name": "telegram", "order": 25,
        "props": { "telegramBotToken": null, "telegramBotName": "" },
        "additional": { "telegramAuthTokenLifespan": "20" } }
    }
  ]
}
"#;

    #[test]
    fn only_props_values_change() {
        let parsed = parse(Path::new("a.json"), FILE.to_string()).unwrap();
        let a = |c: &str, k: &str, v: &str| Assignment {
            provider: "x",
            field: "f".into(),
            consumer: c.into(),
            key: k.into(),
            value: v.into(),
            secret: false,
        };
        let edit = parsed.apply(&[
            a("Twilio", "twilioAccountSid", "AC\"1\n"),
            a("telegram", "telegramBotToken", "1:x"),
            a("telegram", "telegramAuthTokenLifespan", "30"),
        ]);
        let expected = FILE
            .replace(
                r#""twilioAccountSid": """#,
                r#""twilioAccountSid": "AC\"1\n""#,
            )
            .replace(
                r#""telegramBotToken": null"#,
                r#""telegramBotToken": "1:x""#,
            );
        assert_eq!(edit.text, expected);
        assert_eq!(edit.skipped.len(), 1);
        assert_eq!(edit.locked.len(), 2);
        assert_eq!(edit.locked[0].empty, ["twilioAuthToken", "twiliosender"]);
    }

    #[test]
    fn deep_nesting_is_refused_with_its_position() {
        let text = format!("{{\n  \"components\": {}", "[".repeat(40_000));
        let err = parse(Path::new("a.json"), text).unwrap_err().to_string();
        assert!(err.starts_with("a.json:2:"), "{err}");
        assert!(err.contains("nested more than 64 levels"), "{err}");
        // Brackets inside strings and comments do not count.
        let text = format!(
            "{{ /* {} */ \"components\": [], \"x\": \"{}\" }}",
            "[".repeat(100),
            "{".repeat(100)
        );
        assert!(parse(Path::new("a.json"), text).is_ok());
    }

    #[test]
    fn malformed_names_position() {
        let err = parse(
            Path::new("a.json"),
            "{\n  \"components\": [\n    {,\n".into(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("a.json:3:"), "{err}");
    }
}
