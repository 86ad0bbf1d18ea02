//! Workspace's `web.consumers.config` (onlyoffice.md §1.1): finds every `<item key value>` of
//! every `<component name>` with the byte span of its `value` attribute, using quick-xml's
//! borrowed events, so that [`super::Parsed::apply`] can rewrite those bytes and nothing else.
//!
//! Two layouts exist and both are read the same way: up to v12.0 a component has `<props>`
//! (the keys the settings page shows) and `<additional>` (extras); from v12.5 there is a single
//! `<props>` whose items carry `password`, `hidden` and `optional` flags. An `<additional>`
//! element, or no flag anywhere, means the old layout. integrate writes the items it owns in
//! either section: the mapping names them, and the portal reads both through one indexer.

use std::path::Path;

use anyhow::Result;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{Parsed, Slot, malformed};

const WHAT: &str = "web.consumers.config";

#[derive(Clone, Copy, PartialEq)]
enum Section {
    Props,
    Additional,
}

pub fn parse(path: &Path, text: String) -> Result<Parsed> {
    let Scanned {
        consumers,
        slots,
        has_additional,
        has_flags,
    } = scan(path, &text)?;
    let layout = if has_additional || !has_flags {
        "up to v12.0 layout (<props> and <additional>)"
    } else {
        "v12.5 and later layout (password/hidden flags)"
    };
    Ok(Parsed {
        text,
        consumers,
        slots,
        layout,
        encode,
    })
}

/// What one pass over the file finds.
struct Scanned {
    consumers: Vec<String>,
    slots: Vec<Slot>,
    /// Some component has an `<additional>` section: the layout up to v12.0.
    has_additional: bool,
    /// Some item carries a `password` or `hidden` flag: the layout from v12.5.
    has_flags: bool,
}

fn scan(path: &Path, text: &str) -> Result<Scanned> {
    // .NET writes a UTF-8 BOM; spans stay relative to the whole text because events borrow it.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bad = |offset: usize, detail: String| malformed(path, text, offset, WHAT, &detail);
    let mut reader = Reader::from_str(body);
    let base = text.len() - body.len();
    let mut depth = 0usize;
    let mut stack: Vec<String> = Vec::new();
    let mut component: Option<(String, usize)> = None;
    let mut section: Option<Section> = None;
    let mut consumers = Vec::new();
    let mut slots = Vec::new();
    let (mut has_additional, mut has_flags, mut seen_root) = (false, false, false);
    loop {
        let event = reader
            .read_event()
            .map_err(|e| bad(base + reader.error_position() as usize, format!("{e}")))?;
        let at = base + reader.buffer_position() as usize;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                if depth == 0 {
                    if seen_root {
                        return Err(bad(at, "more than one root element".into()));
                    }
                    seen_root = true;
                }
                match name.as_str() {
                    "component" if component.is_none() => {
                        let attrs = attributes(path, text, e)?;
                        let cname = attrs
                            .iter()
                            .find(|a| a.name == "name")
                            .map(|a| a.value.clone())
                            .unwrap_or_default();
                        consumers.push(cname.clone());
                        if !empty {
                            component = Some((cname, depth + 1));
                        }
                    }
                    "props" | "additional" if component.is_some() && section.is_none() => {
                        if name == "additional" {
                            has_additional = true;
                        }
                        if !empty {
                            section = Some(if name == "props" {
                                Section::Props
                            } else {
                                Section::Additional
                            });
                        }
                    }
                    "item" if section.is_some() => {
                        let attrs = attributes(path, text, e)?;
                        let flag = |n: &str| {
                            attrs
                                .iter()
                                .any(|a| a.name == n && a.value.eq_ignore_ascii_case("true"))
                        };
                        if attrs
                            .iter()
                            .any(|a| a.name == "password" || a.name == "hidden")
                        {
                            has_flags = true;
                        }
                        let key = attrs.iter().find(|a| a.name == "key");
                        let value = attrs.iter().find(|a| a.name == "value");
                        if let (Some(key), Some(value), Some((consumer, _))) =
                            (key, value, &component)
                        {
                            slots.push(Slot {
                                consumer: consumer.clone(),
                                key: key.value.clone(),
                                value: value.value.clone(),
                                span: value.span.clone(),
                                writable: true,
                                visible: section == Some(Section::Props) && !flag("hidden"),
                                flagged_secret: flag("password"),
                                quote: value.quote,
                            });
                        }
                    }
                    _ => {}
                }
                if !empty {
                    depth += 1;
                    stack.push(name);
                }
            }
            Event::End(ref e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                depth = depth.saturating_sub(1);
                stack.pop();
                if (name == "props" || name == "additional")
                    && component.as_ref().is_some_and(|(_, d)| depth == *d)
                {
                    section = None;
                }
                if name == "component" && component.as_ref().is_some_and(|(_, d)| depth + 1 == *d) {
                    component = None;
                    section = None;
                }
            }
            Event::Eof => {
                if let Some(open) = stack.last() {
                    return Err(bad(at, format!("the element <{open}> is never closed")));
                }
                if !seen_root {
                    return Err(bad(at, "the file has no root element".into()));
                }
                break;
            }
            _ => {}
        }
    }
    Ok(Scanned {
        consumers,
        slots,
        has_additional,
        has_flags,
    })
}

