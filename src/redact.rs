//! Keeps secrets out of everything the tool prints or writes outside its config file (spec,
//! "Secrets"), and keeps text from outside from taking over a terminal or breaking a document.
//!
//! Redaction works in two passes, both linear in the size of the text:
//!
//! 1. From structure ([`structure`]): URL userinfo, URL query values, credential headers and
//!    `Basic`/`Bearer` tokens are masked whether or not their value is known.
//! 2. From the registry: every secret the process reads is registered with each form the tool
//!    or a server may derive from it ([`forms`]: URL, JSON and XML escaping, base64 at all three
//!    alignments). Every 8-byte run of every form is kept as a `u64` in a hash set, so finding
//!    any run of 8 characters of a secret in a text is one lookup per byte of the text.
//!
//! A match is widened to the whole word around it (up to spaces, quotes, brackets and URL
//! punctuation) and the word is replaced by one [`MASK`]: a reader learns neither where the
//! secret starts nor which fragments of a word belong to it. Ordinary words stay readable even
//! when a secret contains them: a run shorter than 8 characters never matches ("Secret" in a
//! heading). A longer run is a run of the secret, whatever it spells (spec, "Secrets"); only
//! a field name or provider id ([`protect`]) standing alone stays readable, because documents
//! name their results by it.
//!
//! Control characters and bidirectional overrides are neutralised by the same calls
//! ([`structure::neutralise`]): [`scrub`] for data (nothing but line feeds and tabs survive),
//! [`scrub_styled`] for the terminal (integrate's own colour sequences survive as well).

mod forms;
mod structure;

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::ops::Range;
use std::sync::{OnceLock, RwLock};

pub use structure::is_hostile;

/// The marker that replaces redacted text.
pub const MASK: &str = "[REDACTED]";
/// The shortest run of a secret that is never shown (spec: "any run of 8 or more").
pub const RUN: usize = 8;
/// Secrets shorter than this are not looked for: they would mask ordinary words.
const SHORTEST: usize = 4;

/// Hashes an 8-byte run, which is already a well-spread `u64`: one multiply and a shift.
#[derive(Default)]
struct RunHasher(u64);

impl Hasher for RunHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        let mixed = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = mixed ^ (mixed >> 29);
    }
}

type RunSet = HashSet<u64, BuildHasherDefault<RunHasher>>;

#[derive(Default)]
struct Registry {
    /// Every 8-byte run of every form of every secret.
    runs: RunSet,
    /// Secrets of 4 to 7 bytes: looked for whole.
    short: Vec<String>,
    /// Hashes of whole secret pieces: a vocabulary word that is itself a secret is masked.
    wholes: HashSet<u64>,
    /// Hashes of the values already registered (resolution registers the same value often).
    seen: HashSet<u64>,
    /// Field names and provider ids: a message must be able to name the field that is wrong
    /// even when a (malformed) secret happens to contain the word.
    vocabulary: HashSet<String>,
}

fn registry() -> &'static RwLock<Registry> {
    static REGISTRY: OnceLock<RwLock<Registry>> = OnceLock::new();
    REGISTRY.get_or_init(Default::default)
}

fn hash_of(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn run_at(bytes: &[u8], i: usize) -> u64 {
    let mut run = [0u8; RUN];
    run.copy_from_slice(&bytes[i..i + RUN]);
    u64::from_le_bytes(run)
}

/// Words that stay readable even when a secret contains them (field names, provider ids).
pub fn protect<'a>(words: impl IntoIterator<Item = &'a str>) {
    let Ok(mut reg) = registry().write() else {
        return;
    };
    for word in words {
        reg.vocabulary.insert(word.to_string());
    }
}

