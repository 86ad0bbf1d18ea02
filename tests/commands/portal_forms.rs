//! Values in the form the portal reads (issue 8.4): `export` writes Apple's key as the bare
//! PKCS#8 body the portal base64-decodes, booleans as .NET's `bool.TryParse` reads them, and a
//! key file as a JSON object; `import` and `add` take both forms of the Apple key. Each test
//! reads the written value back the way the portal does.

use std::fs;
use std::path::Path;

use base64::Engine;
use integrate::portal::{self, Generation};
use p256::pkcs8::DecodePrivateKey;

use super::{GCS_JSON, copy_fixture};
use crate::fakes::apple::{CLIENT_ID, KEY_ID, TEAM_ID, key_pair};
use crate::support::{Sandbox, assert_no_leak};

/// Workspace v12.6's AppleID component (CommunityServer web.consumers.config, new layout).
const WORKSPACE_APPLE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<consumers>
  <components>
    <component type="ASC.FederatedLogin.LoginProviders.AppleIdLoginProvider, ASC.FederatedLogin" name="AppleID" order="1">
      <props>
        <item key="appleIdClientId" value="" />
        <item key="appleIdTeamId" value="" />
        <item key="appleIdKeyId" value="" />
        <item key="appleIdPrivateKey" value="" password="true" />
        <item key="appleIdRedirectUrl" value="https://service.onlyoffice.com/oauth2.aspx" hidden="true" />
      </props>
    </component>
  </components>
</consumers>
"#;

/// DocSpace's appleID component (DocSpace-buildtools config/autofac.consumers.json).
const DOCSPACE_APPLE: &str = r#"{
  "components": [
    {
      "type": "ASC.FederatedLogin.LoginProviders.AppleIdLoginProvider, ASC.FederatedLogin",
      "services": [
        { "type": "ASC.Core.Common.Configuration.Consumer, ASC.Core.Common" },
        { "key": "appleID", "type": "ASC.Core.Common.Configuration.Consumer, ASC.Core.Common" }
      ],
      "instanceScope": "perlifetimescope",
      "parameters": {
        "name": "appleID",
        "order": "1",
        "paid": false,
        "props": {
          "appleIdClientId": "",
          "appleIdClientIdMobile": "",
          "appleIdTeamId": "",
          "appleIdKeyId": "",
          "appleIdPrivateKey": ""
        },
        "additional": {
          "appleIdRedirectUrl": "https://service.teamlab.info/oauth2.aspx"
        }
      }
    }
  ]
}
"#;

fn configure_apple(sandbox: &Sandbox, private_key: &str) {
    sandbox.set_provider(
        "apple",
        &[
            ("client_id", CLIENT_ID.into()),
            ("team_id", TEAM_ID.into()),
            ("key_id", KEY_ID.into()),
            ("private_key", private_key.into()),
        ],
    );
}

/// A value of a written portal file, decoded by integrate's own parser of that format.
fn value_in(generation: Generation, path: &Path, consumer: &str, key: &str) -> String {
    let text = fs::read_to_string(path).unwrap();
    let parsed = portal::parse(generation, path, text).unwrap();
    parsed
        .values_of(consumer)
        .get(key)
        .unwrap_or_else(|| panic!("no {consumer}/{key} in {}", path.display()))
        .to_string()
}

/// What the portal does with appleIdPrivateKey: base64-decode the string as it is (strict,
/// so armour or line breaks fail), then import the bytes as a PKCS#8 P-256 key.
fn portal_reads(value: &str) -> p256::SecretKey {
    let der = base64::engine::general_purpose::STANDARD
        .decode(value)
        .unwrap_or_else(|e| panic!("the portal cannot base64-decode {value:?}: {e}"));
    p256::SecretKey::from_pkcs8_der(&der).expect("a PKCS#8 P-256 key")
}

fn pem_key(pem: &str) -> p256::SecretKey {
    p256::SecretKey::from_pkcs8_pem(pem).unwrap()
}

fn stored(sandbox: &Sandbox, id: &str, field: &str) -> Option<String> {
    let doc: toml_edit::DocumentMut = sandbox.read_config().parse().unwrap();
    doc.get("providers")?
        .get(id)?
        .get(field)?
        .as_str()
        .map(str::to_string)
}

