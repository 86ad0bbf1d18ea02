//! Reading and writing `integrate.toml`.
//!
//! - Reads keep the text and a `toml_edit` document, so writes keep the user's comments,
//!   order and formatting.
//! - A file that does not parse is reported as `file:line:column` and never overwritten.
//! - Writes hold an exclusive lock on a sidecar `<file>.lock` (the config itself is replaced by
//!   rename, so locking it would lock the old inode; the lock is never opened through a link),
//!   re-read the file under the lock, apply the change, write a temporary file in the same
//!   directory (0600 from its first byte), fsync it, rename it over the old one and fsync the
//!   directory: a crash leaves the old or the new file, and the next write removes the
//!   temporary file a killed writer left (see [`crate::files`]).
//! - A BOM and CRLF line endings are kept; a file that is not a regular file, larger than
//!   4 MiB or not UTF-8 is refused with its line and column.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use toml_edit::DocumentMut;

use crate::exit::usage;
use crate::files::{self, ReadError};

pub struct ConfigFile {
    pub path: PathBuf,
    pub doc: DocumentMut,
    pub exists: bool,
}

/// What a write must keep of the file's byte-level shape: an editor on Windows may have saved
/// it with a UTF-8 BOM and CRLF line endings, and the user's next edit should not show every
/// line as changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStyle {
    pub bom: bool,
    pub crlf: bool,
}

impl TextStyle {
    /// The style of `text`, and the text without its BOM.
    pub fn of(text: &str) -> (TextStyle, &str) {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let style = TextStyle {
            bom: body.len() != text.len(),
            crlf: body.contains("\r\n"),
        };
        (style, body)
    }

    /// `text` (LF or mixed line endings) written in this style.
    pub fn apply(self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 64);
        if self.bom {
            out.push('\u{feff}');
        }
        if self.crlf {
            out.push_str(&text.replace("\r\n", "\n").replace('\n', "\r\n"));
        } else {
            out.push_str(text);
        }
        out
    }
}

impl ConfigFile {
    /// Reads the file; a missing file is an empty configuration. Anything but a regular file,
    /// a file over [`files::CONFIG_LIMIT`] or one that is not UTF-8 is refused.
    pub fn load(path: &Path) -> Result<ConfigFile> {
        load_styled(path).map(|(config, _)| config)
    }

    /// The `[providers.<id>]` table, if the file has one.
    pub fn provider_table(&self, id: &str) -> Option<&toml_edit::Table> {
        self.doc
            .get("providers")
            .and_then(|p| p.as_table())
            .and_then(|p| p.get(id))
            .and_then(|t| t.as_table())
    }
}

/// The file and the byte-level style a write must keep.
fn load_styled(path: &Path) -> Result<(ConfigFile, TextStyle)> {
    let text = match files::read_bytes(path, files::CONFIG_LIMIT).and_then(files::utf8) {
        Ok(text) => text,
        Err(ReadError::NotFound(_)) => {
            let config = ConfigFile {
                path: path.to_path_buf(),
                doc: DocumentMut::new(),
                exists: false,
            };
            return Ok((config, TextStyle::default()));
        }
        Err(ReadError::NotUtf8 { line, column, byte }) => {
            return Err(usage(format!(
                "{}:{line}:{column}: the config file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8. integrate never overwrites a file it cannot read.",
                path.display()
            )));
        }
        Err(e) => {
            return Err(usage(format!(
                "cannot read the config file {}: {e}",
                path.display()
            )));
        }
    };
    let (style, body) = TextStyle::of(&text);
    let doc = parse(path, body)?;
    let config = ConfigFile {
        path: path.to_path_buf(),
        doc,
        exists: true,
    };
    Ok((config, style))
}

