//! The one schema every provider file follows. It drives the wizard, `--set` validation, the
//! `INTEGRATE_<ID>_<FIELD>` names, the JSON `fields` list, masking, redaction and the portal
//! key names used by export and import. `providers/telegram.toml` is the annotated model.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::lang::{Lang, Text};

/// One provider: what it is, what it needs, how to set it up.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub name: String,
    pub category: Category,
    pub console_url: String,
    pub docs_url: String,
    /// The origin (scheme and host) the live check talks to, e.g. `https://api.telegram.org`.
    /// `{field}` markers take the provider's values (`https://{auth_host}`); `endpoint`,
    /// when set, replaces it. `integrate doctor` diagnoses this host layer by layer.
    pub api_origin: String,
    /// What enabling it gives the portal.
    pub enables: Text,
    /// Set when the service or its API is deprecated; the reason is shown by `guide` and `check`.
    #[serde(default)]
    pub deprecated: Option<Text>,
    pub fields: Vec<Field>,
    pub portal: PortalKeys,
    pub guide: Vec<Text>,
    #[serde(default)]
    pub notes: Vec<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Login,
    Storage,
    Sms,
    Notifications,
    Signature,
    Links,
    Editor,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Login => "login",
            Category::Storage => "storage",
            Category::Sms => "sms",
            Category::Notifications => "notifications",
            Category::Signature => "signature",
            Category::Links => "links",
            Category::Editor => "editor",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Category::Login => {
                lang.pick("sign-in and cloud drives", "connexion et stockage en ligne")
            }
            Category::Storage => lang.pick("backup and storage", "sauvegarde et stockage"),
            Category::Sms => lang.pick("SMS two-factor and calls", "SMS à deux facteurs et appels"),
            Category::Notifications => lang.pick("notifications", "notifications"),
            Category::Signature => lang.pick("e-signature", "signature électronique"),
            Category::Links => lang.pick("short links", "liens courts"),
            Category::Editor => lang.pick("editor plugins", "modules de l'éditeur"),
        }
    }
}

/// How a field's value is entered and stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Text,
    /// PEM keys and JSON key files: entered with `--set FIELD=@PATH`, never typed.
    Multiline,
    Bool,
}

/// A named check done in code, beyond what a regex can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    GcsServiceAccount,
    #[serde(rename = "apple_p8")]
    ApplePrivateKey,
    BareHost,
    E164,
    TelegramBotName,
    Bool,
    Url,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    pub name: String,
    pub secret: bool,
    pub required: bool,
    #[serde(default)]
    pub kind: Kind,
    #[serde(default)]
    pub default: Option<String>,
    /// Every genuine value matches it; a value that does not is refused.
    #[serde(default)]
    pub format: Option<String>,
    /// The documented current shape; a mismatch only earns a note.
    #[serde(default)]
    pub typical: Option<String>,
    #[serde(default)]
    pub validate: Option<Validator>,
    pub example: String,
    #[serde(default)]
    pub bad_example: Option<String>,
    pub label: Text,
    pub help: Text,
}

/// Where the portal keeps this provider's keys, per generation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalKeys {
    pub workspace: PortalMapping,
    pub docspace: PortalMapping,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct PortalMapping {
    #[serde(default = "yes")]
    pub supported: bool,
    #[serde(default)]
    pub consumer: Option<String>,
    /// field name -> the portal's key name, spelled exactly as the portal spells it.
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
    #[serde(default)]
    pub since: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
    #[serde(default)]
    pub note: Option<Text>,
}

fn yes() -> bool {
    true
}

impl Provider {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    pub fn secret_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().filter(|f| f.secret)
    }

    /// The environment variable that sets `field` (spec, "Environment").
    pub fn env_var(&self, field: &str) -> String {
        env_var(&self.id, field)
    }
}

/// `INTEGRATE_<ID>_<FIELD>`, upper case, `-` and `.` turned into `_`.
pub fn env_var(id: &str, field: &str) -> String {
    format!("INTEGRATE_{}_{}", id, field)
        .to_ascii_uppercase()
        .replace(['-', '.'], "_")
}

/// Fields every provider accepts on top of its own (spec, "Provider ids and fields").
pub const COMMON_FIELDS: [&str; 2] = ["enabled", "endpoint"];
