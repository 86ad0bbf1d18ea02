//! What a value should look like, said before it is typed: its usual length and the kinds of
//! characters in it, taken from the field's documented example, and the example itself unless
//! the field is a secret (an example secret on screen invites copying it).

use crate::catalog::{Field, Kind};
use crate::lang::Lang;

/// One line such as "Expected: 46 characters (digits, letters and : _ -), e.g. …".
pub fn expected(field: &Field, lang: Lang) -> String {
    let label = lang.pick("Expected:", "Attendu\u{a0}:");
    match field.kind {
        Kind::Bool => format!("{label} {}", lang.pick("yes or no", "oui ou non")),
        Kind::Multiline => format!(
            "{label} {}",
            lang.pick(
                "the path of the file as you downloaded it (it is read, not typed)",
                "le chemin du fichier tel que téléchargé (il est lu, pas saisi)"
            )
        ),
        Kind::Text => {
            let example = field.example.trim();
            let length = example.chars().count();
            let classes = classes(example, lang);
            let mut line = format!(
                "{label} {} {length} {}{}",
                lang.pick("usually", "en général"),
                lang.pick("characters", "caractères"),
                if classes.is_empty() {
                    String::new()
                } else {
                    format!(" ({classes})")
                }
            );
            if !field.secret {
                line.push_str(&format!(", {} {example}", lang.pick("e.g.", "par ex.")));
            }
            line
        }
    }
}

/// "digits, letters and : _ -": the kinds of characters in `text`, in a stable order.
fn classes(text: &str, lang: Lang) -> String {
    let mut parts: Vec<String> = Vec::new();
    if text.chars().any(|c| c.is_ascii_digit()) {
        parts.push(lang.pick("digits", "chiffres").into());
    }
    let lower = text.chars().any(|c| c.is_ascii_lowercase());
    let upper = text.chars().any(|c| c.is_ascii_uppercase());
    match (lower, upper) {
        (true, true) => parts.push(lang.pick("letters", "lettres").into()),
        (true, false) => parts.push(lang.pick("lowercase letters", "minuscules").into()),
        (false, true) => parts.push(lang.pick("capital letters", "majuscules").into()),
        (false, false) => {}
    }
    let mut symbols: Vec<char> = text
        .chars()
        .filter(|c| !c.is_ascii_alphanumeric() && !c.is_whitespace())
        .collect();
    symbols.sort_unstable();
    symbols.dedup();
    if !symbols.is_empty() {
        let list: Vec<String> = symbols.iter().map(char::to_string).collect();
        parts.push(list.join(" "));
    }
    match parts.len() {
        0 => String::new(),
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("{} {} {last}", parts.join(", "), lang.pick("and", "et"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_name_digits_letters_and_symbols() {
        assert_eq!(
            classes("7712345678:AAF3kq9_Vv-Q", Lang::En),
            "digits, letters and - : _"
        );
        assert_eq!(
            classes("AKIAIOSFODNN7EXAMPLE", Lang::En),
            "digits and capital letters"
        );
        assert_eq!(classes("", Lang::En), "");
    }
}
