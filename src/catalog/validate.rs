//! Local validation of one field's value: the format from the provider file, then the named
//! checks that a regex cannot express (a service-account JSON whose key parses, a P-256 .p8).
//! Runs before anything is saved and before any request is sent.

use regex_lite::Regex;

use super::schema::{Field, Kind, Provider, Validator};

/// Why a value was refused. The message names the field and shows a right value.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}`: {}", self.field, self.message)
    }
}

/// The value is accepted; `note` says when it does not look like what the provider issues today.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Accepted {
    pub note: Option<String>,
}

/// Removes what a paste adds around a single-line value. Multi-line values keep their inside.
pub fn normalize(field: &Field, raw: &str) -> String {
    let value = match field.kind {
        Kind::Multiline => raw.trim_matches(|c| c == '\n' || c == '\r').to_string(),
        _ => raw.trim().to_string(),
    };
    // A value in the portal's own form (a bare PKCS#8 body) is kept as it was issued.
    crate::portal::form::stored(field, &value)
}

pub fn check(provider: &Provider, field: &Field, value: &str) -> Result<Accepted, FieldError> {
    let refuse = |message: String| FieldError {
        field: field.name.clone(),
        message,
    };
    // Examples in the catalog are fake values: showing their shape is safe and useful.
    let shown_example = &field.example;
    if value.is_empty() {
        return Err(refuse(format!(
            "is empty; expected something like {shown_example}"
        )));
    }
    if field.kind == Kind::Bool || field.validate == Some(Validator::Bool) {
        return parse_bool(value)
            .map(|_| Accepted::default())
            .ok_or_else(|| refuse("must be true or false".into()));
    }
    if let Some(why) = hostile_character(value, field.kind == Kind::Multiline) {
        return Err(refuse(why));
    }
    if let Some(pattern) = &field.format {
        let re = Regex::new(pattern).map_err(|e| refuse(format!("internal format error: {e}")))?;
        if !re.is_match(value) {
            let what = match &field.mismatch {
                Some(rule) => rule.en.clone(),
                None => format!(
                    "does not have the shape of a {} {}",
                    provider.name, field.label.en
                ),
            };
            let shown = if field.secret {
                what
            } else {
                format!("`{value}` {what}")
            };
            return Err(refuse(format!(
                "{shown}; expected something like {shown_example}"
            )));
        }
    }
    if let Some(validator) = field.validate {
        run_validator(validator, field, value).map_err(refuse)?;
    }
    let mut accepted = Accepted::default();
    if let Some(pattern) = &field.typical
        && let Ok(re) = Regex::new(pattern)
        && !re.is_match(value)
    {
        accepted.note = Some(format!(
            "`{}` does not look like a typical {} {} (e.g. {}); it will be checked anyway",
            field.name, provider.name, field.label.en, shown_example
        ));
    }
    Ok(accepted)
}

/// Checks a whole set of values; every problem is returned, not just the first.
pub fn check_all<'a>(
    provider: &Provider,
    values: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (Vec<String>, Vec<FieldError>) {
    let mut notes = Vec::new();
    let mut errors = Vec::new();
    for (name, value) in values {
        if let Some(field) = provider.field(name) {
            match check(provider, field, value) {
                Ok(accepted) => notes.extend(accepted.note),
                Err(err) => errors.push(err),
            }
        } else if name == "endpoint" {
            if let Err(message) = check_endpoint(value) {
                errors.push(FieldError {
                    field: "endpoint".into(),
                    message,
                });
            }
        } else if name == "enabled" && parse_bool(value).is_none() {
            errors.push(FieldError {
                field: "enabled".into(),
                message: "must be true or false".into(),
            });
        }
    }
    (notes, errors)
}

