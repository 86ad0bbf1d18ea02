//! The one schema every provider file follows. It drives the wizard, `--set` validation, the
//! `INTEGRATE_<ID>_<FIELD>` names, the JSON `fields` list, masking, redaction, the portal key
//! names used by export, import and doctor, and the rules of one provider alone (its quirks and
//! portal findings), so that shared code never names a provider. `providers/telegram.toml` is
//! the annotated model.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::check::Status;
use crate::doctor::Severity;
use crate::lang::{Lang, Text};

/// One provider: what it is, what it needs, how to set it up.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    pub id: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub name: String,
    /// What the portal uses it for, most important first (at least one). A sign-in provider
    /// that also connects a drive is `["login", "drive"]`; `providers --format json` gives
    /// the first as `category` and all of them as `categories`.
    pub categories: Vec<Category>,
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
    /// Set when a real setup of this provider may need `endpoint` (S3-compatible storage): the
    /// wizard then asks for it after the required fields, with this help.
    #[serde(default)]
    pub endpoint_prompt: Option<Text>,
    pub portal: PortalKeys,
    /// The setup steps in the provider's console, in order. `integrate guide` appends the
    /// portal's own last steps (see `output::guide`), so a guide ends where the provider's
    /// console ends.
    pub guide: Vec<Step>,
    /// What is good to know but is not a step: limits, consequences, what the check cannot see.
    #[serde(default)]
    pub notes: Vec<Step>,
    /// What sets this provider apart, each with its reason (`[quirks]`).
    #[serde(default)]
    pub quirks: Quirks,
    /// What `integrate doctor` says about this provider from the portal's setup alone, which no
    /// API call can see (`[[portal_findings]]`).
    #[serde(default)]
    pub portal_findings: Vec<PortalFinding>,
    /// What a green check proves (`[check]`): the portal request it mirrors and what it cannot
    /// see. `providers --format json` and `guide` show it, so support staff know what `ok` means.
    #[serde(default)]
    pub check: Option<CheckClaims>,
    /// How the OAuth dummy-code probe reads this provider's token endpoint (`[oauth]`).
    #[serde(default)]
    pub oauth: Option<OAuthEvidence>,
    /// Whether the portal's redirect URI can be proven registered without a sign-in, and how
    /// (`[redirect_check]`); every provider the portal signs in with or connects a drive
    /// through has one.
    #[serde(default)]
    pub redirect_check: Option<RedirectCheck>,
    /// Whether an expiry date of these credentials can be seen, and how (`[expiry]`). Every
    /// provider file has one, so that "no expiry shown" is a researched answer, not an omission.
    pub expiry: ExpiryClaims,
}

/// `[expiry]`: can the expiry of this provider's credentials be read before they stop working?
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpiryClaims {
    /// An expiry date can be read without a user's sign-in; `probe` then says how.
    pub visible: bool,
    /// What expires (or why nothing does), in a sentence. `providers --format json` and
    /// `guide` show it with `how`.
    pub what: Text,
    /// Where it can be read, or why it cannot (the console page, the API that would need more
    /// rights than the portal's keys have).
    pub how: Text,
    /// The mechanism `integrate check` uses when `visible` (see `check::expiry`).
    #[serde(default)]
    pub probe: Option<ExpiryProbe>,
    /// The evidence: provider documentation, error catalogs.
    pub sources: Vec<String>,
}

/// How an expiry is read, named after the mechanism, never after a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExpiryProbe {
    /// Google's public certificate metadata of a service account (no credentials needed):
    /// `www.googleapis.com/service_accounts/v1/metadata/x509/<client_email>` maps each key id
    /// to its X.509 certificate, whose notAfter is the key's expiry. Reads the field validated
    /// as `service_account_json`.
    GoogleKeyMetadata,
}

/// A value with the source that establishes it: a URL, or `unconfirmed: <why>` when no source
/// settles it (the code then takes the cautious path).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    pub value: T,
    pub source: String,
}

/// `[oauth]`: what is known about a provider's token endpoint.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuthEvidence {
    /// The token endpoint checks the client (id and secret) before it looks at the code. Only
    /// then does a refused dummy code prove the secret; otherwise the probe also sends the
    /// same request with a deliberately altered secret and compares the two answers.
    pub client_before_code: Sourced<bool>,
    /// A dummy authorization code shaped like this provider's real ones, so that the answer
    /// is about the client and not about a malformed request.
    #[serde(default)]
    pub dummy_code: Option<Sourced<String>>,
}

