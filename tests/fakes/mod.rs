//! Local fakes of the providers' APIs. Each serves the documented paths, checks credentials
//! the way the provider does (Basic auth decoded and compared, form fields, bearer tokens, JWT
//! signatures verified with the public key, SigV4 by a real S3 server) and answers with the
//! documented success and error bodies. Each file also holds that provider's own tests.

#![allow(dead_code)]

use std::any::Any;

use base64::Engine;
use futures::future::BoxFuture;
use wiremock::Request;

/// A running fake with credentials it accepts and credentials it refuses.
pub struct Fake {
    /// The base URL to configure as `endpoint`.
    pub endpoint: String,
    /// Fields (without `endpoint`) that the fake accepts: the check ends `ok` or `warning`.
    pub valid: Vec<(&'static str, String)>,
    /// The same fields with a wrong secret: the check ends `rejected`.
    pub rejected: Vec<(&'static str, String)>,
    /// Every secret value above, for the leak scanner.
    pub secrets: Vec<String>,
    /// Keeps the server alive for as long as the fake is.
    pub guard: Box<dyn Any + Send>,
}

impl Fake {
    /// The fake of an OAuth app known by `client_id` and `client_secret`: `rejected` keeps the
    /// id and sends `other_secret`, the way an admin pastes a wrong or rotated secret.
    pub fn client_pair(
        server: wiremock::MockServer,
        client_id: &str,
        client_secret: &str,
        other_secret: &str,
    ) -> Fake {
        Fake {
            endpoint: server.uri(),
            valid: vec![
                ("client_id", client_id.into()),
                ("client_secret", client_secret.into()),
            ],
            rejected: vec![
                ("client_id", client_id.into()),
                ("client_secret", other_secret.into()),
            ],
            secrets: vec![client_secret.into(), other_secret.into()],
            guard: Box::new(server),
        }
    }

    /// `valid` plus `endpoint`, ready for `Sandbox::set_provider`.
    pub fn valid_config(&self) -> Vec<(&'static str, String)> {
        let mut fields = self.valid.clone();
        fields.push(("endpoint", self.endpoint.clone()));
        fields
    }

    pub fn rejected_config(&self) -> Vec<(&'static str, String)> {
        let mut fields = self.rejected.clone();
        fields.push(("endpoint", self.endpoint.clone()));
        fields
    }
}

pub type Start = fn() -> BoxFuture<'static, Fake>;

macro_rules! fakes {
    ($($id:literal => $module:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every provider's fake, by id.
        pub fn all() -> Vec<(&'static str, Start)> {
            vec![$(($id, (|| Box::pin($module::start())) as Start)),*]
        }
    };
}

pub mod docspace;
pub mod expiry;
pub mod oauth;
pub mod timing;

fakes![
    "apple" => apple,
    "bitly" => bitly,
    "box" => r#box,
    "clickatell" => clickatell,
    "docusign" => docusign,
    "dropbox" => dropbox,
    "easybib" => easybib,
    "facebook" => facebook,
    "firebase" => firebase,
    "gcs" => gcs,
    "google" => google,
    "linkedin" => linkedin,
    "mailru" => mailru,
    "mendeley" => mendeley,
    "microsoft" => microsoft,
    "onedrive" => onedrive,
    "rackspace" => rackspace,
    "s3" => s3,
    "selectel" => selectel,
    "smsc" => smsc,
    "telegram" => telegram,
    "twilio" => twilio,
    "twitter" => twitter,
    "vk" => vk,
    "wordpress" => wordpress,
    "yahoo" => yahoo,
    "yandex" => yandex,
    "zotero" => zotero,
];

/// The user and password of an `Authorization: Basic` header, decoded.
pub fn basic_auth(req: &Request) -> Option<(String, String)> {
    let header = req.headers.get("authorization")?.to_str().ok()?;
    let encoded = header
        .strip_prefix("Basic ")
        .or_else(|| header.strip_prefix("basic "))?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, pass) = text.split_once(':')?;
    Some((user.to_string(), pass.to_string()))
}

/// The bearer token of an `Authorization: Bearer` header.
pub fn bearer(req: &Request) -> Option<String> {
    let header = req.headers.get("authorization")?.to_str().ok()?;
    header.strip_prefix("Bearer ").map(str::to_string)
}

/// The fields of an `application/x-www-form-urlencoded` body.
pub fn form(req: &Request) -> std::collections::HashMap<String, String> {
    url::form_urlencoded::parse(&req.body)
        .into_owned()
        .collect()
}

/// The query parameters of the request URL.
pub fn query(req: &Request) -> std::collections::HashMap<String, String> {
    req.url.query_pairs().into_owned().collect()
}
