//! `integrate report`: the support bundle holds the facts support needs and no secret, proved
//! with every provider configured (real key files for Apple and Google Cloud Storage).

use integrate::catalog;

use crate::support::{Output, Sandbox, assert_no_leak, closed_port};

/// A real P-256 PKCS#8 key, as Apple's .p8 files are.
fn apple_p8() -> String {
    use p256::pkcs8::{EncodePrivateKey, LineEnding};
    p256::SecretKey::random(&mut rand::rngs::OsRng)
        .to_pkcs8_pem(LineEnding::LF)
        .unwrap()
        .to_string()
}

/// A service-account key file with a real RSA key, as the Cloud console downloads it.
fn gcs_key_file() -> String {
    use rsa::pkcs8::{EncodePrivateKey, LineEnding};
    let key = rsa::RsaPrivateKey::new(&mut rand::thread_rng(), 2048).unwrap();
    let pem = key.to_pkcs8_pem(LineEnding::LF).unwrap().to_string();
    serde_json::to_string_pretty(&serde_json::json!({
        "type": "service_account",
        "project_id": "portal-backup-4f2a1",
        "private_key_id": "3f1e6c0d9b8a7f6e5d4c3b2a19087f6e5d4c3b2a",
        "private_key": pem,
        "client_email": "portal-backup@portal-backup-4f2a1.iam.gserviceaccount.com",
        "client_id": "104729381726354019283",
        "token_uri": "https://oauth2.googleapis.com/token"
    }))
    .unwrap()
}

/// Every provider configured from its catalog examples, each pointing at a closed local port;
/// returns every secret value written.
fn configure_everything(sandbox: &Sandbox) -> Vec<String> {
    sandbox.write_config("[portal]\nurl = \"https://portal.example.com\"\n");
    let endpoint = format!("http://127.0.0.1:{}", closed_port());
    let mut secrets = Vec::new();
    for provider in catalog::all() {
        let mut fields: Vec<(&str, String)> = Vec::new();
        for field in &provider.fields {
            let value = match (provider.id.as_str(), field.name.as_str()) {
                ("apple", "private_key") => apple_p8(),
                ("gcs", "service_account_json") => gcs_key_file(),
                _ => field.example.clone(),
            };
            if field.secret {
                secrets.push(value.clone());
            }
            fields.push((field.name.as_str(), value));
        }
        fields.push(("endpoint", endpoint.clone()));
        sandbox.set_provider(&provider.id, &fields);
    }
    // At least one secret per provider.
    assert!(
        secrets.len() >= catalog::all().len(),
        "{} secrets",
        secrets.len()
    );
    secrets
}

fn as_output(text: String) -> Output {
    Output::written(&["report"], text)
}

#[test]
fn report_with_every_provider_configured_holds_no_secret() {
    let sandbox = Sandbox::new();
    let secrets = configure_everything(&sandbox);

    let out = sandbox.run(&["report", "--timeout", "3"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_no_leak(&out, &secrets);
    for needle in [
        "# integrate support report",
        "- integrate 0.1.0",
        "- OS: ",
        "## Doctor",
        "(mode 600)",
    ] {
        assert!(
            out.stdout.contains(needle),
            "{needle:?} missing:\n{}",
            out.stdout
        );
    }
    for provider in catalog::all() {
        assert!(
            out.stdout.contains(&format!("### {} (", provider.id)),
            "{} missing",
            provider.id
        );
    }
    assert!(
        out.stdout.contains("| `****"),
        "secrets are shown masked:\n{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("✗ tcp") && out.stdout.contains(" ms)"),
        "doctor layers with timings"
    );

    let file = sandbox.dir.path().join("ticket/report.md");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let out = sandbox.run(&[
        "report",
        "--timeout",
        "3",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_no_leak(&out, &secrets);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with("# integrate support report"),
        "{written}"
    );
    assert!(!written.contains('\u{1b}'), "no colour codes in the file");
    assert_no_leak(&as_output(written), &secrets);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }

    let out = sandbox.run(&["report", "--timeout", "3", "--format", "json", "-vvv"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_no_leak(&out, &secrets);
    let doc = out.json();
    assert_eq!(doc["tool"]["version"], "0.1.0");
    assert!(doc["os"]["os"].is_string());
    let count = catalog::all().len();
    assert_eq!(doc["config"]["providers"].as_array().unwrap().len(), count);
    assert_eq!(doc["doctor"]["results"].as_array().unwrap().len(), count);
    let layers = doc["doctor"]["results"][0]["layers"].as_array().unwrap();
    assert!(layers.iter().all(|l| l["elapsed_ms"].is_u64()));
}

#[test]
fn report_hides_proxy_credentials_and_env_values() {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            (
                "bot_token",
                "7712345678:AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi".into(),
            ),
            ("bot_name", "PortalNotifyBot".into()),
            ("endpoint", format!("http://127.0.0.1:{}", closed_port())),
        ],
    );
    let mut cmd = sandbox.command(&["report", "--timeout", "3"]);
    cmd.env(
        "HTTPS_PROXY",
        "http://alice:Pr0xyPassw0rd@proxy.corp.example:3128",
    )
    .env("NO_PROXY", "127.0.0.1,localhost")
    .env("INTEGRATE_ZOTERO_API_KEY", "Zk4mQ8vN2pL6rT1xW9yB3cD5")
    .env(
        "INTEGRATE_ZOTERO_ENDPOINT",
        format!("http://127.0.0.1:{}", closed_port()),
    );
    let out = sandbox.run_with(cmd);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.contains("proxy.corp.example:3128"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("INTEGRATE_ZOTERO_API_KEY"),
        "{}",
        out.stdout
    );
    assert_no_leak(
        &out,
        &[
            "Pr0xyPassw0rd".into(),
            "Zk4mQ8vN2pL6rT1xW9yB3cD5".into(),
            "7712345678:AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi".into(),
        ],
    );
}

#[test]
fn report_opens_with_a_verdict_table_and_says_where_it_looked_for_portal_files() {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "telegram",
        &[
            (
                "bot_token",
                "7712345678:AAF3kq9VvQz8xYw2LmN4pR6sT0uBcDeFgHi".into(),
            ),
            ("bot_name", "PortalNotifyBot".into()),
            ("endpoint", format!("http://127.0.0.1:{}", closed_port())),
        ],
    );
    let out = sandbox.run(&["report", "--timeout", "3"]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert!(
        out.stdout.starts_with(
            "# integrate support report\n\n## Verdict\n\n| provider | status | cause |\n|---|---|---|\n| telegram | unreachable (`connect`) | tcp: "
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("No portal file was found")
            && out
                .stdout
                .contains("- /var/www/onlyoffice/WebStudio/web.consumers.config")
            && out
                .stdout
                .contains("- /app/onlyoffice/config/autofac.consumers.json")
            && out.stdout.contains("--portal-file"),
        "{}",
        out.stdout
    );
    // With a portal file, the report names it instead.
    let file = super::copy_fixture(&sandbox, "web.consumers.new.config", "portal");
    let out = sandbox.run(&[
        "report",
        "--timeout",
        "3",
        "--portal-file",
        file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let doc = out.json();
    assert_eq!(doc["portal_files"]["found"][0], file.to_str().unwrap());
    assert_eq!(doc["portal_files"]["searched"][0], file.to_str().unwrap());
}