fn write(sandbox: &Sandbox, name: &str, text: &str) -> std::path::PathBuf {
    let path = sandbox.dir.path().join(name);
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn export_workspace_writes_the_apple_key_as_the_portal_decodes_it() {
    let sandbox = Sandbox::new();
    let (pem, _) = key_pair();
    configure_apple(&sandbox, &pem);
    let file = write(&sandbox, "web.consumers.config", WORKSPACE_APPLE);
    let out = sandbox.run(&["export", "workspace", "--path", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    let value = value_in(Generation::Workspace, &file, "AppleID", "appleIdPrivateKey");
    assert!(!value.contains('-') && !value.contains('\n'), "{value}");
    assert_eq!(portal_reads(&value), pem_key(&pem));
    assert_no_leak(&out, &[pem.clone(), value]);
    // Exporting again changes nothing: the bare body is the same key.
    let out = sandbox.run(&["export", "workspace", "--path", file.to_str().unwrap()]);
    assert!(out.all().contains("Nothing to change"), "{}", out.all());
}

#[test]
fn export_docspace_writes_the_apple_key_as_the_portal_decodes_it() {
    let sandbox = Sandbox::new();
    let (pem, _) = key_pair();
    configure_apple(&sandbox, &pem);
    let file = write(&sandbox, "autofac.consumers.json", DOCSPACE_APPLE);
    let out = sandbox.run(&["export", "docspace", "--path", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    let value = value_in(Generation::Docspace, &file, "appleID", "appleIdPrivateKey");
    assert_eq!(portal_reads(&value), pem_key(&pem));
    // The file stays JSON the portal loads.
    let doc: serde_json::Value = serde_json::from_str(&fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(
        doc["components"][0]["parameters"]["props"]["appleIdPrivateKey"],
        value.as_str()
    );
}

#[test]
fn import_takes_the_apple_key_bare_or_armoured() {
    let (pem, _) = key_pair();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    for (generation, name, template, form) in [
        ("workspace", "web.consumers.config", WORKSPACE_APPLE, &body),
        ("workspace", "web.consumers.config", WORKSPACE_APPLE, &pem),
        ("docspace", "autofac.consumers.json", DOCSPACE_APPLE, &body),
    ] {
        let sandbox = Sandbox::new();
        let filled = if generation == "workspace" {
            template
                .replace(
                    r#"key="appleIdPrivateKey" value="""#,
                    &format!(
                        r#"key="appleIdPrivateKey" value="{}""#,
                        form.replace('\n', "&#10;")
                    ),
                )
                .replace(
                    r#"key="appleIdClientId" value="""#,
                    &format!(r#"key="appleIdClientId" value="{CLIENT_ID}""#),
                )
                .replace(
                    r#"key="appleIdTeamId" value="""#,
                    &format!(r#"key="appleIdTeamId" value="{TEAM_ID}""#),
                )
                .replace(
                    r#"key="appleIdKeyId" value="""#,
                    &format!(r#"key="appleIdKeyId" value="{KEY_ID}""#),
                )
        } else {
            let mut doc: serde_json::Value = serde_json::from_str(template).unwrap();
            let props = &mut doc["components"][0]["parameters"]["props"];
            props["appleIdPrivateKey"] = form.as_str().into();
            props["appleIdClientId"] = CLIENT_ID.into();
            props["appleIdTeamId"] = TEAM_ID.into();
            props["appleIdKeyId"] = KEY_ID.into();
            serde_json::to_string_pretty(&doc).unwrap()
        };
        let file = write(&sandbox, name, &filled);
        let out = sandbox.run(&["import", generation, file.to_str().unwrap()]);
        assert_eq!(out.code, 0, "{generation}: {}", out.all());
        let kept = stored(&sandbox, "apple", "private_key").expect("the key is stored");
        assert!(kept.starts_with("-----BEGIN PRIVATE KEY-----"), "{kept}");
        assert_eq!(pem_key(&kept), pem_key(&pem), "{generation}");
        assert_no_leak(&out, &[pem.clone(), body.clone()]);
    }
}

#[test]
fn add_takes_the_bare_apple_key_body() {
    let sandbox = Sandbox::new();
    let (pem, _) = key_pair();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let set = |field: &str, value: &str| format!("{field}={value}");
    let out = sandbox.run(&[
        "add",
        "apple",
        "--no-check",
        "--set",
        &set("client_id", CLIENT_ID),
        "--set",
        &set("team_id", TEAM_ID),
        "--set",
        &set("key_id", KEY_ID),
        "--set",
        &set("private_key", &body),
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    let kept = stored(&sandbox, "apple", "private_key").expect("the key is stored");
    assert_eq!(pem_key(&kept), pem_key(&pem));
    // The .p8 file as downloaded still works.
    let p8 = write(&sandbox, "AuthKey_ZR9HNGOX1R.p8", &pem);
    let out = sandbox.run(&[
        "add",
        "apple",
        "--no-check",
        "--force",
        "--set",
        &format!("private_key=@{}", p8.display()),
        "--set",
        &set("client_id", CLIENT_ID),
        "--set",
        &set("team_id", TEAM_ID),
        "--set",
        &set("key_id", KEY_ID),
    ]);
    assert_eq!(out.code, 0, "{}", out.all());
    assert_eq!(
        pem_key(&stored(&sandbox, "apple", "private_key").unwrap()),
        pem_key(&pem)
    );
}

#[test]
fn export_writes_booleans_as_dotnet_parses_them() {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "s3",
        &[
            ("access_key_id", "AKIAIOSFODNN7EXAMPLE".into()),
            (
                "secret_access_key",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            ),
            ("bucket", "portal-backup".into()),
            ("path_style", "yes".into()),
            ("endpoint", "https://s3.example.internal".into()),
        ],
    );
    let file = copy_fixture(&sandbox, "web.consumers.new.config", "w");
    let out = sandbox.run(&["export", "workspace", "--path", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    // S3Storage reads it with bool.TryParse, which knows only true and false.
    assert_eq!(
        value_in(Generation::Workspace, &file, "S3", "forcepathstyle"),
        "true"
    );
}

#[test]
fn export_writes_a_quoted_key_file_as_the_json_object() {
    let sandbox = Sandbox::new();
    // The whole file pasted as one JSON string, which the format check accepts.
    let quoted = serde_json::Value::String(GCS_JSON.into()).to_string();
    sandbox.set_provider("gcs", &[("service_account_json", quoted.clone())]);
    let file = copy_fixture(&sandbox, "web.consumers.new.config", "w");
    let out = sandbox.run(&["export", "workspace", "--path", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.all());
    let value = value_in(Generation::Workspace, &file, "GoogleCloud", "json");
    // What GoogleCredential.FromJson needs: the key file's object.
    let doc: serde_json::Value = serde_json::from_str(&value).unwrap();
    assert_eq!(doc["type"], "service_account");
    assert_no_leak(&out, &[quoted, GCS_JSON.to_string()]);
}

#[tokio::test]
async fn push_sends_the_apple_key_as_the_portal_decodes_it() {
    use crate::fakes::docspace::{Consumer, DocSpace, TOKEN};
    let portal = DocSpace::start().await;
    portal.state.lock().unwrap().push(Consumer {
        name: "appleID",
        title: "Apple ID",
        can_set: true,
        paid: false,
        validates: false,
        props: [
            "appleIdClientId",
            "appleIdTeamId",
            "appleIdKeyId",
            "appleIdPrivateKey",
        ]
        .iter()
        .map(|k| (*k, String::new()))
        .collect(),
    });
    let sandbox = Sandbox::new();
    let (pem, _) = key_pair();
    configure_apple(&sandbox, &pem);
    let mut cmd = sandbox.command(&["push", &portal.url, "--only", "apple", "--format", "json"]);
    cmd.env("INTEGRATE_DOCSPACE_TOKEN", TOKEN);
    let out = crate::support::run_async(cmd).await;
    assert_eq!(out.code, 0, "{}", out.all());
    let value = portal.value("appleID", "appleIdPrivateKey");
    assert_eq!(portal_reads(&value), pem_key(&pem));
    assert_no_leak(&out, &[pem.clone(), value]);
}