/// Registers a secret value, with every form derived from it.
pub fn register(secret: &str) {
    if secret.trim().len() < SHORTEST {
        return;
    }
    let key = hash_of(secret);
    if registry().read().is_ok_and(|reg| reg.seen.contains(&key)) {
        return;
    }
    // The forms are computed outside the lock: a large key file takes a moment.
    let pieces: Vec<String> = forms::pieces(secret)
        .into_iter()
        .filter(|p| p.len() >= SHORTEST)
        .collect();
    let mut runs: Vec<u64> = Vec::new();
    let mut short = Vec::new();
    for piece in &pieces {
        if piece.len() < RUN {
            short.push(piece.clone());
            continue;
        }
        for form in forms::encodings(piece) {
            let bytes = form.as_bytes();
            if bytes.len() >= RUN {
                runs.extend((0..=bytes.len() - RUN).map(|i| run_at(bytes, i)));
            }
        }
    }
    let Ok(mut reg) = registry().write() else {
        return;
    };
    reg.seen.insert(key);
    reg.runs.reserve(runs.len());
    reg.runs.extend(runs);
    for piece in &pieces {
        reg.wholes.insert(hash_of(piece));
    }
    for piece in short {
        if !reg.short.contains(&piece) {
            reg.short.push(piece);
        }
    }
}

