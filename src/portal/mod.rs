//! The portal's own formats and API: `web.consumers.config` (Workspace, [`workspace`]),
//! `autofac.consumers.json` (DocSpace, [`docspace`]) and the DocSpace `settings/authservice`
//! API ([`authservice`]). No printing here: the commands decide what to say.
//!
//! Both file formats are edited the same way, which this module owns: each format module finds
//! every key/value slot of every consumer with the byte span of its value, and [`apply`] swaps
//! only the spans of the values integrate owns. Nothing is ever re-serialised, so comments,
//! order, whitespace and every other component stay byte-identical.
//!
//! A key the file does not declare (say `twilioKeySid`, which the portal's code reads but the
//! shipped files lack) is reported, never added: adding an element would change the shape of a
//! consumer the admin may have tailored, and the portal's loader treats declared props as the
//! list its settings page shows. The admin adds the item by hand, empty, and exports again.

pub mod authservice;
pub mod commit;
pub mod docspace;
pub mod form;
pub mod workspace;

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use crate::catalog::{self, Provider, schema::PortalMapping};
use crate::config::{ResolvedProvider, Source};

/// Which portal the keys are for; it decides the file format and the consumer names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Generation {
    /// ONLYOFFICE Workspace (Community Server): web.consumers.config
    Workspace,
    /// ONLYOFFICE DocSpace: autofac.consumers.json
    Docspace,
}

/// Where the installed copies live (onlyoffice.md §1.1, §1.2).
pub const WORKSPACE_PATHS: [&str; 2] = [
    "/var/www/onlyoffice/WebStudio/web.consumers.config",
    "/var/www/onlyoffice/Services/TeamLabSvc/web.consumers.config",
];
pub const DOCSPACE_PATH: &str = "/app/onlyoffice/config/autofac.consumers.json";

pub fn default_paths(generation: Generation) -> Vec<&'static str> {
    match generation {
        Generation::Workspace => WORKSPACE_PATHS.to_vec(),
        Generation::Docspace => vec![DOCSPACE_PATH],
    }
}

pub fn mapping(provider: &Provider, generation: Generation) -> &PortalMapping {
    match generation {
        Generation::Workspace => &provider.portal.workspace,
        Generation::Docspace => &provider.portal.docspace,
    }
}

pub fn file_name(generation: Generation) -> &'static str {
    match generation {
        Generation::Workspace => "web.consumers.config",
        Generation::Docspace => "autofac.consumers.json",
    }
}

/// One key/value of one consumer, as found in a portal file.
#[derive(Debug, Clone)]
pub struct Slot {
    pub consumer: String,
    pub key: String,
    /// The decoded value (entities and escapes resolved).
    pub value: String,
    /// Bytes of the encoded value in the file, to be replaced as a whole.
    pub span: Range<usize>,
    /// integrate may change it (DocSpace: only `props`).
    pub writable: bool,
    /// A key shown on the portal's settings page: it counts for `Consumer.CanSet`.
    pub visible: bool,
    /// Marked `password="true"` in the file.
    pub flagged_secret: bool,
    /// The XML attribute's quote character; JSON ignores it.
    pub quote: u8,
}

/// A parsed portal file: its text, its consumers (in file order) and their slots.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub text: String,
    pub consumers: Vec<String>,
    pub slots: Vec<Slot>,
    /// How the file is laid out, for messages ("v12.5 and later layout").
    pub layout: &'static str,
    pub encode: fn(&Slot, &str) -> String,
}

/// A value integrate wants in the file.
#[derive(Debug, Clone)]
pub struct Assignment {
    pub provider: &'static str,
    pub field: String,
    pub consumer: String,
    pub key: String,
    pub value: String,
    pub secret: bool,
}

/// Why an assignment was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// The file has no component for this consumer.
    NoConsumer,
    /// The component does not declare this key.
    NoKey,
    /// The key is there but outside what integrate edits (DocSpace `additional`).
    NotWritable,
}

#[derive(Debug, Clone)]
pub struct Skipped {
    pub provider: &'static str,
    pub consumer: String,
    pub key: String,
    pub why: Skip,
}

/// A consumer whose shown keys hold a value after the export: read-only in the portal's UI.
#[derive(Debug, Clone)]
pub struct Locked {
    pub consumer: String,
    /// Shown keys still empty: filling only some keys locks all of them anyway.
    pub empty: Vec<String>,
}

/// The result of applying assignments to one file.
#[derive(Debug, Clone)]
pub struct Edit {
    pub text: String,
    /// `(consumer, key)` of each value that changed.
    pub changed: Vec<(String, String)>,
    pub skipped: Vec<Skipped>,
    pub locked: Vec<Locked>,
}

impl Parsed {
    fn consumer(&self, name: &str) -> Option<&str> {
        // The loader registers each component under its name and its lowercase name.
        self.consumers
            .iter()
            .find(|c| c.eq_ignore_ascii_case(name))
            .map(String::as_str)
    }

