//! `integrate export`: golden bytes for both Workspace layouts and the DocSpace JSON, the
//! all-or-nothing rule across copies, dry runs that mask secrets, malformed files left alone.

use std::fs;

use super::{configure, copy_fixture, read_fixture, secrets};
use crate::support::{Sandbox, assert_no_leak};

fn backups(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".bak-"))
        .collect();
    names.sort();
    names
}

#[test]
fn export_workspace_writes_both_layouts_golden() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let old = copy_fixture(&sandbox, "web.consumers.old.config", "WebStudio");
    let new = copy_fixture(&sandbox, "web.consumers.new.config", "TeamLabSvc");
    let out = sandbox.run(&[
        "export",
        "workspace",
        "--path",
        old.to_str().unwrap(),
        "--path",
        new.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        fs::read_to_string(&old).unwrap(),
        read_fixture("web.consumers.old.expected.config")
    );
    assert_eq!(
        fs::read_to_string(&new).unwrap(),
        read_fixture("web.consumers.new.expected.config")
    );
    // The previous bytes are kept beside each file.
    for (path, original) in [
        (&old, "web.consumers.old.config"),
        (&new, "web.consumers.new.config"),
    ] {
        let dir = path.parent().unwrap();
        let names = backups(dir);
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(
            fs::read_to_string(dir.join(&names[0])).unwrap(),
            read_fixture(original)
        );
    }
    let all = out.all();
    assert!(all.contains("read-only"), "{all}");
    assert!(all.contains("up to v12.0 layout"), "{all}");
    assert!(all.contains("v12.5 and later layout"), "{all}");
    assert!(all.contains("no `EasyBib` component"), "{all}");
    assert!(all.contains("no `twilioKeySid` key"), "{all}");
    assert!(
        all.contains("bitly is not exported: it is disabled"),
        "{all}"
    );
    assert_no_leak(&out, &secrets());
}

#[test]
fn export_workspace_twice_changes_nothing_the_second_time() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let new = copy_fixture(&sandbox, "web.consumers.new.config", "w");
    let args = ["export", "workspace", "--path", new.to_str().unwrap()];
    assert_eq!(sandbox.run(&args).code, 0);
    let out = sandbox.run(&args);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(out.all().contains("Nothing to change"), "{}", out.all());
    assert_eq!(backups(new.parent().unwrap()).len(), 1);
}

#[test]
fn export_workspace_dry_run_prints_masked_diff_and_writes_nothing() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let old = copy_fixture(&sandbox, "web.consumers.old.config", "w");
    let out = sandbox.run(&[
        "export",
        "workspace",
        "--dry-run",
        "--path",
        old.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        fs::read_to_string(&old).unwrap(),
        read_fixture("web.consumers.old.config")
    );
    assert!(backups(old.parent().unwrap()).is_empty());
    assert!(
        out.stdout
            .contains("+        <item key=\"telegramBotToken\" value=\"****"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("+        <item key=\"telegramBotName\" value=\"PortalNotifyBot\" />"),
        "{}",
        out.stdout
    );
    assert!(out.all().contains("read-only"), "{}", out.all());
    assert_no_leak(&out, &secrets());
}

#[test]
fn export_workspace_interrupted_by_a_malformed_copy_leaves_both_as_they_were() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let first = copy_fixture(&sandbox, "web.consumers.new.config", "WebStudio");
    let second = sandbox.dir.path().join("TeamLabSvc/web.consumers.config");
    fs::create_dir_all(second.parent().unwrap()).unwrap();
    let broken = read_fixture("web.consumers.new.config").replace(
        "</props>\n    </component>\n    <component type=\"ASC.Web.Core.Sms",
        "</props>\n    <component type=\"ASC.Web.Core.Sms",
    );
    fs::write(&second, &broken).unwrap();
    let out = sandbox.run(&[
        "export",
        "workspace",
        "--path",
        first.to_str().unwrap(),
        "--path",
        second.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains(&format!("{}:", second.display())),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("left untouched"), "{}", out.stderr);
    assert_eq!(
        fs::read_to_string(&first).unwrap(),
        read_fixture("web.consumers.new.config")
    );
    assert_eq!(fs::read_to_string(&second).unwrap(), broken);
    assert!(backups(first.parent().unwrap()).is_empty());
}

#[cfg(unix)]
#[test]
fn export_workspace_interrupted_by_an_unwritable_copy_leaves_both_as_they_were() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let first = copy_fixture(&sandbox, "web.consumers.old.config", "WebStudio");
    let second = copy_fixture(&sandbox, "web.consumers.new.config", "TeamLabSvc");
    let locked = second.parent().unwrap();
    fs::set_permissions(locked, fs::Permissions::from_mode(0o555)).unwrap();
    if fs::write(locked.join("probe"), "x").is_ok() {
        // Running as root: a read-only directory does not stop writes; the malformed case
        // above covers the rule.
        fs::set_permissions(locked, fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let out = sandbox.run(&[
        "export",
        "workspace",
        "--path",
        first.to_str().unwrap(),
        "--path",
        second.to_str().unwrap(),
    ]);
    fs::set_permissions(locked, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.code, 2, "{}", out.all());
    assert_eq!(
        fs::read_to_string(&first).unwrap(),
        read_fixture("web.consumers.old.config")
    );
    assert_eq!(
        fs::read_to_string(&second).unwrap(),
        read_fixture("web.consumers.new.config")
    );
    assert!(backups(first.parent().unwrap()).is_empty());
}

#[test]
fn export_workspace_default_paths_need_both_copies() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let out = sandbox.run(&["export", "workspace"]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr
            .contains("/var/www/onlyoffice/WebStudio/web.consumers.config"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--path"), "{}", out.stderr);
}

#[test]
fn export_docspace_changes_only_props_values_golden() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let file = copy_fixture(&sandbox, "autofac.consumers.json", "config");
    let out = sandbox.run(&["export", "docspace", "--path", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        read_fixture("autofac.consumers.expected.json")
    );
    let all = out.all();
    assert!(all.contains("docusign is not exported"), "{all}");
    assert!(all.contains("`bucket` of `s3` is in `additional`"), "{all}");
    assert!(all.contains("read-only"), "{all}");
    assert_no_leak(&out, &secrets());
}

#[test]
fn export_docspace_dry_run_masks_secrets() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let file = copy_fixture(&sandbox, "autofac.consumers.json", "config");
    let out = sandbox.run(&[
        "export",
        "docspace",
        "--dry-run",
        "--path",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        read_fixture("autofac.consumers.json")
    );
    assert!(
        out.stdout
            .contains("+          \"googleClientSecret\": \"****"),
        "{}",
        out.stdout
    );
    assert_no_leak(&out, &secrets());
}

#[test]
fn export_docspace_malformed_file_is_named_with_position_and_untouched() {
    let sandbox = Sandbox::new();
    configure(&sandbox);
    let file = sandbox.dir.path().join("autofac.consumers.json");
    let broken = read_fixture("autofac.consumers.json").replacen(
        "\"order\": \"5\",",
        "\"order\": \"5\" \"x\",",
        1,
    );
    fs::write(&file, &broken).unwrap();
    let out = sandbox.run(&["export", "docspace", "--path", file.to_str().unwrap()]);
    assert_eq!(out.code, 2, "{}", out.all());
    assert!(
        out.stderr.contains(&format!("{}:14:", file.display())),
        "{}",
        out.stderr
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), broken);
}
