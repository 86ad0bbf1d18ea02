//! Text that fits the reader's terminal: paragraphs wrapped with hanging indents, and table
//! cells cut to a width. The width comes from the terminal, else `COLUMNS`, else 80, so a pipe
//! or a file gets the same 80-column text every time (the golden guide renders rely on it).
//!
//! Words are never split and hyphens are not break points: a URL, a command or a key name stays
//! whole (and copyable) even when it is wider than the line. Only ASCII spaces separate words,
//! so the no-break space French puts before `:` `;` `?` `!` keeps the sign on its word's line.

use textwrap::core::display_width;
use textwrap::{Options, WordSeparator, WordSplitter};

/// Where the text goes: the width is that stream's terminal's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Used when the stream is not a terminal and `COLUMNS` is not set.
pub const DEFAULT_WIDTH: usize = 80;

/// Narrower than this, hanging indents would leave no room for words.
const MIN_WIDTH: usize = 30;

/// The width to wrap to: the terminal's, else `$COLUMNS`, else 80 (at least 30).
pub fn width(stream: Stream) -> usize {
    let term = match stream {
        Stream::Stdout => console::Term::stdout(),
        Stream::Stderr => console::Term::stderr(),
    };
    let from_terminal = term
        .is_term()
        .then(|| term.size_checked())
        .flatten()
        .map(|(_rows, cols)| usize::from(cols));
    let from_env = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
    };
    from_terminal
        .filter(|&w| w > 0)
        .or_else(|| from_env().filter(|&w| w > 0))
        .unwrap_or(DEFAULT_WIDTH)
        .max(MIN_WIDTH)
}

fn options(width: usize) -> Options<'static> {
    Options::new(width)
        .break_words(false)
        .word_separator(WordSeparator::AsciiSpace)
        .word_splitter(WordSplitter::NoHyphenation)
}

/// `text` wrapped to `width`: the first line starts with `first`, the others with `rest`
/// (a hanging indent when `rest` is as wide as `first`). Newlines in `text` are kept.
/// No trailing newline.
pub fn hanging(text: &str, first: &str, rest: &str, width: usize) -> String {
    let options = options(width).initial_indent(first).subsequent_indent(rest);
    textwrap::wrap(text, options).join("\n")
}

/// `text` wrapped to `width` with every line indented by `indent`.
pub fn indented(text: &str, indent: &str, width: usize) -> String {
    hanging(text, indent, indent, width)
}

/// An item with a label (`  1. `, `  - `, `name: `) and its text hanging under the text's
/// first column.
pub fn item(label: &str, text: &str, width: usize) -> String {
    let rest = " ".repeat(display_width(label));
    hanging(text, label, &rest, width)
}

/// `text` cut to at most `width` columns at a word boundary, ending in `…` when cut;
/// for table cells. A first word wider than `width` is cut inside.
pub fn cut(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let room = width - 1;
    let first = textwrap::wrap(text, options(room.max(1)))
        .into_iter()
        .next()
        .unwrap_or_default();
    let mut kept = first
        .trim_end_matches([' ', ',', ';', ':', '.'])
        .to_string();
    while display_width(&kept) > room {
        kept.pop();
    }
    format!("{kept}…")
}

/// Display width (what a terminal shows; ANSI styles count for nothing).
pub fn text_width(text: &str) -> usize {
    display_width(text)
}

/// `text` padded with spaces to `width` columns (ANSI styles count for nothing).
pub fn pad(text: &str, width: usize) -> String {
    let missing = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanging_indent_lines_up_under_the_text() {
        let text = "Open the console and click Create app, then copy the key";
        let out = item("  12. ", text, 30);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1, "{out}");
        assert!(lines[0].starts_with("  12. Open"));
        for line in &lines[1..] {
            assert!(line.starts_with("      ") && !line.starts_with("       "));
        }
        assert!(lines.iter().all(|l| display_width(l) <= 30), "{out}");
    }

    #[test]
    fn urls_and_hyphenated_words_are_never_split() {
        let url = "https://account-d.docusign.com/oauth/token-endpoint-with-a-long-path";
        let out = hanging(&format!("Use {url} as the host"), "", "", 30);
        assert!(out.lines().any(|l| l == url), "{out}");
        let out = hanging("a sign-in-with-apple-services-id label", "", "", 12);
        assert!(out.contains("sign-in-with-apple-services-id"), "{out}");
    }

    #[test]
    fn no_break_space_keeps_french_punctuation_on_its_line() {
        let text = "copiez la valeur\u{a0}: elle ne sera plus affichée";
        for width in 10..40 {
            for line in hanging(text, "", "", width).lines() {
                assert!(!line.starts_with(':'), "width {width}: {line:?}");
            }
        }
    }

    #[test]
    fn cut_fits_and_says_so() {
        assert_eq!(cut("short", 10), "short");
        let out = cut("Quick sign-in to the portal with a LinkedIn account.", 20);
        assert!(out.ends_with('…') && display_width(&out) <= 20, "{out:?}");
        assert_eq!(out, "Quick sign-in to…");
        let out = cut("Supercalifragilistic", 8);
        assert_eq!(out, "Superca…");
        assert_eq!(display_width(&out), 8);
    }

    #[test]
    fn pad_ignores_styles() {
        let styled = "\x1b[1mab\x1b[0m";
        assert_eq!(display_width(&pad(styled, 4)), 4);
    }
}
