//! Replaces several portal files as one step: every copy gets its new content, or none does.
//!
//! Workspace reads the same consumers from two copies (WebStudio and TeamLabSvc); a portal whose
//! copies disagree behaves differently per service, which is worse than an unchanged portal.
//! So the work that can fail is done first, for every file, while nothing visible has changed:
//! each new content goes to a temporary file beside its target (same owner and mode as the
//! target, fsynced), and each target is checked to still hold what was read. Only then are
//! backups written (from the bytes read, exclusively and without following links: a neighbour
//! who can write in the portal's directory cannot redirect a root `export`; see
//! [`crate::files::create_backup`]) and the temporaries renamed over their targets. A rename
//! that fails after others succeeded is rolled back from the bytes kept in memory. A `kill -9`
//! leaves at most temporary files, which the next write removes.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use tempfile::NamedTempFile;

/// One file to replace: what was read (to notice a concurrent change) and what to write.
pub struct Replacement {
    pub path: PathBuf,
    pub old: String,
    pub new: String,
}

/// What was done to one file.
pub struct Done {
    pub path: PathBuf,
    pub backup: PathBuf,
}

/// Writes every replacement or none. `stamp` names the backups (`FILE.bak-<stamp>`).
pub fn commit(replacements: &[Replacement], stamp: &str) -> Result<Vec<Done>> {
    let mut staged: Vec<(PathBuf, NamedTempFile)> = Vec::new();
    for r in replacements {
        let target = real_path(&r.path);
        staged.push((target.clone(), stage(&target, &r.new)?));
    }
    for (r, (target, _)) in replacements.iter().zip(&staged) {
        let now = crate::files::read_text(target, crate::files::DOCUMENT_LIMIT)
            .with_context(|| format!("cannot read {} again", target.display()))?;
        if now != r.old {
            return Err(anyhow!(
                "{} changed while integrate was preparing the export; nothing was written, run it again",
                target.display()
            ));
        }
    }
    let mut backups: Vec<PathBuf> = Vec::new();
    for (r, (target, _)) in replacements.iter().zip(&staged) {
        let made = crate::files::create_backup(target, r.old.as_bytes(), stamp)
            .with_context(|| format!("cannot back up {}", target.display()));
        match made {
            Ok(path) => backups.push(path),
            Err(e) => {
                for b in &backups {
                    let _ = fs::remove_file(b);
                }
                return Err(e);
            }
        }
    }
    let mut renamed: Vec<usize> = Vec::new();
    for (i, (target, tmp)) in staged.into_iter().enumerate() {
        if let Err(e) = tmp.persist(&target) {
            let mut restored = true;
            for j in &renamed {
                let r = &replacements[*j];
                let t = real_path(&r.path);
                restored &= stage(&t, &r.old)
                    .and_then(|tmp| tmp.persist(&t).map_err(|e| anyhow!(e.error)))
                    .is_ok();
            }
            let state = if restored {
                "the files already replaced were restored; nothing changed"
            } else {
                "some files could not be restored: copy them back from the backups listed"
            };
            return Err(anyhow!(
                "cannot replace {}: {}; {state} (backups: {})",
                target.display(),
                e.error,
                backups
                    .iter()
                    .map(|b| b.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        sync_dir(&target);
        renamed.push(i);
    }
    Ok(replacements
        .iter()
        .zip(backups)
        .map(|(r, backup)| Done {
            path: r.path.clone(),
            backup,
        })
        .collect())
}

/// A rename replaces a symlink itself; write through it to the file it names.
fn real_path(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// The new content in a temporary file beside `target`, with the target's mode and owner:
/// the portal's services must still be able to read it after the rename.
fn stage(target: &Path, content: &str) -> Result<NamedTempFile> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let meta = fs::metadata(target).with_context(|| format!("cannot read {}", target.display()))?;
    let mut tmp = crate::files::temp_file(dir, 0o600)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(content.as_bytes())
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write a temporary file in {}", dir.display()))?;
    fs::set_permissions(tmp.path(), meta.permissions())
        .with_context(|| format!("cannot set the mode of a file in {}", dir.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root can give a file away; anyone else writes files they own, as before.
        let _ = std::os::unix::fs::chown(tmp.path(), Some(meta.uid()), Some(meta.gid()));
    }
    Ok(tmp)
}

fn sync_dir(target: &Path) {
    if let Some(dir) = target.parent()
        && let Ok(d) = File::open(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
    {
        let _ = d.sync_all();
    }
}

/// A UTC timestamp for backup names, e.g. `20250110T153000Z`.
pub fn stamp() -> String {
    let format = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    time::OffsetDateTime::now_utc()
        .format(&format)
        .unwrap_or_else(|_| "backup".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_all_and_backs_up() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        fs::write(&a, "A").unwrap();
        fs::write(&b, "B").unwrap();
        let done = commit(
            &[
                Replacement {
                    path: a.clone(),
                    old: "A".into(),
                    new: "A2".into(),
                },
                Replacement {
                    path: b.clone(),
                    old: "B".into(),
                    new: "B2".into(),
                },
            ],
            "t",
        )
        .unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "A2");
        assert_eq!(fs::read_to_string(&b).unwrap(), "B2");
        assert_eq!(fs::read_to_string(&done[0].backup).unwrap(), "A");
    }

    #[test]
    fn a_changed_file_stops_everything() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        fs::write(&a, "A").unwrap();
        fs::write(&b, "B-changed").unwrap();
        let err = commit(
            &[
                Replacement {
                    path: a.clone(),
                    old: "A".into(),
                    new: "A2".into(),
                },
                Replacement {
                    path: b.clone(),
                    old: "B".into(),
                    new: "B2".into(),
                },
            ],
            "t",
        );
        assert!(err.is_err());
        assert_eq!(fs::read_to_string(&a).unwrap(), "A");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