    fn slot(&self, consumer: &str, key: &str) -> Option<&Slot> {
        self.slots
            .iter()
            .find(|s| s.consumer.eq_ignore_ascii_case(consumer) && s.key == key)
    }

    /// Writes `assignments` into the text; only the owned values' bytes change.
    pub fn apply(&self, assignments: &[Assignment]) -> Edit {
        let mut edits: Vec<(Range<usize>, String)> = Vec::new();
        let mut changed = Vec::new();
        let mut skipped = Vec::new();
        let mut finals: BTreeMap<(String, String), String> = BTreeMap::new();
        let mut touched: Vec<String> = Vec::new();
        for a in assignments {
            let skip = |why| Skipped {
                provider: a.provider,
                consumer: a.consumer.clone(),
                key: a.key.clone(),
                why,
            };
            let Some(consumer) = self.consumer(&a.consumer) else {
                skipped.push(skip(Skip::NoConsumer));
                continue;
            };
            let Some(slot) = self.slot(consumer, &a.key) else {
                skipped.push(skip(Skip::NoKey));
                continue;
            };
            if !slot.writable {
                skipped.push(skip(Skip::NotWritable));
                continue;
            }
            if !touched.iter().any(|c| c == consumer) {
                touched.push(consumer.to_string());
            }
            finals.insert((consumer.to_string(), a.key.clone()), a.value.clone());
            if slot.value != a.value {
                edits.push((slot.span.clone(), (self.encode)(slot, &a.value)));
                changed.push((consumer.to_string(), a.key.clone()));
            }
        }
        let locked = touched
            .iter()
            .filter_map(|consumer| {
                let shown: Vec<(&str, &str)> = self
                    .slots
                    .iter()
                    .filter(|s| &s.consumer == consumer && s.visible)
                    .map(|s| {
                        let value = finals
                            .get(&(consumer.clone(), s.key.clone()))
                            .map(String::as_str)
                            .unwrap_or(&s.value);
                        (s.key.as_str(), value)
                    })
                    .collect();
                shown.iter().any(|(_, v)| !v.is_empty()).then(|| Locked {
                    consumer: consumer.clone(),
                    empty: shown
                        .iter()
                        .filter(|(_, v)| v.is_empty())
                        .map(|(k, _)| k.to_string())
                        .collect(),
                })
            })
            .collect();
        Edit {
            text: splice(&self.text, edits),
            changed,
            skipped,
            locked,
        }
    }

    /// The text with every secret-looking value masked, for diffs a person reads.
    pub fn masked(&self) -> String {
        let secret_keys = secret_keys();
        let edits = self
            .slots
            .iter()
            .filter(|s| !s.value.is_empty())
            .filter(|s| s.flagged_secret || secret_keys.contains(&s.key) || looks_secret(&s.key))
            .map(|s| {
                (
                    s.span.clone(),
                    (self.encode)(s, &crate::redact::mask(&s.value)),
                )
            })
            .collect();
        splice(&self.text, edits)
    }

    /// Every non-empty value of `consumer` (case-insensitive), by key.
    pub fn values_of(&self, consumer: &str) -> BTreeMap<&str, &str> {
        self.slots
            .iter()
            .filter(|s| s.consumer.eq_ignore_ascii_case(consumer) && !s.value.is_empty())
            .map(|s| (s.key.as_str(), s.value.as_str()))
            .collect()
    }
}

/// Replaces non-overlapping byte ranges, back to front so earlier offsets stay valid.
fn splice(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = text.to_string();
    for (range, replacement) in edits {
        out.replace_range(range, &replacement);
    }
    out
}

/// Portal key names that hold a secret according to the catalog.
fn secret_keys() -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    for provider in catalog::all() {
        for m in [&provider.portal.workspace, &provider.portal.docspace] {
            for (field, key) in &m.keys {
                if provider.field(field).is_some_and(|f| f.secret) {
                    keys.insert(key.clone());
                }
            }
        }
    }
    keys
}

/// Keys integrate does not know (DocSpace's externaldb `dbPassword`, say) still get masked
/// when their name ends in what they are: a diff's context lines may show them. The end, not
/// anywhere: `telegramAuthTokenLifespan` is a number of minutes.
fn looks_secret(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    [
        "secret",
        "password",
        "pwd",
        "psw",
        "token",
        "apikey",
        "privatekey",
    ]
    .iter()
    .any(|w| k.ends_with(w))
}

/// Parses a portal file of either generation.
pub fn parse(generation: Generation, path: &Path, text: String) -> anyhow::Result<Parsed> {
    match generation {
        Generation::Workspace => workspace::parse(path, text),
        Generation::Docspace => docspace::parse(path, text),
    }
}

/// The error for a file that does not parse: file, line, column, and a promise.
pub fn malformed(
    path: &Path,
    text: &str,
    offset: usize,
    what: &str,
    detail: &str,
) -> anyhow::Error {
    let (line, col) = crate::config::file::line_col(text, offset);
    crate::exit::usage(format!(
        "{}:{line}:{col}: not a valid {what}: {detail}. The file was left untouched.",
        path.display()
    ))
}

