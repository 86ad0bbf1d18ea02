//! CLI behaviour, one file per command: `<command>_<situation>` tests.
//!
//! The portal commands (export, import, push, pull) share the fixtures under
//! `tests/fixtures/portal/` and the configured values below.

mod add;
mod check;
mod color;
mod completions;
mod config;
mod doctor;
mod export;
mod help;
mod import;
mod keyring;
mod portal_forms;
mod prometheus;
mod providers;
mod pull;
mod push;
mod report;
mod toggle;
mod wizard;

use std::path::{Path, PathBuf};

use crate::support::Sandbox;

/// A fixture file's path.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/portal")
        .join(name)
}

pub fn read_fixture(name: &str) -> String {
    std::fs::read_to_string(fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Copies a fixture into the sandbox (optionally under a subdirectory) and returns its path.
pub fn copy_fixture(sandbox: &Sandbox, name: &str, dir: &str) -> PathBuf {
    let target_dir = sandbox.dir.path().join(dir);
    std::fs::create_dir_all(&target_dir).unwrap();
    let target = target_dir.join(name);
    std::fs::copy(fixture(name), &target).unwrap();
    target
}

pub const TELEGRAM_TOKEN: &str = "7712345678:AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi";
pub const TWILIO_SID: &str = "ACd390b656a4d2bad821df997d529975dc";
pub const TWILIO_TOKEN: &str = "Zb6de0703b4ab7ed013e50181d960e95";
pub const GOOGLE_ID: &str =
    "482913705612-3av90ric7phkqdlmtt7ns26lrwbqcab6.apps.googleusercontent.com";
pub const GOOGLE_SECRET: &str = "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";
pub const DOCUSIGN_SECRET: &str = "96ea3b2e-2d1a-40e9-be95-ef403beeb51c";
pub const EASYBIB_KEY: &str = "cccc3fc1626e53a13043b026c48bbf33";
pub const S3_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY&<Zq9Lm>\"Qx";
/// A multi-line service-account key: its newlines must survive an XML attribute.
pub const GCS_JSON: &str = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"portal-backup-4f2a1\",\n  \"private_key_id\": \"0123456789abcdef0123456789abcdef01234567\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"backup@portal-backup-4f2a1.iam.gserviceaccount.com\"\n}";

/// Every secret configured by [`configure`], for the leak scanner.
pub fn secrets() -> Vec<String> {
    [
        TELEGRAM_TOKEN,
        TWILIO_TOKEN,
        GOOGLE_SECRET,
        DOCUSIGN_SECRET,
        EASYBIB_KEY,
        S3_SECRET,
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([GCS_JSON.to_string()])
    .collect()
}

/// Configures providers of both generations: some Workspace-only (DocuSign, EasyBib), one
/// disabled (Bitly), one with a key the shipped files lack (Twilio's api_key_sid).
pub fn configure(sandbox: &Sandbox) {
    sandbox.set_provider(
        "telegram",
        &[
            ("bot_token", TELEGRAM_TOKEN.into()),
            ("bot_name", "PortalNotifyBot".into()),
        ],
    );
    sandbox.set_provider(
        "twilio",
        &[
            ("account_sid", TWILIO_SID.into()),
            ("auth_token", TWILIO_TOKEN.into()),
            ("phone_number", "+15005550006".into()),
            ("api_key_sid", "SK8c1530a493afbb8b64cb580fac27cd89".into()),
        ],
    );
    sandbox.set_provider(
        "google",
        &[
            ("client_id", GOOGLE_ID.into()),
            ("client_secret", GOOGLE_SECRET.into()),
        ],
    );
    sandbox.set_provider(
        "docusign",
        &[
            (
                "integration_key",
                "be7ffd58-196d-42a0-84f3-7a0ba157eef5".into(),
            ),
            ("secret_key", DOCUSIGN_SECRET.into()),
        ],
    );
    sandbox.set_provider("easybib", &[("api_key", EASYBIB_KEY.into())]);
    sandbox.set_provider(
        "s3",
        &[
            ("access_key_id", "AKIAIOSFODNN7EXAMPLE".into()),
            ("secret_access_key", S3_SECRET.into()),
            ("bucket", "portal-backup".into()),
        ],
    );
    sandbox.set_provider("gcs", &[("service_account_json", GCS_JSON.into())]);
    sandbox.set_provider(
        "bitly",
        &[
            (
                "access_token",
                "0123456789abcdef0123456789abcdef01234567".into(),
            ),
            ("enabled", "false".into()),
        ],
    );
}