/// `[redirect_check]`: can the portal's redirect URI be proven registered before any sign-in?
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedirectCheck {
    /// The authorization endpoint, asked as a browser arrives there without a session, refuses
    /// an unregistered redirect URI in a recognisable way.
    pub verifiable: bool,
    /// Why (or why not), in a sentence.
    pub why: Text,
    /// The evidence: provider docs, error catalogs, public threads quoting real pages.
    pub sources: Vec<String>,
    /// The authorization endpoint the portal sends users to, e.g.
    /// `https://accounts.google.com/o/oauth2/v2/auth` (its origin is replaced by `endpoint`).
    /// Required when `verifiable`.
    #[serde(default)]
    pub authorize_url: Option<String>,
    /// The field that holds the client id the portal sends as `client_id`.
    #[serde(default = "client_id_field")]
    pub client_id_field: String,
    /// Which `[portal.scopes]` entry the probe sends as `scope` (the portal's sign-in scopes
    /// unless the provider is only a drive); none sends no `scope`.
    #[serde(default)]
    pub scope: Option<String>,
    /// Other query parameters the portal adds (`access_type = "offline"`, ...).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// How the endpoint answers, each with its meaning and source; the first that matches
    /// decides, and an answer none matches proves nothing.
    #[serde(default)]
    pub answers: Vec<AuthorizeAnswer>,
    /// Where in the provider's console the redirect URI is registered, with `{redirect_uri}`
    /// (the guide's step, in a sentence): the advice of an unregistered URI.
    #[serde(default)]
    pub register: Option<Text>,
}

fn client_id_field() -> String {
    "client_id".into()
}

/// One recognised answer of an authorization endpoint to a browser without a session.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorizeAnswer {
    pub means: AuthorizeMeaning,
    /// The HTTP statuses it comes with; empty means any.
    #[serde(default)]
    pub status: Vec<u16>,
    /// Text the `Location` header contains (ASCII case ignored), for a redirect.
    #[serde(default)]
    pub location: Option<String>,
    /// Text the body contains (ASCII case ignored).
    #[serde(default)]
    pub body: Option<String>,
    /// Where this answer is documented or quoted.
    pub source: String,
    /// For `scope_refused`: the step that gives the app the portal's scopes.
    #[serde(default)]
    pub fix: Option<Text>,
}

/// What an authorization endpoint's answer says about the portal's request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthorizeMeaning {
    /// The client and its redirect URI are accepted: the endpoint moves on to sign-in.
    Registered,
    /// The redirect URI is not registered for this client.
    Unregistered,
    /// The endpoint does not know the client id.
    UnknownClient,
    /// The redirect URI is accepted, but the portal's scopes are refused before sign-in.
    ScopeRefused,
    /// The app's own setup refuses every sign-in before it starts (Google's
    /// `restricted_client`: no OAuth consent screen configured).
    SetupRefused,
}

/// `[check]`: what the live check stands for, in the portal's terms.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckClaims {
    /// The portal's own request that the check mirrors (or the nearest one it can send without
    /// a user's sign-in), e.g. "POST connect.mail.ru/oauth/token, the code exchange of sign-in".
    pub mirrors: Text,
    /// What a green check does not prove, one item each.
    #[serde(default)]
    pub cannot_see: Vec<Text>,
    /// Where the portal's behaviour comes from (repository paths or URLs).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Behaviour that sets a provider apart from the rest. Each quirk states its reason, in one line.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Quirks {
    /// The check signs its requests with the current time (SigV4, a JWT's `iat`/`exp`), so a
    /// clock off by minutes makes valid keys fail: `doctor` then blames the clock, not the keys.
    #[serde(default)]
    pub clock_sensitive: Option<Quirk>,
    /// What the check concludes for a wrong secret when the provider's answers cannot prove it
    /// wrong; without it, a wrong secret must end `rejected` (tests/checks.rs holds every check
    /// to it).
    #[serde(default)]
    pub wrong_secret: Option<WrongSecret>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quirk {
    pub reason: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WrongSecret {
    /// `warning` or `unreachable`: never `rejected`, which is the rule it departs from.
    pub status: Status,
    pub reason: String,
}

/// One thing `doctor` tells about a provider's portal setup.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalFinding {
    /// A stable name for scripts, e.g. `docusign_needs_https`; several findings may share one
    /// when their conditions exclude each other.
    pub code: String,
    pub severity: Severity,
    pub when: Condition,
    /// `{portal_url}`, `{missing}` and `{value}` are filled in (see [`Condition`]).
    pub message: Text,
    #[serde(default)]
    pub advice: Option<Text>,
}

/// When a portal finding applies. The first three need only the configuration; the `fact_*`
/// ones read the live check's result.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Whenever the provider is set up.
    Always,
    /// `[portal] url` is `http://…`, `https://…`, or not set; `{portal_url}` is the URL.
    PortalUrl(UrlState),
    /// At least one of these fields has no value; `{missing}` lists them, joined by "and".
    FieldsUnset(Vec<String>),
    /// The check's numeric fact `fact` is at most `limit`; `{value}` is the fact.
    FactAtMost { fact: String, limit: f64 },
    /// The check reported no such fact: it could not read it.
    FactUnknown(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UrlState {
    Http,
    Https,
    Unset,
}

/// One guide step (or note) in both languages, with where its facts come from.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub en: String,
    pub fr: String,
    /// The page the step was written from or checked against, as an `https://` URL: the
    /// provider's current documentation, the portal's source, or [`HELP_ARTICLE`] for a step
    /// that is the help article's own text. Every guide step carries one (`tests/catalog.rs`);
    /// a note may.
    #[serde(default)]
    pub source: Option<String>,
}