/// Why a configured provider is not exported to this generation.
#[derive(Debug, Clone)]
pub struct NotExported {
    pub provider: &'static str,
    pub reason: String,
}

/// What to write: every configured, enabled provider the generation supports, each of its
/// mapped fields that has a value. Defaults count only for required fields (the portal needs
/// DocuSign's host; it does not need integrate's idea of an S3 region).
pub fn assignments(
    resolved: &[ResolvedProvider],
    generation: Generation,
    lang: crate::lang::Lang,
) -> (Vec<Assignment>, Vec<NotExported>) {
    let mut out = Vec::new();
    let mut not = Vec::new();
    for r in resolved.iter().filter(|r| r.configured()) {
        let provider = r.provider;
        let m = mapping(provider, generation);
        let reason = if !r.enabled {
            Some("it is disabled (integrate enable to include it)".to_string())
        } else if !m.supported {
            Some(
                m.note
                    .as_ref()
                    .map(|n| n.get(lang).to_string())
                    .unwrap_or_else(|| "this portal generation has no such service".into()),
            )
        } else if m.consumer.is_none() {
            Some("the catalog names no consumer for it".into())
        } else {
            unwritable(r, m)
        };
        if let Some(reason) = reason {
            not.push(NotExported {
                provider: provider.id.as_str(),
                reason,
            });
            continue;
        }
        let consumer = m.consumer.clone().unwrap_or_default();
        for (field, key) in &m.keys {
            let Some(value) = r.values.get(field) else {
                continue;
            };
            let required = provider.field(field).is_some_and(|f| f.required);
            if value.source == Source::Default && !required {
                continue;
            }
            // In the form the portal reads (a bare PKCS#8 body, `true`/`false`).
            let text = match provider.field(field) {
                Some(f) => form::to_portal(f, &value.text),
                None => value.text.clone(),
            };
            out.push(Assignment {
                provider: provider.id.as_str(),
                field: field.clone(),
                consumer: consumer.clone(),
                key: key.clone(),
                value: text,
                secret: provider.field(field).is_some_and(|f| f.secret),
            });
        }
    }
    (out, not)
}

/// Why a provider's values cannot go into a portal file: a value holding a character that XML
/// cannot carry at all (most C0 controls) or that would hide text from whoever reads the file
/// (a bidirectional override). A hand-edited config can hold one; the portal would then fail
/// to load its file, so the provider is left out and the admin told which field to fix.
fn unwritable(r: &ResolvedProvider, m: &PortalMapping) -> Option<String> {
    m.keys.iter().find_map(|(field, _)| {
        let value = r.values.get(field)?;
        let multiline = r
            .provider
            .field(field)
            .is_some_and(|f| f.kind == catalog::Kind::Multiline);
        let why = catalog::validate::hostile_character(&value.text, multiline)?;
        Some(format!(
            "`{field}` {why} (fix it with `integrate add {}`)",
            r.provider.id
        ))
    })
}

/// One provider's values found in a portal file.
#[derive(Debug, Clone)]
pub struct Imported {
    pub provider: &'static Provider,
    pub values: BTreeMap<String, String>,
    /// Required fields the file left empty.
    pub missing: Vec<String>,
}

/// Reads every supported provider's keys from a parsed file. A provider counts as present when
/// at least one of its required fields has a value; defaults the file ships (redirect URLs,
/// regions) alone do not make a provider configured.
pub fn imported(parsed: &Parsed, generation: Generation) -> Vec<Imported> {
    let mut out = Vec::new();
    for provider in catalog::all() {
        let m = mapping(provider, generation);
        let Some(consumer) = m.consumer.as_deref().filter(|_| m.supported) else {
            continue;
        };
        let found = parsed.values_of(consumer);
        let mut values = BTreeMap::new();
        for (field, key) in &m.keys {
            if let (Some(value), Some(f)) = (found.get(key.as_str()), provider.field(field)) {
                values.insert(field.clone(), catalog::validate::normalize(f, value));
            } else if let Some(value) = found.get(key.as_str()) {
                values.insert(field.clone(), value.trim().to_string());
            }
        }
        values.retain(|_, v| !v.is_empty());
        let has_required = provider
            .fields
            .iter()
            .any(|f| f.required && values.contains_key(&f.name));
        if !has_required {
            continue;
        }
        let missing = provider
            .fields
            .iter()
            .filter(|f| f.required && f.default.is_none() && !values.contains_key(&f.name))
            .map(|f| f.name.clone())
            .collect();
        out.push(Imported {
            provider,
            values,
            missing,
        });
    }
    out
}

/// A unified diff of two masked texts, headed by the file name.
pub fn diff(path: &Path, before: &str, after: &str) -> String {
    let shown = path.display().to_string();
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(2)
        .header(&shown, &format!("{shown} (after export)"))
        .to_string()
}