/// Why `value` cannot be stored: a line break in a one-line value, a control character (an
/// escape sequence would take over the terminal of whoever prints it), or an invisible
/// bidirectional override (U+202A–U+202E, U+2066–U+2069) that shows text in another order than
/// it is, or (in a one-line value) a Unicode space such as U+00A0, which no issued key holds and
/// which the formats' ASCII `\s` would not refuse. Multi-line values (a PEM key, a key file)
/// may hold line breaks and tabs.
pub fn hostile_character(value: &str, multiline: bool) -> Option<String> {
    let bad = |c: char| {
        if multiline {
            crate::redact::is_hostile(c) && c != '\r'
        } else {
            c.is_control() || crate::redact::is_hostile(c)
        }
    };
    // A no-break or other Unicode space comes with text copied from a web page or a document;
    // no key, id or name the providers issue holds one.
    let space = |c: char| !multiline && c.is_whitespace() && !c.is_ascii();
    let c = value.chars().find(|c| bad(*c) || space(*c))?;
    let code = c as u32;
    Some(if c == '\n' || c == '\r' {
        "contains a line break; paste the value on one line".into()
    } else if space(c) {
        format!(
            "contains the Unicode space U+{code:04X} (copied with text from a page or document); type or paste the value again without it"
        )
    } else if c.is_control() {
        format!(
            "contains the control character U+{code:04X}; type or paste the value again without it"
        )
    } else {
        format!(
            "contains the invisible character U+{code:04X}, which reorders how text is shown; type or paste the value again without it"
        )
    })
}

pub fn parse_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" | "on" => Some(true),
        "false" | "no" | "0" | "off" => Some(false),
        _ => None,
    }
}

/// `endpoint`: a base URL (scheme, host, optional port). Plain http only for loopback hosts,
/// so a key is never sent in clear over a network.
pub fn check_endpoint(value: &str) -> Result<url::Url, String> {
    // The URL parser silently drops tabs and line breaks; an endpoint holds none.
    if let Some(why) = hostile_character(value, false) {
        return Err(why);
    }
    // Never echo credentials: `shown` has any userinfo and query values masked.
    let shown = crate::redact::scrub(value);
    let url = url::Url::parse(value).map_err(|e| {
        format!(
            "`{shown}` is not a URL ({e}); expected a base URL like https://s3.example.internal"
        )
    })?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "`{shown}` holds credentials (user:password@); an endpoint is only scheme, host and port, and each provider's check sends its own credentials"
        ));
    }
    let host = url.host().ok_or_else(|| {
        format!("`{shown}` has no host; expected a base URL like https://s3.example.internal")
    })?;
    match url.scheme() {
        "https" => {}
        "http" => {
            let loopback = match host {
                url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
                url::Host::Ipv4(ip) => ip.is_loopback(),
                url::Host::Ipv6(ip) => ip.is_loopback(),
            };
            if !loopback {
                return Err(format!(
                    "plain http:// is accepted only for loopback hosts (127.0.0.0/8, ::1, localhost); use https:// for {host}"
                ));
            }
        }
        other => {
            return Err(format!(
                "scheme `{other}` is not supported; use https:// (or http:// for a loopback host)"
            ));
        }
    }
    if url.path() != "/" && !url.path().is_empty() {
        return Err(format!(
            "`{shown}` has a path; give only scheme, host and port (the check adds the provider's own path)"
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "`{shown}` must be only scheme, host and port, without query or fragment"
        ));
    }
    Ok(url)
}

fn run_validator(validator: Validator, field: &Field, value: &str) -> Result<(), String> {
    match validator {
        Validator::ServiceAccountJson => service_account_json(value).map(|_| ()),
        Validator::Pkcs8P256 => pkcs8_p256(&field.name, value),
        Validator::BareHost => bare_host(value, &field.example),
        Validator::E164 => e164(value),
        Validator::Bool => parse_bool(value)
            .map(|_| ())
            .ok_or_else(|| "must be true or false".into()),
        Validator::Url => url::Url::parse(value)
            .map(|_| ())
            .map_err(|e| format!("is not a URL ({e})")),
    }
}

/// The parts of a Google service-account key file that the checks use.
#[derive(Debug, Clone)]
pub struct ServiceAccount {
    pub client_email: String,
    pub private_key_pem: String,
    pub private_key_id: Option<String>,
    pub token_uri: String,
    pub project_id: Option<String>,
}