/// Registers the credentials of a URL (`scheme://user:password@host`): an `endpoint` or a
/// proxy variable that carries them must not show them anywhere, in any form.
pub fn register_userinfo(url: &str) {
    if let Ok(parsed) = url::Url::parse(url.trim()) {
        for part in [parsed.username(), parsed.password().unwrap_or("")] {
            let decoded = url::form_urlencoded::parse(format!("x={part}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            register(part);
            register(&decoded);
        }
    }
}

/// Redacts `text` and neutralises every control character but line feeds and tabs: for data
/// (messages, facts, reports, documents) before it is stored or printed.
pub fn scrub(text: &str) -> String {
    redact(&structure::neutralise(text, false))
}

/// Like [`scrub`], but integrate's own colour sequences survive: for what goes to a terminal.
pub fn scrub_styled(text: &str) -> String {
    redact(&structure::neutralise(text, true))
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

/// A byte that ends a word: whitespace, controls, quotes, brackets and URL punctuation.
fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b.is_ascii_control() || b"\"'`<>()[]{},;|\\/?&=#:@".contains(&b)
}

fn redact(text: &str) -> String {
    let structured = structure::mask(text);
    let Ok(reg) = registry().read() else {
        return structured.into_owned();
    };
    if reg.runs.is_empty() && reg.short.is_empty() {
        return structured.into_owned();
    }
    let bytes = structured.as_bytes();
    let mut found: Vec<Range<usize>> = Vec::new();
    if bytes.len() >= RUN {
        for i in 0..=bytes.len() - RUN {
            if reg.runs.contains(&run_at(bytes, i)) {
                push_merged(&mut found, i..i + RUN);
            }
        }
    }
    for short in &reg.short {
        let mut extra: Vec<Range<usize>> = structured
            .match_indices(short.as_str())
            .map(|(i, s)| i..i + s.len())
            .collect();
        if !extra.is_empty() {
            extra.append(&mut found);
            extra.sort_by_key(|r| r.start);
            for range in extra {
                push_merged(&mut found, range);
            }
        }
    }
    if found.is_empty() {
        return structured.into_owned();
    }
    // Widen each match to its whole word; the scan only moves forward, so this stays linear.
    let mut words: Vec<Range<usize>> = Vec::new();
    for range in found {
        let floor = words.last().map_or(0, |w| w.end);
        let mut start = range.start.max(floor);
        while start > floor && !is_delimiter(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = range.end;
        while end < bytes.len() && !is_delimiter(bytes[end]) {
            end += 1;
        }
        // Base64 padding belongs to the word before it.
        let padding = bytes[end..]
            .iter()
            .take(2)
            .take_while(|b| **b == b'=')
            .count();
        if bytes
            .get(end + padding)
            .is_none_or(|b| is_delimiter(*b) && *b != b'=')
        {
            end += padding;
        }
        push_merged(&mut words, start..end);
    }
    let mut out = String::with_capacity(bytes.len());
    let mut at = 0;
    for word in words {
        // Ranges are widened to delimiters (ASCII) or the ends: always on char boundaries.
        let shown = &structured[word.clone()];
        let whole_secret = reg.wholes.contains(&hash_of(shown));
        if !whole_secret && reg.vocabulary.contains(shown) {
            continue;
        }
        out.push_str(&structured[at..word.start]);
        out.push_str(MASK);
        at = word.end;
    }
    out.push_str(&structured[at..]);
    out
}

/// Appends `range` to sorted `ranges`, merging it with the last one when they touch.
fn push_merged(ranges: &mut Vec<Range<usize>>, range: Range<usize>) {
    match ranges.last_mut() {
        Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
        _ => ranges.push(range),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_whole_and_partial_secrets() {
        register("123456789:AAEhBOweik9ai2o4HLm3U8mwTPrvX1E_aY4");
        let text = "GET https://api.telegram.org/bot123456789:AAEhBOweik9ai2o4HLm3U8mwTPrvX1E_aY4/getMe failed; token ends PrvX1E_aY4";
        let out = scrub(text);
        assert_eq!(
            out,
            "GET https://api.telegram.org/[REDACTED]/getMe failed; token ends [REDACTED]"
        );
    }

    #[test]
    fn scrubs_url_encoded_form() {
        register("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        let out = scrub("body: secret=wJalrXUtnFEMI%2FK7MDENG%2FbPxRfiCYEXAMPLEKEY.");
        assert_eq!(out, "body: secret=[REDACTED]");
    }

    #[test]
    fn scrubs_basic_header_at_any_offset() {
        use base64::Engine;
        register("Tw1l10AuthTokenValue0123");
        for id in ["AC1", "AC12", "AC123"] {
            let header = base64::engine::general_purpose::STANDARD
                .encode(format!("{id}:Tw1l10AuthTokenValue0123"));
            let out = scrub(&format!("echo: {header} end"));
            assert_eq!(out, "echo: [REDACTED] end", "{id}");
        }
    }

    #[test]
    fn ordinary_words_stay_readable() {
        register("xQ9Secret-Report-Key-77");
        let out = scrub("## Secrets\nThe Report lists every Key; see the Secret service.");
        assert_eq!(
            out,
            "## Secrets\nThe Report lists every Key; see the Secret service."
        );
    }

    #[test]
    fn any_run_of_eight_is_masked_whatever_it_spells() {
        register("checked/unreachable/Configuration9");
        assert_eq!(
            scrub("## Configuration\nunreachable: 1, checked"),
            "## [REDACTED]\n[REDACTED]: 1, checked"
        );
    }

    #[test]
    fn a_single_word_secret_is_masked_whole_or_in_part() {
        register("correcthorsebatterystaple");
        assert_eq!(scrub("pass correcthorsebattery."), "pass [REDACTED]");
    }

    #[test]
    fn a_match_masks_the_whole_word() {
        register("pq7FRAGMENTzz");
        // The reader must not learn that "abc" is not part of the secret.
        assert_eq!(scrub("x abcpq7FRAGMENTzzdef y"), "x [REDACTED] y");
    }

    #[test]
    fn field_names_stay_readable() {
        protect(["bot_token"]);
        register("not_bot_token_at_all");
        assert_eq!(
            scrub("`bot_token` is malformed: not_bot_token_at_all"),
            "`bot_token` is malformed: [REDACTED]"
        );
    }

    #[test]
    fn pem_headers_survive() {
        register(
            "-----BEGIN PRIVATE KEY-----\nMIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg\n-----END PRIVATE KEY-----\n",
        );
        let out = scrub("the PRIVATE KEY is bad: MIGTAgEAMBMGByqG");
        assert_eq!(out, "the PRIVATE KEY is bad: [REDACTED]");
    }

    #[test]
    fn scrub_neutralises_controls_and_styled_keeps_colour() {
        assert_eq!(scrub("a\x1b[31mb"), "a\\x1b[31mb");
        assert_eq!(scrub_styled("a\x1b[31mb\x1b[0m"), "a\x1b[31mb\x1b[0m");
    }

    #[test]
    fn linear_on_large_secrets_and_texts() {
        let secret: String = (0..1_000_000u32)
            .map(|i| char::from(b'a' + (i.wrapping_mul(2_654_435_761) >> 27) as u8 % 26))
            .collect();
        let started = std::time::Instant::now();
        register(&secret);
        let text = format!("{} {}", "word ".repeat(400_000), &secret[500..600]);
        let out = scrub(&text);
        assert!(out.ends_with(MASK), "{}", &out[out.len() - 40..]);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn mask_keeps_last_four() {
        assert_eq!(mask("abcdefghijkl"), "****ijkl");
        assert_eq!(mask("short"), "****");
    }
}
