//! `integrate export workspace|docspace [--path FILE]... [--dry-run]`: writes the configured
//! keys into the portal's own file(s). Every file is read and edited in memory first; then all
//! are replaced together, or none (see `portal::commit`).

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::App;
use crate::cli::{ExportArgs, Generation};
use crate::config::resolve;
use crate::exit::{ExitStatus, usage};
use crate::output;
use crate::portal::{self, Skip, commit};

pub fn exec(app: &App, args: ExportArgs) -> Result<ExitStatus> {
    let generation = args.generation;
    let what = portal::file_name(generation);
    let config = app.load_config()?;
    let resolved = resolve::resolve_all(&config);
    let (assignments, not_exported) = portal::assignments(&resolved, generation, app.lang);
    for n in &not_exported {
        output::warn(&format!("{} is not exported: {}", n.provider, n.reason));
    }
    if assignments.is_empty() {
        return Err(usage(format!(
            "nothing to export: no configured, enabled provider has keys in {what}. Run `integrate providers` to see which ones do."
        )));
    }
    let paths: Vec<PathBuf> = if args.path.is_empty() {
        portal::default_paths(generation)
            .into_iter()
            .map(PathBuf::from)
            .collect()
    } else {
        args.path.clone()
    };

    let mut replacements = Vec::new();
    let mut diffs = Vec::new();
    for path in &paths {
        let text = read(path, generation, args.path.is_empty())?;
        let parsed = portal::parse(generation, path, text.clone())?;
        let edit = parsed.apply(&assignments);
        output::note(&format!("{}: {}", path.display(), parsed.layout));
        report_skipped(path, &edit.skipped);
        for locked in &edit.locked {
            if !locked.empty.is_empty() {
                output::warn(&format!(
                    "{}: {} has only some keys filled ({} still empty); the portal locks all of them anyway",
                    path.display(),
                    locked.consumer,
                    locked.empty.join(", ")
                ));
            }
        }
        if edit.text == text {
            continue;
        }
        if args.dry_run {
            let after = portal::parse(generation, path, edit.text.clone())?;
            diffs.push(portal::diff(path, &parsed.masked(), &after.masked()));
        }
        replacements.push(commit::Replacement {
            path: path.clone(),
            old: text,
            new: edit.text,
        });
    }
    let locked_note = "Keys written to this file become read-only on the portal's settings page (Consumer.CanSet): change them here, not in the portal. Filling only some keys of a service locks all of them.";
    if replacements.is_empty() {
        output::note(&format!(
            "Nothing to change: {what} already holds these values."
        ));
        return Ok(ExitStatus::Success);
    }
    if args.dry_run {
        for d in diffs {
            output::print(&d);
        }
        output::note(&format!(
            "Dry run: nothing was written ({} file(s) would change).",
            replacements.len()
        ));
        output::warn(locked_note);
        return Ok(ExitStatus::Success);
    }
    let done = commit::commit(&replacements, &commit::stamp())
        .map_err(|e| usage(format!("{e:#}; every file was left as it was")))?;
    for d in &done {
        output::println(&format!(
            "Updated {} (previous version: {})",
            d.path.display(),
            d.backup.display()
        ));
        warn_if_readable(&d.path);
    }
    output::warn(locked_note);
    output::note(match generation {
        Generation::Workspace => {
            "Restart the portal's services (WebStudio and TeamLabSvc) for them to read the new keys."
        }
        Generation::Docspace => "Restart DocSpace's services for them to read the new keys.",
    });
    Ok(ExitStatus::Success)
}

fn read(path: &Path, generation: Generation, default: bool) -> Result<String> {
    crate::files::read_text(path, crate::files::DOCUMENT_LIMIT).map_err(|e| {
        let hint = if default {
            format!(
                " (the default location of {}; give the file(s) with --path)",
                portal::file_name(generation)
            )
        } else {
            String::new()
        };
        usage(format!(
            "cannot read {}{hint}: {e}; nothing was written",
            path.display()
        ))
    })
}

fn report_skipped(path: &Path, skipped: &[portal::Skipped]) {
    let mut seen_consumers: Vec<&str> = Vec::new();
    for s in skipped {
        match s.why {
            Skip::NoConsumer => {
                if !seen_consumers.contains(&s.consumer.as_str()) {
                    seen_consumers.push(&s.consumer);
                    output::warn(&format!(
                        "{}: no `{}` component, so {} was not written (this portal version does not have it; see `integrate providers`)",
                        path.display(),
                        s.consumer,
                        s.provider
                    ));
                }
            }
            Skip::NoKey => output::warn(&format!(
                "{}: the `{}` component declares no `{}` key, so {} was not written there; add <item key=\"{}\" value=\"\" /> (or the JSON prop) by hand if this portal needs it, then export again",
                path.display(),
                s.consumer,
                s.key,
                s.provider,
                s.key
            )),
            Skip::NotWritable => output::note(&format!(
                "{}: `{}` of `{}` is in `additional`, which integrate leaves as it is",
                path.display(),
                s.key,
                s.consumer
            )),
        }
    }
}

/// The file now holds secrets; the portal's services must read it, others need not.
fn warn_if_readable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path)
            && meta.permissions().mode() & 0o004 != 0
        {
            output::warn(&format!(
                "{} is readable by every local user and now holds secrets; consider chmod o-r (keep it readable by the portal's service user)",
                path.display()
            ));
        }
    }
}
