//! Every form in which a secret can reach the outside: the parts of it that are secret (a PEM
//! body, a key file's private fields), and each of those as the tool or a server may encode it:
//! URL query and path escaping, JSON and XML escaping, and base64. Base64 is the subtle one: the
//! characters a secret turns into depend on where it starts inside the encoded bytes (an HTTP
//! Basic header encodes `id:secret`, so the secret's offset is the id's length plus one). The
//! three alignments are registered, each cut to the whole 3-byte groups that hold only the
//! secret's bytes, so any base64 text containing the secret contains one of them.

use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD_NO_PAD, URL_SAFE_NO_PAD};

/// The parts of a secret value that must never be shown. PEM and JSON key files register only
/// their secret parts (the base64 body, the private key), so that "PRIVATE KEY", a key file's
/// field names and the service account's e-mail stay readable.
pub fn pieces(secret: &str) -> Vec<String> {
    let trimmed = secret.trim();
    if trimmed.starts_with('{')
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(trimmed)
    {
        return json_pieces(trimmed, &value);
    }
    if trimmed.contains("-----BEGIN") {
        return trimmed
            .lines()
            .flat_map(|line| line.split("\\n"))
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("-----"))
            .map(str::to_string)
            .collect();
    }
    vec![trimmed.to_string()]
}

/// A JSON secret: a key file's secret fields when it is one; otherwise every string in it (a
/// secret that happens to be JSON is secret as a whole, but its punctuation is not).
fn json_pieces(text: &str, value: &serde_json::Value) -> Vec<String> {
    const KEY_FILE: [&str; 4] = [
        "private_key",
        "private_key_id",
        "client_secret",
        "refresh_token",
    ];
    if let serde_json::Value::Object(map) = value
        && KEY_FILE.iter().any(|k| map.contains_key(*k))
    {
        return KEY_FILE
            .iter()
            .filter_map(|k| map.get(*k).and_then(|v| v.as_str()))
            .flat_map(pieces)
            .collect();
    }
    // The whole text too: its runs that straddle punctuation are runs of the secret as well.
    let mut out = vec![text.to_string()];
    collect_strings(value, &mut out);
    out
}

fn collect_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.extend(pieces(s)),
        serde_json::Value::Number(n) => out.push(n.to_string()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Beyond this size a piece is no credential a provider issues (key files are a few KB) but
/// hostile input: only its raw and JSON-escaped forms are kept, so that the registry of a
/// 1 MiB value stays a few MiB instead of a hundred.
const ENCODED_UP_TO: usize = 64 * 1024;

/// `piece` and the encodings of it that can appear in output, without duplicates; the caller
/// registers every 8-byte run of each.
pub fn encodings(piece: &str) -> Vec<String> {
    let mut forms = vec![piece.to_string()];
    let mut add = |form: String| {
        if !form.is_empty() && !forms.contains(&form) {
            forms.push(form);
        }
    };
    if piece.len() > ENCODED_UP_TO {
        if let Ok(json) = serde_json::to_string(piece) {
            add(json[1..json.len() - 1].to_string());
        }
        return forms;
    }
    // application/x-www-form-urlencoded (space as +) and RFC 3986 escaping (space as %20).
    let form_encoded: String = url::form_urlencoded::byte_serialize(piece.as_bytes()).collect();
    add(form_encoded.replace('+', "%20"));
    add(form_encoded.to_ascii_lowercase_escapes());
    add(form_encoded);
    // JSON string escaping, without the quotes.
    if let Ok(json) = serde_json::to_string(piece) {
        add(json[1..json.len() - 1].to_string());
    }
    // XML attribute and text escaping (JUnit, web.consumers.config).
    add(quick_xml::escape::escape(piece).into_owned());
    // Base64, standard and URL-safe, at each of the three alignments.
    let bytes = piece.as_bytes();
    for skip in 0..3.min(bytes.len()) {
        let rest = &bytes[skip..];
        let whole = &rest[..rest.len() - rest.len() % 3];
        if whole.is_empty() {
            continue;
        }
        add(STANDARD_NO_PAD.encode(whole));
        add(URL_SAFE_NO_PAD.encode(whole));
    }
    forms
}

/// Percent escapes written with lowercase hex digits (`%2f`), as some servers echo them.
trait LowercaseEscapes {
    fn to_ascii_lowercase_escapes(&self) -> String;
}

impl LowercaseEscapes for String {
    fn to_ascii_lowercase_escapes(&self) -> String {
        let mut out = String::with_capacity(self.len());
        let mut chars = self.chars();
        while let Some(c) = chars.next() {
            out.push(c);
            if c == '%' {
                for _ in 0..2 {
                    if let Some(h) = chars.next() {
                        out.push(h.to_ascii_lowercase());
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_header_holds_one_alignment() {
        let secret = "s3cr3t-Token/With+Symbols";
        let forms = encodings(secret);
        for id in ["a", "ab", "abc", "client-id-123"] {
            let header = base64::engine::general_purpose::STANDARD.encode(format!("{id}:{secret}"));
            assert!(
                forms
                    .iter()
                    .skip(1)
                    .any(|f| f.len() >= 8 && header.contains(f.as_str())),
                "{header} holds no registered form"
            );
        }
    }

    #[test]
    fn key_file_registers_only_secret_fields() {
        let p = pieces(
            r#"{"type":"service_account","client_email":"a@b.iam","private_key_id":"0123456789abcdef"}"#,
        );
        assert_eq!(p, ["0123456789abcdef"]);
    }

    #[test]
    fn other_json_registers_its_strings() {
        let p = pieces(r#"{"token":"abcdefgh12345678","n":[1234567890]}"#);
        assert_eq!(
            p,
            [
                r#"{"token":"abcdefgh12345678","n":[1234567890]}"#,
                "abcdefgh12345678",
                "1234567890"
            ]
        );
    }

    #[test]
    fn url_and_json_escapes_are_registered() {
        let forms = encodings("a b/c\"d\\e");
        assert!(forms.contains(&"a+b%2Fc%22d%5Ce".to_string()), "{forms:?}");
        assert!(
            forms.contains(&"a%20b%2Fc%22d%5Ce".to_string()),
            "{forms:?}"
        );
        assert!(forms.contains(&"a b/c\\\"d\\\\e".to_string()), "{forms:?}");
    }
}
