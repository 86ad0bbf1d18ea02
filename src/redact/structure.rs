//! Redaction from the shape of the text, before any secret is known: URL userinfo, URL query
//! values, credential headers and `Basic`/`Bearer` tokens. And neutralisation of control
//! characters: text from outside (a provider's answer, a server page, a file) must not retitle
//! the terminal, clear it, hide text or break an XML document.
//!
//! Every pattern here is a `regex` (finite automata: linear in the text, whatever it holds).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::MASK;

/// Query parameters whose values are names, never credentials: they stay readable.
const PUBLIC_QUERY_KEYS: &[&str] = &[
    "act",
    "alt",
    "api-version",
    "format",
    "fmt",
    "grant_type",
    "lang",
    "limit",
    "list-type",
    "location",
    "max-keys",
    "page",
    "per_page",
    "prefix",
    "response_type",
    "scope",
    "v",
    "version",
];

/// `scheme://userinfo@`: everything between `//` and the last `@` before the host.
static USERINFO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)([a-z][a-z0-9+.\-]*://)([^\s/?#"'<>\[\]]*)@"#).expect("userinfo pattern")
});

/// A URL with a query.
static URL_QUERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)[a-z][a-z0-9+.\-]*://[^\s?#"'<>]*\?([^\s#"'<>]*)"#).expect("query pattern")
});

/// A credential header, as a header line, a JSON or debug map entry, or `name=value`. An
/// unquoted value ends at the line's end or at an unescaped `"`: inside a JSON document's
/// string (`"message": "… authorization: x"`) the string's closing quote is not the value's,
/// and masking it would leave invalid JSON.
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r#"(?i)(?-u:\b)({})(["']?\s*[:=]\s*)("[^"\n]*"|'[^'\n]*'|(?:[^\n"\\]|\\.)*)"#,
        HEADER_NAMES.join("|")
    ))
    .expect("header pattern")
});

/// The credential header names [`HEADER`] looks for.
const HEADER_NAMES: [&str; 12] = [
    "proxy-authorization",
    "authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-auth-token",
    "x-auth-key",
    "x-amz-security-token",
    "x-goog-api-key",
    "private-token",
    "x-access-token",
    "x-csrf-token",
];

/// The words [`SCHEME_TOKEN`] starts at (it is case-sensitive).
const SCHEME_WORDS: [&str; 5] = ["Basic", "Bearer", "Digest", "bearer", "basic"];

/// `Basic <base64>` and `Bearer <token>` wherever they appear (a server echoing a request).
static SCHEME_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({})([ \t]+)([A-Za-z0-9+/=._~\-]{{8,}})",
        SCHEME_WORDS.join("|")
    ))
    .expect("scheme pattern")
});

/// Applies every structural rule.
///
/// Each pattern is compiled on first use, and only for a text holding the literal it cannot
/// match without: compiling them all costs milliseconds, more than a short command's own work
/// (issue 16), and most texts hold none of them. The tests in `redact.rs` cover every rule.
pub fn mask(text: &str) -> Cow<'_, str> {
    let mut out = Cow::Borrowed(text);
    if out.contains("://") {
        if out.contains('@') {
            out = replace(out, &USERINFO, |c| format!("{}{MASK}@", &c[1]));
        }
        if out.contains('?') {
            out = replace(out, &URL_QUERY, |c| {
                let whole = &c[0];
                let query = &c[1];
                format!(
                    "{}{}",
                    &whole[..whole.len() - query.len()],
                    mask_query(query)
                )
            });
        }
    }
    if names_a_header(&out) {
        out = replace(out, &HEADER, |c| {
            let value = &c[3];
            let shown = if value.starts_with('"') {
                format!("\"{MASK}\"")
            } else if value.starts_with('\'') {
                format!("'{MASK}'")
            } else if value.trim().is_empty() {
                value.to_string()
            } else {
                MASK.to_string()
            };
            format!("{}{}{shown}", &c[1], &c[2])
        });
    }
    if !SCHEME_WORDS.iter().any(|word| out.contains(word)) {
        return out;
    }
    replace(out, &SCHEME_TOKEN, |c| {
        let token = &c[3];
        if looks_like_credential(token) {
            format!("{}{}{MASK}", &c[1], &c[2])
        } else {
            c[0].to_string()
        }
    })
}