/// In a CRLF file every line break becomes CRLF on write, including those inside a multi-line
/// string, which would change the value. So string values this write created (they have no
/// text form yet) and that hold a line break are written as one-line basic strings, their
/// line breaks escaped; the user's own strings keep their form.
fn escape_new_line_breaks(table: &mut dyn toml_edit::TableLike) {
    for (_, item) in table.iter_mut() {
        match item {
            toml_edit::Item::Value(value) => escape_value(value),
            toml_edit::Item::Table(t) => escape_new_line_breaks(t),
            toml_edit::Item::ArrayOfTables(tables) => {
                for t in tables.iter_mut() {
                    escape_new_line_breaks(t);
                }
            }
            toml_edit::Item::None => {}
        }
    }
}

fn escape_value(value: &mut toml_edit::Value) {
    match value {
        toml_edit::Value::String(s)
            if s.as_repr().is_none() && s.value().contains(['\n', '\r']) =>
        {
            let mut text = String::from('"');
            for c in s.value().chars() {
                match c {
                    '"' => text.push_str("\\\""),
                    '\\' => text.push_str("\\\\"),
                    '\n' => text.push_str("\\n"),
                    '\r' => text.push_str("\\r"),
                    '\t' => text.push_str("\\t"),
                    c if c.is_control() => text.push_str(&format!("\\u{:04X}", c as u32)),
                    c => text.push(c),
                }
            }
            text.push('"');
            if let Ok(mut escaped) = text.parse::<toml_edit::Value>() {
                *escaped.decor_mut() = s.decor().clone();
                *value = escaped;
            }
        }
        toml_edit::Value::Array(items) => items.iter_mut().for_each(escape_value),
        toml_edit::Value::InlineTable(t) => escape_new_line_breaks(t),
        _ => {}
    }
}

/// Parses config text, naming file, line and column on failure.
pub fn parse(path: &Path, text: &str) -> Result<DocumentMut> {
    text.parse::<DocumentMut>().map_err(|e| {
        let (line, col) = e
            .span()
            .map(|span| line_col(text, span.start))
            .unwrap_or((1, 1));
        let message = e.message().trim().to_string();
        usage(format!(
            "{}:{line}:{col}: the config file does not parse: {message}. Fix it by hand; integrate never overwrites a file it cannot read.",
            path.display()
        ))
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Applies `change` to the current file under the writers' lock and saves it atomically.
/// `change` returns whether it changed anything; an unchanged file is not rewritten.
pub fn update<T>(
    path: &Path,
    change: impl FnOnce(&mut DocumentMut) -> Result<(T, bool)>,
) -> Result<T> {
    let target = resolve_symlink(path);
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    create_private_dir(&dir)?;
    let lock_path = lock_path_for(&target);
    let lock = files::open_lock(&lock_path)?;
    lock.lock()
        .with_context(|| format!("cannot lock {}", lock_path.display()))?;
    let result = (|| {
        let (current, style) = load_styled(&target)?;
        let mut doc = current.doc;
        let (value, changed) = change(&mut doc)?;
        if changed || !current.exists {
            if style.crlf {
                escape_new_line_breaks(doc.as_table_mut());
            }
            let text = style.apply(&doc.to_string());
            write_atomically(&target, text.as_bytes())?;
        }
        Ok(value)
    })();
    let _ = lock.unlock();
    result
}

fn lock_path_for(target: &Path) -> PathBuf {
    let mut name = target
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "integrate.toml".into());
    name.push(".lock");
    target.with_file_name(name)
}

/// A rename replaces a symlink itself; write through it to the file it names.
fn resolve_symlink(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

fn create_private_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("cannot create the directory {}", dir.display()))
}

/// Replaces `path` atomically, readable by its owner only: the file may hold secrets.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    replace_file(path, bytes, 0o600)
}

