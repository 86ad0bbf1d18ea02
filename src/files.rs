//! Files and streams from outside, handled as if someone were trying to trick the tool
//! (issue 11): a path may name a FIFO, a device or a directory, a file may be endless, a
//! neighbour who can write in the portal's directory may plant links, and a `kill -9` may
//! strike mid-write.
//!
//! - Reads refuse anything but a regular file (opened without blocking, so a FIFO with no
//!   writer cannot hang the tool) and stop at a limit named in the error; text must be UTF-8,
//!   and the error says at which line and column it is not.
//! - Temporary files carry the writer's PID in their name (`.integrate-<pid>-<random>.tmp`);
//!   every write first removes this tool's leftovers whose writer is gone (or that are older
//!   than a few minutes), so a killed run never leaves secrets lying around for long.
//! - Backups are written whole, then named without replacing anything; lock files are opened
//!   without following links; neither is more readable than its owner needs.

use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

const MIB: u64 = 1024 * 1024;
/// The config file: a few KB in practice; key files inline make it tens of KB.
pub const CONFIG_LIMIT: u64 = 4 * MIB;
/// One value: a field (a key file is a few KB), a file read with `@PATH`, a token on stdin.
pub const VALUE_LIMIT: u64 = MIB;
/// A portal file (`web.consumers.config`, `autofac.consumers.json`) or a certificate bundle.
pub const DOCUMENT_LIMIT: u64 = 16 * MIB;

/// The prefix of every temporary file integrate writes.
const TEMP_PREFIX: &str = ".integrate-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file this old is a leftover even if a process with its writer's PID runs.
const STALE_AFTER: Duration = Duration::from_secs(5 * 60);

/// `1 MiB`, `4 MiB`, `512 KiB`.
pub fn describe(limit: u64) -> String {
    if limit.is_multiple_of(MIB) {
        format!("{} MiB", limit / MIB)
    } else {
        format!("{} KiB", limit / 1024)
    }
}

/// Why a file or stream could not be read. The message says what is wrong, not where: the
/// caller names the file, flag or field.
#[derive(Debug)]
pub enum ReadError {
    NotFound(io::Error),
    Io(io::Error),
    /// A FIFO, a device, a directory or a socket.
    NotRegular(&'static str),
    TooLarge(u64),
    NotUtf8 {
        line: usize,
        column: usize,
        byte: u8,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound(e) | ReadError::Io(e) => write!(f, "{e}"),
            ReadError::NotRegular(kind) => {
                write!(
                    f,
                    "it is a {kind}, not a regular file; give the path of a file"
                )
            }
            ReadError::TooLarge(limit) => write!(
                f,
                "it is larger than {}, the most integrate reads there",
                describe(*limit)
            ),
            ReadError::NotUtf8 { line, column, byte } => write!(
                f,
                "line {line}, column {column}: byte 0x{byte:02x} is not UTF-8; save the file as UTF-8"
            ),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        if e.kind() == io::ErrorKind::NotFound {
            ReadError::NotFound(e)
        } else {
            ReadError::Io(e)
        }
    }
}

fn kind_of(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "device";
        }
        if t.is_socket() {
            return "socket";
        }
    }
    if meta.is_dir() {
        "directory"
    } else {
        "special file"
    }
}

/// Opens `path` for reading, refusing anything but a regular file. O_NONBLOCK: opening a
/// FIFO that no one writes to would otherwise wait forever.
fn open_regular(path: &Path) -> Result<File, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(&meta)));
    }
    Ok(file)
}

/// Reads at most `limit` bytes of `reader`; more is an error, not a truncation.
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    Ok(bytes)
}

/// The bytes as text; invalid UTF-8 is reported with its line and column.
pub fn utf8(bytes: Vec<u8>) -> Result<String, ReadError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.into_bytes();
        let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ReadError::NotUtf8 {
            line,
            column,
            byte: bytes[valid],
        }
    })
}

/// A regular file's bytes, at most `limit`.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    read_limited(open_regular(path)?, limit)
}

/// A regular file's text, at most `limit` bytes of UTF-8.
pub fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    utf8(read_bytes(path, limit)?)
}

/// Standard input as text, at most `limit` bytes (`--set F=-`, `--token-stdin`).
pub fn read_stdin(limit: u64) -> Result<String, ReadError> {
    utf8(read_limited(io::stdin().lock(), limit)?)
}

/// A new temporary file in `dir`, created exclusively with `mode` (less the umask) and named
/// after this process, after this tool's stale leftovers in `dir` are removed. Dropped without
/// being persisted, it is deleted: no error path leaves one behind.
pub fn temp_file(dir: &Path, mode: u32) -> io::Result<tempfile::NamedTempFile> {
    remove_stale_temps(dir);
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder.tempfile_in(dir)
}