impl Step {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

/// The ONLYOFFICE help article the guides started from ("Intégrer des services tiers"):
/// the `source` of a step that is its own text.
pub const HELP_ARTICLE: &str =
    "https://helpcenter.onlyoffice.com/fr/installation/groups-authorization-keys.aspx";

/// What the portal does with a provider. Each label says only what is true of every provider
/// in it: a sign-in provider is not a drive, an SMS gateway does not place calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Users sign in to the portal with their account.
    Login,
    /// Users connect their cloud drive to the Documents module.
    Drive,
    /// Backups and the portal's data on the provider's storage.
    Storage,
    /// Two-factor codes by SMS.
    Sms,
    /// Calls from the browser (Workspace's CRM VoIP).
    Calls,
    Notifications,
    Signature,
    Links,
    /// A document editor plugin.
    Editor,
    /// Contacts imported into the portal.
    Contacts,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Login => "login",
            Category::Drive => "drive",
            Category::Storage => "storage",
            Category::Sms => "sms",
            Category::Calls => "calls",
            Category::Notifications => "notifications",
            Category::Signature => "signature",
            Category::Links => "links",
            Category::Editor => "editor",
            Category::Contacts => "contacts",
        }
    }

    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Category::Login => lang.pick("sign-in", "connexion"),
            Category::Drive => lang.pick(
                "cloud drive in Documents",
                "stockage en ligne dans Documents",
            ),
            Category::Storage => lang.pick(
                "backup and data storage",
                "sauvegarde et stockage des données",
            ),
            Category::Sms => lang.pick("SMS two-factor codes", "codes à deux facteurs par SMS"),
            Category::Calls => lang.pick("calls from the browser", "appels depuis le navigateur"),
            Category::Notifications => lang.pick("notifications", "notifications"),
            Category::Signature => lang.pick("e-signature", "signature électronique"),
            Category::Links => lang.pick("short links", "liens courts"),
            Category::Editor => lang.pick("editor plugin", "module de l'éditeur"),
            Category::Contacts => lang.pick("contact import", "import de contacts"),
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

/// A named check of a value's format, done in code where a regex cannot say it. Each is named
/// after the format it checks, never after a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    /// A Google service-account key file (JSON with `type`, `client_email`, `token_uri` and an
    /// RSA `private_key`), as Google Cloud downloads it.
    ServiceAccountJson,
    /// A PKCS#8 PEM private key on the P-256 curve (an ES256 signing key, e.g. a .p8 file).
    Pkcs8P256,
    /// A host name with an optional port, without scheme or path.
    BareHost,
    /// A phone number in E.164 form (+ and the country code, digits only).
    E164,
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
    /// Every genuine value matches it; a value that does not is refused. A `regex-lite`
    /// pattern: `regex` syntax with ASCII classes (`\s` is ASCII white space; the Unicode
    /// spaces are refused in every one-line value before any pattern is tried).
    #[serde(default)]
    pub format: Option<String>,
    /// The documented current shape; a mismatch only earns a note.
    #[serde(default)]
    pub typical: Option<String>,
    #[serde(default)]
    pub validate: Option<Validator>,
    /// Said instead of the generic "does not have the shape of …" when a value does not match
    /// `format`: what the rule is, in the provider's terms.
    #[serde(default)]
    pub mismatch: Option<Text>,
    pub example: String,
    #[serde(default)]
    pub bad_example: Option<String>,
    pub label: Text,
    pub help: Text,
    /// Where the help's menu path or value was checked (an `https://` URL), when it changed.
    #[serde(default)]
    pub source: Option<String>,
    /// How the portal reads this value when it differs from how integrate keeps it; `export`
    /// and `push` write it so, `import` and `add` accept both (see `portal::form`).
    #[serde(default)]
    pub portal_form: Option<PortalForm>,
}

/// A value's form in the portal's files and API, named after the form, never after a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PortalForm {
    /// The base64 body of a PKCS#8 key, without PEM armour or line breaks: the portal
    /// base64-decodes the stored string and imports the bytes as PKCS#8 directly.
    Pkcs8Base64,
    /// A JSON document as itself: a key file pasted as one quoted JSON string is unwrapped.
    JsonDocument,
}

/// Where the portal keeps this provider's keys, per generation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortalKeys {
    pub workspace: PortalMapping,
    pub docspace: PortalMapping,
    /// The `scope` parameter the portal sends to the provider's authorization endpoint, by
    /// what it is for (`sign_in`, `drive`, `contacts`), exactly as the portal's source spells
    /// it; an empty string means the portal sends no scope. A probe of that endpoint sends
    /// the same, so that a scope the provider refuses shows before a user meets it.
    #[serde(default)]
    pub scopes: BTreeMap<String, String>,
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
    /// The first category: what the portal mostly uses it for.
    pub fn category(&self) -> Category {
        self.categories.first().copied().unwrap_or(Category::Login)
    }

    /// Every category, described and joined (`sign-in and cloud drive in Documents`).
    pub fn describe_categories(&self, lang: Lang) -> String {
        let labels: Vec<&str> = self.categories.iter().map(|c| c.describe(lang)).collect();
        labels.join(lang.pick(", ", ", "))
    }

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