/// Parses a service-account key file the way the portal receives it, accepting the usual
/// paste damage (the whole JSON quoted as a string).
pub fn service_account_json(value: &str) -> Result<ServiceAccount, String> {
    let mut json: serde_json::Value = serde_json::from_str(value.trim()).map_err(|e| {
        format!("is not JSON ({e}); paste the whole key file downloaded from Google Cloud (--set service_account_json=@key.json)")
    })?;
    if let serde_json::Value::String(inner) = &json {
        json = serde_json::from_str(inner)
            .map_err(|e| format!("is a quoted string that is not JSON inside ({e})"))?;
    }
    let get = |key: &str| json.get(key).and_then(|v| v.as_str()).map(str::to_string);
    match get("type").as_deref() {
        Some("service_account") => {}
        Some(other) => {
            return Err(format!(
                "is a key file of type `{other}`; a service account key (\"type\": \"service_account\") is needed: IAM & Admin > Service Accounts > Keys > Add key > JSON"
            ));
        }
        None => return Err("has no \"type\"; expected a service account key file with \"type\": \"service_account\"".into()),
    }
    let client_email = get("client_email").filter(|s| s.contains('@')).ok_or(
        "has no \"client_email\"; download the key file again from IAM & Admin > Service Accounts",
    )?;
    let token_uri = get("token_uri").ok_or(
        "has no \"token_uri\" (usually https://oauth2.googleapis.com/token); download the key file again",
    )?;
    url::Url::parse(&token_uri)
        .map_err(|e| format!("has a \"token_uri\" that is not a URL ({e})"))?;
    let mut pem =
        get("private_key").ok_or("has no \"private_key\"; download the key file again")?;
    // A key escaped twice shows literal \n sequences instead of line breaks.
    if !pem.contains('\n') && pem.contains("\\n") {
        pem = pem.replace("\\n", "\n");
    }
    rsa_private_key(&pem).map_err(|e| format!("has a \"private_key\" that {e}"))?;
    Ok(ServiceAccount {
        client_email,
        private_key_pem: pem,
        private_key_id: get("private_key_id"),
        token_uri,
        project_id: get("project_id"),
    })
}

/// Checks that `pem` holds an RSA private key (PKCS#8 or PKCS#1).
pub fn rsa_private_key(pem: &str) -> Result<(), String> {
    use rustls_pki_types::{PrivateKeyDer, pem::PemObject};
    let key = PrivateKeyDer::from_pem_slice(pem.as_bytes())
        .map_err(|_| "is not a PEM private key (-----BEGIN PRIVATE KEY----- ...)".to_string())?;
    let ok = match &key {
        PrivateKeyDer::Pkcs8(der) => {
            aws_lc_rs::rsa::KeyPair::from_pkcs8(der.secret_pkcs8_der()).is_ok()
        }
        PrivateKeyDer::Pkcs1(der) => {
            aws_lc_rs::rsa::KeyPair::from_der(der.secret_pkcs1_der()).is_ok()
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err("is not an RSA private key".into())
    }
}

/// Checks that the text is a PKCS#8 PEM key on the P-256 curve, the only kind an ES256
/// signature (Sign in with Apple's .p8 files) can use.
pub fn pkcs8_p256(field: &str, value: &str) -> Result<(), String> {
    use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
    use rustls_pki_types::{PrivateKeyDer, pem::PemObject};
    let key = PrivateKeyDer::from_pem_slice(value.trim().as_bytes()).map_err(|_| {
        format!("is not a PEM private key; give the whole key file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY----- (--set {field}=@FILE)")
    })?;
    match key {
        PrivateKeyDer::Pkcs8(der) => EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_FIXED_SIGNING, der.secret_pkcs8_der())
            .map(|_| ())
            .map_err(|_| "is a PKCS#8 key but not an EC P-256 key, which ES256 signing needs".to_string()),
        _ => Err("is not in PKCS#8 form (-----BEGIN PRIVATE KEY-----); use the key file as it was issued".into()),
    }
}