/// Replaces `path` atomically with a file created `mode` (less the umask): a temporary file in
/// the same directory, written and fsynced, renamed over the old one, then the directory
/// fsynced. A reader sees the old or the new content, never a part; node_exporter's textfile
/// collector asks for exactly this. A symbolic link is followed, so the link stays a link.
pub fn replace_file(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            resolved = fs::canonicalize(path)
                .with_context(|| format!("cannot follow the link {}", path.display()))?;
            resolved.as_path()
        }
        _ => path,
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The mode applies from creation on, so a secret is never readable by others, even briefly.
    let mut tmp = files::temp_file(dir, mode)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write a temporary file in {}", dir.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot replace {}", path.display()))?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Why the file at `path` is exposed, when others can read it: the spec asks for a warning on
/// every read, which the command layer prints (library modules do not print).
pub fn exposure(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).ok()?.permissions().mode();
        (mode & 0o077 != 0).then(|| {
            format!(
                "{} is readable by other users (mode {:o}); it may hold secrets. Fix: chmod 600 {}",
                path.display(),
                mode & 0o777,
                path.display()
            )
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_error_names_line_and_column() {
        let text = "[portal]\nurl = \"https://x\"\n[providers.telegram\nbot_name = \"a\"\n";
        let err = parse(Path::new("/tmp/c.toml"), text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("/tmp/c.toml:3:"), "{err}");
    }

    #[test]
    fn update_keeps_bom_and_crlf() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("integrate.toml");
        fs::write(
            &path,
            "\u{feff}# mine\r\n[portal]\r\nurl = \"https://p\"\r\n",
        )
        .unwrap();
        update(&path, |doc| {
            doc["portal"]["kind"] = toml_edit::value("docspace");
            Ok(((), true))
        })
        .unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("\u{feff}# mine\r\n[portal]\r\n"),
            "{text:?}"
        );
        assert!(text.contains("kind = \"docspace\"\r\n"), "{text:?}");
        assert!(!text.replace("\r\n", "").contains('\n'), "{text:?}");
    }

    #[test]
    fn update_keeps_comments_and_sets_0600() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/integrate.toml");
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(
            &path,
            "# my portal\n[portal]\nurl = \"https://p\" # the url\n",
        )
        .unwrap();
        update(&path, |doc| {
            doc["providers"] = toml_edit::table();
            Ok(((), true))
        })
        .unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# my portal\n[portal]\nurl = \"https://p\" # the url\n"),
            "{text}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
    }

    /// A reader polling the file while it is replaced again and again only ever sees one of
    /// the complete versions (node_exporter reads `--output` files at any moment).
    #[test]
    fn readers_never_see_a_partial_file() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("integrate.prom");
        // Large enough that a write in place takes many pages (and many reads of a reader).
        let versions: Vec<Vec<u8>> = (b'a'..=b'd')
            .map(|c| {
                let mut doc = vec![c; 4 << 20];
                doc.extend_from_slice(b"\nEND\n");
                doc
            })
            .collect();
        replace_file(&path, &versions[0], 0o644).unwrap();
        let done = AtomicBool::new(false);
        let (reads, bad) = std::thread::scope(|scope| {
            let reader = scope.spawn(|| {
                let (mut reads, mut bad) = (0usize, Vec::new());
                while !done.load(Ordering::Relaxed) {
                    let seen = fs::read(&path).unwrap();
                    reads += 1;
                    if !versions.contains(&seen) {
                        bad.push(seen.len());
                    }
                }
                (reads, bad)
            });
            for round in 0..40 {
                replace_file(&path, &versions[round % versions.len()], 0o644).unwrap();
            }
            done.store(true, Ordering::Relaxed);
            reader.join().unwrap()
        });
        assert!(reads > 0);
        assert!(
            bad.is_empty(),
            "{} of {reads} reads saw a partial file (first sizes {:?})",
            bad.len(),
            &bad[..bad.len().min(5)]
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            ["integrate.prom"],
            "temporary files were left behind"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode & 0o600, 0o600, "{mode:o}");
            assert_eq!(mode & 0o133, 0, "{mode:o}");
        }
    }
}