/// Whether `text` holds one of [`HEADER_NAMES`] as [`HEADER`]'s `(?i)` would find it: Unicode
/// simple case folding, under which only the Kelvin sign (k) and the long s (s) fold onto
/// ASCII letters besides the ASCII case pairs.
fn names_a_header(text: &str) -> bool {
    let folded: String = text
        .chars()
        .map(|c| match c {
            '\u{212A}' => 'k',
            '\u{17F}' => 's',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    HEADER_NAMES.iter().any(|name| folded.contains(name))
}

fn replace<'a>(
    text: Cow<'a, str>,
    re: &Regex,
    with: impl Fn(&Captures<'_>) -> String,
) -> Cow<'a, str> {
    if !re.is_match(&text) {
        return text;
    }
    Cow::Owned(
        re.replace_all(&text, |c: &Captures<'_>| with(c))
            .into_owned(),
    )
}

/// `a=1&b=2` with every value masked but those of [`PUBLIC_QUERY_KEYS`].
fn mask_query(query: &str) -> String {
    query
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((key, value))
                if !value.is_empty()
                    && !value.starts_with(MASK)
                    && !PUBLIC_QUERY_KEYS.contains(&key.to_ascii_lowercase().as_str()) =>
            {
                format!("{key}={MASK}")
            }
            _ => pair.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A word after `Basic`/`Bearer` is a credential when it is not an ordinary word: it holds a
/// digit or a base64 symbol, or a capital letter after its first character.
fn looks_like_credential(token: &str) -> bool {
    token
        .chars()
        .any(|c| c.is_ascii_digit() || "+/=._~-".contains(c))
        || token.chars().skip(1).any(|c| c.is_ascii_uppercase())
}

/// The SGR parameters integrate's own styles use (bold, dim, italic, underline, resets and
/// foreground colours); anything else from an escape sequence is neutralised.
fn allowed_sgr(params: &str) -> bool {
    params.split(';').all(|p| {
        matches!(
            p.parse::<u8>(),
            Ok(0..=4 | 21..=24 | 31..=37 | 39 | 90..=97)
        ) || p.is_empty()
    })
}

/// Whether `c` must not reach a terminal or a document as is: C0 and C1 controls (but line
/// feed and tab), DEL, the bidirectional overrides and isolates that reorder what is shown, and
/// the two non-characters XML 1.0 forbids.
pub fn is_hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// Replaces every hostile character with a visible escape (`\x1b`, `\u{202e}`). A carriage
/// return before a line feed is dropped (CRLF text stays readable). With `keep_style`, the
/// SGR sequences of integrate's own styles survive, so colour still works.
pub fn neutralise(text: &str, keep_style: bool) -> Cow<'_, str> {
    if !text.chars().any(is_hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some((i, c)) = rest.char_indices().find(|(_, c)| is_hostile(*c)) {
        out.push_str(&rest[..i]);
        let after = &rest[i + c.len_utf8()..];
        if c == '\r' && after.starts_with('\n') {
            rest = after;
            continue;
        }
        if keep_style
            && c == '\x1b'
            && let Some(seq) = after.strip_prefix('[')
            && let Some(end) = seq.find(|ch: char| !(ch.is_ascii_digit() || ch == ';'))
            && seq[end..].starts_with('m')
            && allowed_sgr(&seq[..end])
        {
            out.push_str(&rest[i..i + 2 + end + 1]);
            rest = &seq[end + 1..];
            continue;
        }
        let code = c as u32;
        if code < 0x100 {
            out.push_str(&format!("\\x{code:02x}"));
        } else {
            out.push_str(&format!("\\u{{{code:x}}}"));
        }
        rest = after;
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_masked_in_any_scheme() {
        assert_eq!(
            mask("endpoint http://:pw@127.0.0.1:9/ and https://u:p@ss@h.example/x"),
            "endpoint http://[REDACTED]@127.0.0.1:9/ and https://[REDACTED]@h.example/x"
        );
    }

    #[test]
    fn query_values_are_masked_but_public_names_stay() {
        assert_eq!(
            mask("GET https://smsc.ru/sys/balance.php?login=alice&psw=hunter22&fmt=3 failed"),
            "GET https://smsc.ru/sys/balance.php?login=[REDACTED]&psw=[REDACTED]&fmt=3 failed"
        );
        assert_eq!(
            mask("open https://vk.com/apps?act=manage."),
            "open https://vk.com/apps?act=manage."
        );
    }

    #[test]
    fn credential_headers_and_tokens_are_masked() {
        let echoed = "GET /x HTTP/1.1\nAuthorization: Basic QUM6c2VjcmV0\nHost: a\n";
        assert_eq!(
            mask(echoed),
            "GET /x HTTP/1.1\nAuthorization: [REDACTED]\nHost: a\n"
        );
        assert_eq!(
            mask(r#"{"headers":{"authorization":"Bearer abc.def"}}"#),
            r#"{"headers":{"authorization":"[REDACTED]"}}"#
        );
        assert_eq!(
            mask("the proxy sent Bearer eyJhbGciOi then"),
            "the proxy sent Bearer [REDACTED] then"
        );
        assert_eq!(
            mask("Basic authentication failed"),
            "Basic authentication failed"
        );
    }

    /// The literal prefilters skip a pattern only where it cannot match: every header name in
    /// any case (Unicode folding included), its `proxy-`/`set-` forms, and userinfo.
    #[test]
    fn prefilters_never_skip_a_match() {
        for name in HEADER_NAMES {
            for shown in [
                name.to_string(),
                name.to_ascii_uppercase(),
                name.replace('k', "\u{212A}").replace('s', "\u{17F}"),
            ] {
                let text = format!("GET /\n{shown}: s3cr3tvalue99\n");
                let masked = mask(&text);
                assert!(!masked.contains("s3cr3tvalue99"), "{shown}: {masked}");
            }
        }
        assert_eq!(mask("no header here"), "no header here");
        assert_eq!(
            mask("https://a.example/x then user@host"),
            "https://a.example/x then user@host"
        );
        assert_eq!(
            mask("see https://u:pw@a.example/x"),
            "see https://[REDACTED]@a.example/x"
        );
    }

    /// A header-like phrase inside a JSON string masks its value, not the string's closing
    /// quote: the document stays valid JSON.
    #[test]
    fn a_header_inside_a_json_string_keeps_the_document_valid() {
        let doc = r#"{"message":"the proxy echoed authorization: Basic QUM6c2VjcmV0 back","status":"unreachable"}"#;
        let masked = mask(doc);
        assert!(!masked.contains("QUM6c2VjcmV0"), "{masked}");
        let parsed: serde_json::Value = serde_json::from_str(&masked).expect("still JSON");
        assert_eq!(parsed["status"], "unreachable");
        let escaped = r#"{"m":"authorization: Digest a=\"b\" x","s":1}"#;
        let parsed: serde_json::Value =
            serde_json::from_str(&mask(escaped)).expect("escaped quotes stay inside");
        assert_eq!(parsed["s"], 1);
    }

    #[test]
    fn controls_are_neutralised_but_own_colours_kept() {
        let hostile = "ok\x1b]0;pwned\x07 \x1b[2J\x1b[8mhidden\u{202e}txt\r\n";
        assert_eq!(
            neutralise(hostile, false),
            "ok\\x1b]0;pwned\\x07 \\x1b[2J\\x1b[8mhidden\\u{202e}txt\n"
        );
        assert_eq!(
            neutralise("\x1b[1m\x1b[33mwarning:\x1b[0m x\x1b[8m", true),
            "\x1b[1m\x1b[33mwarning:\x1b[0m x\\x1b[8m"
        );
    }
}