fn bare_host(value: &str, example: &str) -> Result<(), String> {
    if value.contains("://") || value.contains('/') {
        return Err(format!(
            "must be a bare host name such as {example}, without https:// or a path (got `{value}`)"
        ));
    }
    let re = Regex::new(r"^(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.(?i:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?))*(?::[0-9]{1,5})?$")
        .map_err(|e| e.to_string())?;
    if re.is_match(value) {
        Ok(())
    } else {
        Err(format!(
            "`{value}` is not a host name; expected something like {example}"
        ))
    }
}

fn e164(value: &str) -> Result<(), String> {
    let re = Regex::new(r"^\+[1-9][0-9]{6,14}$").map_err(|e| e.to_string())?;
    if re.is_match(value) {
        Ok(())
    } else {
        Err(format!(
            "`{value}` is not an E.164 phone number; write it with + and the country code, digits only, e.g. +15005550006"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_rules() {
        assert!(check_endpoint("http://127.0.0.1:9000").is_ok());
        assert!(check_endpoint("http://127.5.0.1").is_ok());
        assert!(check_endpoint("http://[::1]:80").is_ok());
        assert!(check_endpoint("http://localhost:8080").is_ok());
        assert!(check_endpoint("https://s3.example.internal").is_ok());
        assert!(check_endpoint("http://s3.example.internal").is_err());
        assert!(check_endpoint("http://10.0.0.1").is_err());
        assert!(check_endpoint("ftp://127.0.0.1").is_err());
        assert!(check_endpoint("not a url").is_err());
    }

    #[test]
    fn endpoint_credentials_are_refused_unechoed() {
        for value in [
            "http://:hunter2pass@127.0.0.1:9000",
            "http://user:hunter2pass@127.0.0.1:9000",
            "https://hunter2pass@s3.example.internal",
        ] {
            let err = check_endpoint(value).unwrap_err();
            assert!(err.contains("credentials"), "{err}");
            assert!(!err.contains("hunter2"), "{err}");
        }
    }

    #[test]
    fn controls_and_bidi_overrides_are_refused() {
        for (value, multiline) in [
            ("abc\u{1b}[2Jdef", false),
            ("abc\u{202e}fed", false),
            ("abc\u{2066}x", true),
            ("line\nbreak", false),
            ("abc\u{9b}1m", true),
        ] {
            assert!(hostile_character(value, multiline).is_some(), "{value:?}");
        }
        assert_eq!(hostile_character("-----BEGIN\r\nAB\tC\n", true), None);
        assert!(check_endpoint("http://127.0.0.1\n:80").is_err());
    }

    #[test]
    fn unicode_spaces_inside_one_line_values_are_refused() {
        let s3 = crate::catalog::find("s3").unwrap();
        let secret = s3.field("secret_access_key").unwrap();
        let genuine = "a30kD8LyVIaESgmuPGJP5xGv8jrjwWVSq/yUTPof";
        assert!(check(s3, secret, genuine).is_ok());
        for space in ['\u{a0}', '\u{2003}', '\u{202f}', '\u{3000}'] {
            let pasted = format!("a30kD8LyVIaESgmuPGJP5{space}xGv8jrjwWVSq/yUTPof");
            let err = check(s3, secret, &pasted).unwrap_err();
            let code = format!("U+{:04X}", space as u32);
            assert!(err.message.contains(&code), "{err:?}");
            assert!(
                !err.message.contains("xGv8"),
                "a secret is never echoed: {err:?}"
            );
        }
        // Around the value, white space of any kind is trimmed before the checks.
        let padded = format!("\u{a0}{genuine}\u{a0}");
        assert_eq!(normalize(secret, &padded), genuine);
        // A PEM body may not hold one either, but its validator says so, not this rule.
        assert_eq!(hostile_character("-----BEGIN\u{a0}KEY", true), None);
    }

    #[test]
    fn bare_host_refuses_scheme() {
        let example = "auth.example.com";
        assert!(bare_host("auth.example.com", example).is_ok());
        assert!(bare_host("auth.example.com:8443", example).is_ok());
        let err = bare_host("https://auth.example.com", example).unwrap_err();
        assert!(err.contains("such as auth.example.com"), "{err}");
        assert!(bare_host("auth.example.com/oauth", example).is_err());
    }

    #[test]
    fn e164_and_bot_names() {
        assert!(e164("+15005550006").is_ok());
        assert!(e164("15005550006").is_err());
        assert!(e164("+1 500 555").is_err());
        // Telegram's bot usernames end in `bot`: a rule of its file's format, with its wording.
        let telegram = crate::catalog::find("telegram").unwrap();
        let bot_name = telegram.field("bot_name").unwrap();
        assert!(check(telegram, bot_name, "@PortalNotifyBot").is_ok());
        assert!(check(telegram, bot_name, "portal_notify_bot").is_ok());
        let err = check(telegram, bot_name, "PortalNotify").unwrap_err();
        assert!(err.message.contains("end in `bot`"), "{err}");
    }

    #[test]
    fn service_account_json_rejects_other_key_types() {
        let err = service_account_json(r#"{"type":"authorized_user"}"#).unwrap_err();
        assert!(err.contains("service_account"), "{err}");
        assert!(service_account_json("not json").is_err());
    }

    #[test]
    fn pkcs8_p256_rejects_garbage() {
        assert!(pkcs8_p256("private_key", "hello").is_err());
    }

    fn pem(label: &str, der: &[u8]) -> String {
        use base64::Engine;
        let b64 = base64::engine::general_purpose::STANDARD.encode(der);
        let lines: Vec<&str> = b64
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        format!(
            "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
            lines.join("\n")
        )
    }

    fn p256_pkcs8() -> String {
        use aws_lc_rs::signature::{ECDSA_P256_SHA256_FIXED_SIGNING, EcdsaKeyPair};
        let key = EcdsaKeyPair::generate(&ECDSA_P256_SHA256_FIXED_SIGNING).unwrap();
        pem("PRIVATE KEY", key.to_pkcs8v1().unwrap().as_ref())
    }

    fn rsa_pkcs8() -> String {
        use aws_lc_rs::encoding::AsDer;
        let key = aws_lc_rs::rsa::KeyPair::generate(aws_lc_rs::rsa::KeySize::Rsa2048).unwrap();
        let der = key.as_der().unwrap();
        pem("PRIVATE KEY", der.as_ref())
    }

    #[test]
    fn pkcs8_p256_accepts_p256_and_refuses_other_keys() {
        assert!(pkcs8_p256("private_key", &p256_pkcs8()).is_ok());
        let p384 = {
            use aws_lc_rs::signature::{ECDSA_P384_SHA384_FIXED_SIGNING, EcdsaKeyPair};
            let key = EcdsaKeyPair::generate(&ECDSA_P384_SHA384_FIXED_SIGNING).unwrap();
            pem("PRIVATE KEY", key.to_pkcs8v1().unwrap().as_ref())
        };
        let err = pkcs8_p256("private_key", &p384).unwrap_err();
        assert!(err.contains("P-256"), "{err}");
        assert!(pkcs8_p256("private_key", &rsa_pkcs8()).is_err());
    }

    #[test]
    fn service_account_json_accepts_a_key_file_and_explains_damage() {
        let key = rsa_pkcs8();
        let json = serde_json::json!({
            "type": "service_account",
            "project_id": "portal-backup",
            "private_key_id": "0123456789abcdef0123456789abcdef01234567",
            "private_key": key,
            "client_email": "backup@portal-backup.iam.gserviceaccount.com",
            "token_uri": "https://oauth2.googleapis.com/token"
        });
        let parsed = service_account_json(&json.to_string()).unwrap();
        assert_eq!(
            parsed.client_email,
            "backup@portal-backup.iam.gserviceaccount.com"
        );
        // The whole file pasted as a quoted string is still understood.
        assert!(
            service_account_json(&serde_json::Value::String(json.to_string()).to_string()).is_ok()
        );
        let mut no_uri = json.clone();
        no_uri.as_object_mut().unwrap().remove("token_uri");
        assert!(
            service_account_json(&no_uri.to_string())
                .unwrap_err()
                .contains("token_uri")
        );
        let mut ec = json.clone();
        ec["private_key"] = serde_json::Value::String(p256_pkcs8());
        assert!(
            service_account_json(&ec.to_string())
                .unwrap_err()
                .contains("RSA")
        );
    }
}
