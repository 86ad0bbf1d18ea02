//! Keeps secrets out of everything the tool prints or writes outside its config file.
//!
//! Every secret value the process reads is registered here. Before any text leaves the
//! process (stdout, stderr, logs, reports, JUnit) it passes through [`scrub`], which replaces
//! every run of 5 or more characters that also occurs inside a secret: the spec forbids any
//! part of a secret longer than 4 characters. Matching is done on 5-character windows, so a
//! secret that reappears truncated, or inside a URL, or percent-encoded, is caught as well.

use std::collections::HashSet;
use std::sync::{OnceLock, RwLock};

/// The marker that replaces redacted text.
pub const MASK: &str = "[REDACTED]";
const WINDOW: usize = 5;

#[derive(Default)]
struct Registry {
    windows: HashSet<Vec<char>>,
    /// Field names and provider ids: a message must be able to name the field that is wrong
    /// even when a (malformed) secret happens to contain the word, e.g. `not-a-token`.
    vocabulary: Vec<Vec<char>>,
}

/// Words that stay readable even when a secret contains them (field names, provider ids).
pub fn protect<'a>(words: impl IntoIterator<Item = &'a str>) {
    let Ok(mut reg) = registry().write() else {
        return;
    };
    for word in words {
        let chars: Vec<char> = word.chars().collect();
        if chars.len() >= WINDOW && !reg.vocabulary.contains(&chars) {
            reg.vocabulary.push(chars);
        }
    }
}

fn registry() -> &'static RwLock<Registry> {
    static REGISTRY: OnceLock<RwLock<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

/// Registers a secret value. PEM and JSON key files register only their secret parts (the
/// base64 body, the private key), so that words like "PRIVATE KEY" in messages survive.
pub fn register(secret: &str) {
    let mut pieces: Vec<String> = Vec::new();
    for piece in secret_pieces(secret) {
        let encoded = url::form_urlencoded::byte_serialize(piece.as_bytes()).collect::<String>();
        if encoded != piece {
            pieces.push(encoded);
        }
        pieces.push(piece);
    }
    let Ok(mut reg) = registry().write() else {
        return;
    };
    for piece in pieces {
        let chars: Vec<char> = piece.chars().collect();
        if chars.len() < WINDOW {
            continue;
        }
        for window in chars.windows(WINDOW) {
            reg.windows.insert(window.to_vec());
        }
    }
}

/// The parts of a secret value that must never be shown.
fn secret_pieces(secret: &str) -> Vec<String> {
    let trimmed = secret.trim();
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(trimmed) {
        // A key file: its private key and key id are secret; the account e-mail and project are
        // what support needs to see.
        let mut pieces = Vec::new();
        for key in [
            "private_key",
            "private_key_id",
            "client_secret",
            "refresh_token",
        ] {
            if let Some(value) = map.get(key).and_then(|v| v.as_str()) {
                pieces.extend(secret_pieces(value));
            }
        }
        return pieces;
    }
    if trimmed.contains("-----BEGIN") {
        return trimmed
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("-----"))
            .map(|line| line.replace("\\n", ""))
            .flat_map(|line| line.split("\\n").map(str::to_string).collect::<Vec<_>>())
            .collect();
    }
    vec![trimmed.to_string()]
}

/// Replaces every registered secret fragment in `text`.
pub fn scrub(text: &str) -> String {
    let Ok(reg) = registry().read() else {
        return text.to_string();
    };
    if reg.windows.is_empty() {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    if chars.len() < WINDOW {
        return text.to_string();
    }
    let mut hidden = vec![false; chars.len()];
    for start in 0..=chars.len() - WINDOW {
        if reg.windows.contains(&chars[start..start + WINDOW]) {
            hidden[start..start + WINDOW]
                .iter_mut()
                .for_each(|h| *h = true);
        }
    }
    for word in &reg.vocabulary {
        let n = word.len();
        if n > chars.len() {
            continue;
        }
        for start in 0..=chars.len() - n {
            if chars[start..start + n] == word[..] {
                let before = start.checked_sub(1).map(|i| chars[i]);
                let after = chars.get(start + n).copied();
                let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                if boundary(before) && boundary(after) {
                    hidden[start..start + n].iter_mut().for_each(|h| *h = false);
                }
            }
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if hidden[i] {
            out.push_str(MASK);
            while i < chars.len() && hidden[i] {
                i += 1;
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Scrubs every string inside a JSON value (facts, evidence), in place.
pub fn scrub_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => *text = scrub(text),
        serde_json::Value::Array(items) => items.iter_mut().for_each(scrub_json),
        serde_json::Value::Object(map) => map.values_mut().for_each(scrub_json),
        _ => {}
    }
}

/// Masks a secret for display: its last 4 characters, nothing else (spec, `config show`).
pub fn mask(secret: &str) -> String {
    let chars: Vec<char> = secret.trim().chars().collect();
    if chars.len() <= 8 {
        return "****".into();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("****{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_whole_and_partial_secrets() {
        register("123456789:AAEhBOweik9ai2o4HLm3U8mwTPrvX1E_aY4");
        let text = "GET https://api.telegram.org/bot123456789:AAEhBOweik9ai2o4HLm3U8mwTPrvX1E_aY4/getMe failed; token ends X1E_aY4";
        let out = scrub(text);
        assert!(!out.contains("AAEhBO"), "{out}");
        assert!(!out.contains("X1E_a"), "{out}");
        assert!(out.contains("https://api.telegram.org/bot"), "{out}");
        assert!(out.contains("/getMe failed"), "{out}");
    }

    #[test]
    fn scrubs_url_encoded_form() {
        register("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        let out = scrub("secret=wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY");
        assert!(!out.contains("K7MDENG"), "{out}");
    }

    #[test]
    fn pem_headers_survive() {
        register(
            "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----\n",
        );
        let out = scrub("the PRIVATE KEY is bad: MIGTAgEAMBMGByqG");
        assert!(out.contains("PRIVATE KEY is bad"), "{out}");
        assert!(!out.contains("MIGTAgE"), "{out}");
    }

    #[test]
    fn mask_keeps_last_four() {
        assert_eq!(mask("abcdefghijkl"), "****ijkl");
        assert_eq!(mask("short"), "****");
    }
}
