//! Values in the form the portal reads (issue 8.4). integrate keeps each value as the provider
//! issues it (a .p8 file with its PEM lines, a key file as JSON); where the portal reads another
//! form, `export` and `push` write that form ([`to_portal`]) and `import` and `add` accept both
//! ([`stored`]). The form is data on the field (`portal_form` in the provider file); booleans
//! follow from the field's kind.
//!
//! - `pkcs8_base64`: the portal base64-decodes `appleIdPrivateKey` and imports the bytes as
//!   PKCS#8 (DocSpace-server `AppleIdLoginProvider.cs:129`, CommunityServer
//!   `AppleIdLoginProvider.cs:98`, portal-parity.md): PEM armour is not base64, so the value
//!   must be the bare body, on one line.
//! - booleans: the storage reads `forcepathstyle` and `usehttp` with .NET's `bool.TryParse`
//!   (`S3Storage.cs`), which knows only `true` and `false`: a `yes` or `1` kept here would be
//!   read as false.
//! - `json_document`: the portal hands `json` to Google's `GoogleCredential.FromJson`
//!   (`GoogleCloudStorage.cs`), which needs the key file's object, not a JSON string holding it.

use base64::Engine;

use crate::catalog::schema::{Field, Kind, PortalForm};
use crate::catalog::validate::parse_bool;

const ARMOUR: &str = "-----BEGIN";

/// The value as the portal reads it.
pub fn to_portal(field: &Field, value: &str) -> String {
    match field.portal_form {
        Some(PortalForm::Pkcs8Base64) => pem_body(value),
        Some(PortalForm::JsonDocument) => json_document(value),
        None if field.kind == Kind::Bool => parse_bool(value)
            .map(|b| b.to_string())
            .unwrap_or_else(|| value.to_string()),
        None => value.to_string(),
    }
}

/// A value given in the portal's form (from a portal file, or typed), in integrate's form: a
/// bare PKCS#8 body gets its PEM lines back, so that every key is kept as it was issued.
/// Anything else is returned unchanged, for the format check to judge.
pub fn stored(field: &Field, value: &str) -> String {
    match field.portal_form {
        Some(PortalForm::Pkcs8Base64) if !value.contains(ARMOUR) => {
            let compact: String = value.split_whitespace().collect();
            match base64::engine::general_purpose::STANDARD.decode(&compact) {
                Ok(der) if !der.is_empty() => pem("PRIVATE KEY", &compact),
                _ => value.to_string(),
            }
        }
        _ => value.to_string(),
    }
}

/// The base64 between the armour lines, joined into one line; a value without armour loses
/// only its whitespace.
fn pem_body(value: &str) -> String {
    value
        .lines()
        .filter(|line| !line.trim_start().starts_with("-----"))
        .flat_map(str::split_whitespace)
        .collect()
}

fn pem(label: &str, body: &str) -> String {
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap_or_default())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----",
        lines.join("\n")
    )
}

fn json_document(value: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(value.trim()) {
        Ok(serde_json::Value::String(inner))
            if serde_json::from_str::<serde_json::Value>(&inner).is_ok_and(|v| v.is_object()) =>
        {
            inner
        }
        _ => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(form: Option<PortalForm>, kind: Kind) -> Field {
        let mut field: Field = toml::from_str(
            "name = \"f\"\nsecret = true\nrequired = true\nexample = \"x\"\nlabel = { en = \"F\", fr = \"F\" }\nhelp = { en = \"F\", fr = \"F\" }\n",
        )
        .unwrap();
        field.portal_form = form;
        field.kind = kind;
        field
    }

    #[test]
    fn pkcs8_goes_bare_to_the_portal_and_comes_back_armoured() {
        let f = field(Some(PortalForm::Pkcs8Base64), Kind::Multiline);
        let body = "QUJD".repeat(40);
        let armoured = pem("PRIVATE KEY", &body);
        assert_eq!(to_portal(&f, &armoured), body);
        assert_eq!(to_portal(&f, &format!("{armoured}\r\n")), body);
        assert_eq!(stored(&f, &body), armoured);
        assert_eq!(stored(&f, &armoured), armoured);
        // Not base64: left for the format check to refuse.
        assert_eq!(stored(&f, "ABC123DEFG!"), "ABC123DEFG!");
    }

    #[test]
    fn booleans_are_written_as_dotnet_reads_them() {
        let f = field(None, Kind::Bool);
        assert_eq!(to_portal(&f, "yes"), "true");
        assert_eq!(to_portal(&f, "0"), "false");
        assert_eq!(to_portal(&f, "True"), "true");
    }

    #[test]
    fn a_quoted_key_file_is_unwrapped() {
        let f = field(Some(PortalForm::JsonDocument), Kind::Multiline);
        let doc = "{\"type\": \"service_account\"}";
        let quoted = serde_json::Value::String(doc.into()).to_string();
        assert_eq!(to_portal(&f, &quoted), doc);
        assert_eq!(to_portal(&f, doc), doc);
    }
}