struct Attr {
    name: String,
    value: String,
    span: std::ops::Range<usize>,
    quote: u8,
}

/// The attributes of a tag, each with the byte span of its raw value inside `text`.
fn attributes(path: &Path, text: &str, tag: &BytesStart) -> Result<Vec<Attr>> {
    let mut out = Vec::new();
    let tag_start = offset_in(text, tag).unwrap_or(0);
    for attr in tag.attributes() {
        let attr = attr
            .map_err(|e| malformed(path, text, tag_start, WHAT, &format!("bad attribute: {e}")))?;
        // Reading from a &str, quick-xml hands out slices of the input: their address is
        // their position. Anything else would be a library change, reported, not guessed.
        let start = offset_in(text, &attr.value)
            .ok_or_else(|| malformed(path, text, tag_start, WHAT, "attribute value not located"))?;
        let span = start..start + attr.value.len();
        let quote = text
            .as_bytes()
            .get(start.wrapping_sub(1))
            .copied()
            .unwrap_or(b'"');
        let value = attr
            .unescape_value()
            .map_err(|e| {
                malformed(
                    path,
                    text,
                    start,
                    WHAT,
                    &format!("bad attribute value: {e}"),
                )
            })?
            .into_owned();
        out.push(Attr {
            name: String::from_utf8_lossy(attr.key.local_name().as_ref()).into_owned(),
            value,
            span,
            quote,
        });
    }
    Ok(out)
}

fn offset_in(text: &str, slice: &[u8]) -> Option<usize> {
    let base = text.as_ptr() as usize;
    let at = slice.as_ptr() as usize;
    (at >= base && at + slice.len() <= base + text.len()).then(|| at - base)
}

/// An attribute value, escaped. Line breaks become character references: .NET's XML reader
/// turns a literal newline in an attribute into a space, which would break the GCS key JSON.
fn encode(slot: &Slot, value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' if slot.quote == b'\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            '\t' => out.push_str("&#x9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portal::Assignment;

    const NEW: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<consumers>
  <components>
    <!-- <component name="Telegram"><props><item key="telegramBotToken" value="x" /></props></component> -->
    <component type="T, A" name="Telegram" order="28">
      <props>
        <item key="telegramBotToken" value="" password="true" />
        <item key='telegramBotName' value='' />
        <item key="telegramAuthTokenLifespan" value="20" hidden="true" />
      </props>
    </component>
  </components>
</consumers>
"#;

    fn set(consumer: &str, key: &str, value: &str) -> Assignment {
        Assignment {
            provider: "telegram",
            field: "f".into(),
            consumer: consumer.into(),
            key: key.into(),
            value: value.into(),
            secret: false,
        }
    }

    #[test]
    fn only_the_value_bytes_change() {
        let parsed = parse(Path::new("w"), NEW.to_string()).unwrap();
        assert!(parsed.layout.starts_with("v12.5"));
        let edit = parsed.apply(&[
            set("telegram", "telegramBotToken", "1:a&b\"c\nd"),
            set("Telegram", "telegramBotName", "it's"),
        ]);
        let expected = NEW
            .replace(
                r#"key="telegramBotToken" value="""#,
                r#"key="telegramBotToken" value="1:a&amp;b&quot;c&#xA;d""#,
            )
            .replace("value=''", "value='it&apos;s'");
        assert_eq!(edit.text, expected);
        assert_eq!(edit.locked.len(), 1);
        assert!(edit.locked[0].empty.is_empty());
        let again = parse(Path::new("w"), edit.text).unwrap();
        assert_eq!(
            again.values_of("telegram")["telegramBotToken"],
            "1:a&b\"c\nd"
        );
    }

    #[test]
    fn malformed_names_line_and_column() {
        let text = "<consumers>\n  <components>\n  </component>\n</consumers>\n";
        let err = parse(Path::new("w.config"), text.to_string()).unwrap_err();
        assert!(err.to_string().starts_with("w.config:3:"), "{err}");
        let err = parse(Path::new("w.config"), "<consumers>\n<a>".into()).unwrap_err();
        assert!(err.to_string().contains("never closed"), "{err}");
    }
}