/// Removes this tool's temporary files in `dir` whose writer is gone (a `kill -9` during a
/// write) or that are older than [`STALE_AFTER`]. Only regular files this user owns, found
/// without following links.
pub fn remove_stale_temps(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(middle) = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX))
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        if !meta.is_file() || !owned_by_me(&meta) {
            continue;
        }
        let writer_gone = middle
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
            .is_some_and(|pid| !process_alive(pid));
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if writer_gone || old {
            tracing::debug!(
                "removing a stale temporary file: {}",
                entry.path().display()
            );
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn owned_by_me(meta: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    // SAFETY: geteuid has no preconditions and cannot fail.
    meta.uid() == unsafe { libc::geteuid() }
}

#[cfg(not(unix))]
fn owned_by_me(_meta: &fs::Metadata) -> bool {
    true
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    true
}

/// Writes `content` (what `target` holds now) to a new backup beside it: `NAME.bak-STAMP`, or
/// with a random suffix when that name exists. The backup is written whole to a temporary
/// file first, then given its name without replacing anything (`renameat2(RENAME_NOREPLACE)`
/// or `link`): a file or link planted under the predictable name is never written through,
/// and a crash leaves no half backup. It is owned like `target` (root can give it away) and
/// never more readable than 0600: it holds the secrets being replaced.
pub fn create_backup(target: &Path, content: &[u8], stamp: &str) -> io::Result<PathBuf> {
    let meta = fs::metadata(target)?;
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut tmp = temp_file(dir, 0o600)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // Only root can give a file away; anyone else keeps owning what they write.
        let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(meta.mode() & 0o600))?;
    }
    #[cfg(not(unix))]
    let _ = meta;
    tmp.write_all(content)?;
    tmp.as_file().sync_all()?;
    for attempt in 0..16 {
        let candidate = if attempt == 0 {
            format!("{name}.bak-{stamp}")
        } else {
            let random = uuid::Uuid::new_v4().simple().to_string();
            format!("{name}.bak-{stamp}-{}", &random[..8])
        };
        let path = target.with_file_name(candidate);
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(e.error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "every backup name tried beside {} exists; remove old backups",
            target.display()
        ),
    ))
}

/// Opens (creating it 0600 if needed) the lock file at `path`, never through a symbolic link:
/// a link planted there would make integrate create or touch a file wherever it points.
pub fn open_lock(path: &Path) -> anyhow::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(crate::exit::usage(format!(
                "the lock file {} is a symbolic link; integrate never follows one there (someone may be trying to make it write elsewhere). Remove the link, then try again",
                path.display()
            )));
        }
        Err(e) => {
            return Err(crate::exit::usage(format!(
                "cannot open the lock file {}: {e}",
                path.display()
            )));
        }
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(crate::exit::usage(format!(
            "the lock file {} is a {}, not a regular file; remove it, then try again",
            path.display(),
            kind_of(&meta)
        )));
    }
    Ok(file)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn refuses_fifos_devices_and_directories_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        for (path, kind) in [
            (fifo.as_path(), "FIFO"),
            (Path::new("/dev/zero"), "device"),
            (dir.path(), "directory"),
        ] {
            let err = read_bytes(path, 10).unwrap_err();
            assert!(err.to_string().contains(kind), "{err}");
        }
    }

    #[test]
    fn stops_at_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        fs::write(&path, vec![b'a'; 2048]).unwrap();
        assert_eq!(read_bytes(&path, 2048).unwrap().len(), 2048);
        let err = read_bytes(&path, 1024).unwrap_err();
        assert!(err.to_string().contains("larger than 1 KiB"), "{err}");
    }

    #[test]
    fn invalid_utf8_names_line_and_column() {
        let err = utf8(b"a = 1\nb = \"x\xff\"\n".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2, column 7: byte 0xff is not UTF-8; save the file as UTF-8"
        );
    }

    #[test]
    fn stale_temps_of_dead_writers_are_removed_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut dead = std::process::Command::new("true").spawn().unwrap();
        let dead_pid = dead.id();
        dead.wait().unwrap();
        let stale = dir.path().join(format!(".integrate-{dead_pid}-abc123.tmp"));
        let live = dir
            .path()
            .join(format!(".integrate-{}-def456.tmp", std::process::id()));
        let other = dir.path().join(".other-1-x.tmp");
        for p in [&stale, &live, &other] {
            fs::write(p, "secret").unwrap();
        }
        let fresh = temp_file(dir.path(), 0o600).unwrap();
        assert!(!stale.exists());
        assert!(live.exists());
        assert!(other.exists());
        let name = fresh
            .path()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        assert!(
            name.starts_with(&format!(".integrate-{}-", std::process::id())),
            "{name}"
        );
        drop(fresh);
        assert!(!dir.path().join(name).exists(), "dropped means deleted");
    }

    #[test]
    fn backups_never_follow_a_planted_link() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("web.consumers.config");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o644)).unwrap();
        let victim = dir.path().join("victim");
        std::os::unix::fs::symlink(&victim, dir.path().join("web.consumers.config.bak-T")).unwrap();
        let backup = create_backup(&target, b"old", "T").unwrap();
        assert!(!victim.exists(), "the link was followed");
        assert_ne!(backup, dir.path().join("web.consumers.config.bak-T"));
        assert_eq!(fs::read(&backup).unwrap(), b"old");
        let mode = fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    #[test]
    fn the_lock_file_is_never_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let lock = dir.path().join("integrate.toml.lock");
        let victim = dir.path().join("victim");
        std::os::unix::fs::symlink(&victim, &lock).unwrap();
        let err = open_lock(&lock).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert!(!victim.exists());
    }
}
