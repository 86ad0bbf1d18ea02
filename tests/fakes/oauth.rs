//! One fake OAuth token endpoint (RFC 6749 §3.2) for every provider whose check talks to one.
//! It reads the client where the provider reads it (the form body, a Basic header, or the query
//! of a GET), authenticates it against the clients the fake knows, checks the grant type, and
//! only then hands the request to the provider's own `answer`. Each refusal before that is
//! worded by the provider's `refuse`, so a provider's file keeps only its wording and cases.

use std::collections::HashMap;

use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::{basic_auth, form, query};

/// Where the endpoint reads the client id and secret.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ClientIn {
    /// `client_id` and `client_secret` in a form body (RFC 6749 §2.3.1, second form).
    Form,
    /// `Authorization: Basic base64(client_id:client_secret)` (RFC 6749 §2.3.1).
    Basic,
    /// `client_id` and `client_secret` in the query of a GET (VK, Facebook).
    Query,
}

/// Why the endpoint refuses the request before the provider's own answer.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Refusal {
    /// No client id at all (no Basic header, no `client_id` field).
    NoClient,
    /// A client id the endpoint does not know.
    UnknownClient,
    /// A known client id with another secret (or none).
    WrongSecret,
    /// A `grant_type` the endpoint does not serve.
    UnsupportedGrant,
}

/// One token request, as the endpoint read it.
pub struct Call {
    pub client_id: String,
    pub client_secret: String,
    /// The form fields, or the query for [`ClientIn::Query`].
    pub params: HashMap<String, String>,
}

impl Call {
    /// A parameter's value, empty when absent.
    pub fn param(&self, name: &str) -> &str {
        self.params.get(name).map(String::as_str).unwrap_or("")
    }
}

/// A provider's token endpoint.
pub struct TokenEndpoint {
    /// `POST` for a form, `GET` for [`ClientIn::Query`].
    pub method: &'static str,
    pub path: &'static str,
    pub client_in: ClientIn,
    /// Every client the endpoint knows: `(client id, its secret)`.
    pub clients: &'static [(&'static str, &'static str)],
    /// The `grant_type` values it serves.
    pub grant_types: &'static [&'static str],
    /// The provider's wording of each refusal.
    pub refuse: fn(Refusal, &Call) -> ResponseTemplate,
    /// The answer to a known client with its secret and a served grant.
    pub answer: fn(&Call) -> ResponseTemplate,
}

impl TokenEndpoint {
    /// Reads the client and the parameters where this endpoint reads them.
    pub fn read(&self, req: &Request) -> Call {
        let params = match self.client_in {
            ClientIn::Query => query(req),
            ClientIn::Form | ClientIn::Basic => form(req),
        };
        let (client_id, client_secret) = match self.client_in {
            ClientIn::Basic => basic_auth(req).unwrap_or_default(),
            ClientIn::Form | ClientIn::Query => {
                let field = |k: &str| params.get(k).cloned().unwrap_or_default();
                (field("client_id"), field("client_secret"))
            }
        };
        Call {
            client_id,
            client_secret,
            params,
        }
    }

    /// The client first (RFC 6749 §3.2.1: the endpoint authenticates it), then the grant.
    pub fn judge(&self, call: &Call) -> Option<Refusal> {
        if call.client_id.is_empty() {
            return Some(Refusal::NoClient);
        }
        let Some((_, secret)) = self.clients.iter().find(|(id, _)| *id == call.client_id) else {
            return Some(Refusal::UnknownClient);
        };
        if call.client_secret != *secret {
            return Some(Refusal::WrongSecret);
        }
        if !self.grant_types.contains(&call.param("grant_type")) {
            return Some(Refusal::UnsupportedGrant);
        }
        None
    }

    pub fn respond(&self, req: &Request) -> ResponseTemplate {
        let call = self.read(req);
        match self.judge(&call) {
            Some(refusal) => (self.refuse)(refusal, &call),
            None => (self.answer)(&call),
        }
    }

    pub async fn mount(&'static self, server: &MockServer) {
        Mock::given(method(self.method))
            .and(path(self.path))
            .respond_with(move |req: &Request| self.respond(req))
            .mount(server)
            .await;
    }
}

/// The error body of RFC 6749 §5.2, which most providers send.
pub fn error(status: u16, error: &str, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_json(json!({"error": error, "error_description": description}))
}

/// A provider's authorization endpoint as a browser without a session meets it (issue 12).
/// It knows the apps, the one redirect URI registered for them and the scope the portal sends;
/// it refuses what the provider refuses before sign-in, in the provider's own words, and for
/// [`AuthorizeEndpoint::odd_client`] answers something no evidence describes.
pub struct AuthorizeEndpoint {
    pub path: &'static str,
    /// The client ids the endpoint knows (the odd one included).
    pub clients: &'static [&'static str],
    /// The redirect URI registered for them.
    pub registered: &'static str,
    /// The `scope` the portal sends; `None` when it sends none.
    pub scope: Option<&'static str>,
    /// A known client for which the endpoint answers in a way no evidence describes.
    pub odd_client: &'static str,
    /// The answer for a known client with the registered URI and the portal's scope.
    pub on_registered: fn(&Request) -> ResponseTemplate,
    pub on_unregistered: fn() -> ResponseTemplate,
    pub on_unknown_client: fn() -> ResponseTemplate,
}

impl AuthorizeEndpoint {
    pub fn respond(&self, req: &Request) -> ResponseTemplate {
        let q = query(req);
        let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
        // A browser request carries no cookie: the probe must not send one either.
        if req.headers.get("cookie").is_some() || get("response_type") != "code" {
            return ResponseTemplate::new(400).set_body_string("invalid_request");
        }
        if !self.clients.contains(&get("client_id")) {
            return (self.on_unknown_client)();
        }
        if get("client_id") == self.odd_client {
            return ResponseTemplate::new(200)
                .insert_header("content-type", "text/html")
                .set_body_string("<html><head><title>Scheduled maintenance</title></head><body>Back soon.</body></html>");
        }
        if get("redirect_uri") != self.registered {
            return (self.on_unregistered)();
        }
        if q.get("scope").map(String::as_str) != self.scope {
            return ResponseTemplate::new(400).set_body_string("invalid_scope");
        }
        (self.on_registered)(req)
    }

    pub async fn mount(&'static self, server: &MockServer) {
        Mock::given(method("GET"))
            .and(path(self.path))
            .respond_with(move |req: &Request| self.respond(req))
            .mount(server)
            .await;
    }
}

/// An HTML page with `status` and `body`, as authorization endpoints answer browsers.
pub fn page(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("content-type", "text/html; charset=utf-8")
        .set_body_string(body.to_string())
}

/// A redirect to `location`.
pub fn redirect(location: &str) -> ResponseTemplate {
    ResponseTemplate::new(302).insert_header("location", location)
}

/// The four outcomes of the redirect-URI probe against a provider's fake (issue 12): the
/// registered URI (`registered_fact`: the fact the evidence allows), an unregistered one
/// (`misconfigured` with `register_hint` in the advice), an unknown client (the credential
/// check's verdict, with `unknown_fact`), and an answer no evidence describes ("not verified").
/// Where the evidence does not describe the answer to a registered URI or an unknown client,
/// the facts expected are "not verified": the probe never concludes on a guess.
pub struct RedirectCase<'a> {
    pub id: &'a str,
    /// The field that holds the client id.
    pub client_field: &'a str,
    pub unknown_client: &'a str,
    pub odd_client: &'a str,
    /// How the fact starts for the registered URI.
    pub registered_fact: &'a str,
    /// What the fact says for an unknown client.
    pub unknown_fact: &'a str,
    /// A word of the advice for an unregistered URI (the console's field name).
    pub register_hint: &'a str,
}

pub async fn redirect_outcomes(fake: &super::Fake, case: RedirectCase<'_>) {
    let RedirectCase {
        id,
        client_field,
        unknown_client,
        odd_client,
        registered_fact,
        unknown_fact,
        register_hint,
    } = case;
    use crate::support::{Sandbox, assert_no_leak};
    let with_client = |client: &str| {
        let mut config = fake.valid_config();
        for (name, value) in config.iter_mut() {
            if *name == client_field {
                *value = client.to_string();
            }
        }
        config
    };
    let fact = |out: &crate::support::Output| {
        out.result(id)["facts"]["redirect_uri"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };

    let sandbox = Sandbox::new();
    sandbox.set_provider(id, &fake.valid_config());
    let out = sandbox.check_json(id, &[]).await;
    assert!(
        matches!(out.status(id).as_str(), "ok" | "warning"),
        "{id} registered:\n{}",
        out.all()
    );
    assert!(
        fact(&out).starts_with(registered_fact),
        "{id} registered:\n{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);

    let sandbox = Sandbox::new();
    sandbox.write_config("[portal]\nredirect_uri = \"https://relay.example.net/oauth2.aspx\"\n");
    sandbox.set_provider(id, &fake.valid_config());
    let out = sandbox.check_json(id, &[]).await;
    assert_eq!(
        out.status(id),
        "misconfigured",
        "{id} unregistered:\n{}",
        out.all()
    );
    assert!(
        out.text(id, "message")
            .contains("https://relay.example.net/oauth2.aspx"),
        "{id}:\n{}",
        out.all()
    );
    assert!(
        out.text(id, "advice").contains(register_hint),
        "{id}:\n{}",
        out.all()
    );
    assert!(
        fact(&out).starts_with("not registered"),
        "{id}:\n{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);

    let sandbox = Sandbox::new();
    sandbox.set_provider(id, &with_client(unknown_client));
    let out = sandbox.check_json(id, &[]).await;
    assert_ne!(out.status(id), "ok", "{id} unknown client:\n{}", out.all());
    assert!(
        fact(&out).contains(unknown_fact),
        "{id} unknown client:\n{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);

    let sandbox = Sandbox::new();
    sandbox.set_provider(id, &with_client(odd_client));
    let out = sandbox.check_json(id, &[]).await;
    assert!(
        matches!(out.status(id).as_str(), "ok" | "warning"),
        "{id} odd answer:\n{}",
        out.all()
    );
    assert!(
        fact(&out).starts_with("not verified"),
        "{id} odd answer:\n{}",
        out.all()
    );
    assert_no_leak(&out, &fake.secrets);
}

/// A token endpoint that looks at the code before the client: every secret, right or wrong,
/// gets the provider's own "bad code" answer (issue 9.6). Such an answer proves nothing about
/// the secret, so no check may end `ok` against it.
#[tokio::test]
async fn a_server_that_judges_the_code_first_is_never_ok() {
    use crate::support::{Sandbox, assert_no_leak};
    // (provider, token path, status, error, description, fields)
    type Case<'a> = (
        &'a str,
        &'a str,
        u16,
        &'a str,
        &'a str,
        Vec<(&'a str, &'a str)>,
    );
    let cases: [Case<'_>; 4] = [
        (
            "google",
            "/oauth2/v4/token",
            400,
            "invalid_grant",
            "Malformed auth code.",
            vec![
                ("client_id", super::google::CLIENT_ID),
                ("client_secret", super::google::CLIENT_SECRET),
            ],
        ),
        (
            "linkedin",
            "/oauth/v2/accessToken",
            400,
            "invalid_request",
            "Unable to retrieve access token: appid/redirect uri/code verifier does not match authorization code. Or authorization code expired. Or external member binding exists",
            vec![
                ("client_id", super::linkedin::CLIENT_ID),
                ("client_secret", super::linkedin::CLIENT_SECRET),
            ],
        ),
        (
            "yandex",
            "/token",
            400,
            "bad_verification_code",
            "Invalid code",
            vec![
                ("client_id", super::yandex::CLIENT_ID),
                ("client_secret", super::yandex::CLIENT_SECRET),
            ],
        ),
        (
            "vk",
            "/access_token",
            401,
            "invalid_grant",
            "Code is invalid or expired.",
            vec![
                ("client_id", super::vk::APP_ID),
                ("client_secret", super::vk::SECRET),
            ],
        ),
    ];
    for (id, token_path, status, code, description, fields) in cases {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(token_path))
            .respond_with(error(status, code, description))
            .mount(&server)
            .await;
        let out = Sandbox::new()
            .check_fields(id, &fields, &server.uri())
            .await;
        assert_eq!(out.status(id), "warning", "{id}:\n{}", out.all());
        assert!(
            out.text(id, "message")
                .contains("the secret could not be verified"),
            "{id}:\n{}",
            out.all()
        );
        assert_eq!(
            out.result(id)["facts"]["secret_control"],
            "same answer for an altered secret",
            "{id}"
        );
        // Both requests went out, with the same client id and different secrets of one shape.
        let requests = server.received_requests().await.unwrap();
        let secrets: Vec<String> = requests
            .iter()
            .filter(|r| r.url.path() == token_path)
            .map(|r| form(r).get("client_secret").cloned().unwrap_or_default())
            .collect();
        assert_eq!(secrets.len(), 2, "{id}: {secrets:?}");
        let real = fields[1].1;
        let altered = secrets
            .iter()
            .find(|s| s.as_str() != real)
            .expect("an altered secret");
        assert_eq!(altered.len(), real.len(), "{id}");
        let mut leaks: Vec<String> = fields.iter().map(|(_, v)| v.to_string()).skip(1).collect();
        leaks.push(altered.clone());
        assert_no_leak(&out, &leaks);
    }
}

/// The altered secret's answer decides: refused as a client error → `ok` stands; the same
/// answer or anything else → `warning`.
#[tokio::test]
async fn the_altered_secret_must_be_refused_as_a_client_error() {
    use crate::support::Sandbox;
    let fields = [
        ("client_id", super::google::CLIENT_ID),
        ("client_secret", super::google::CLIENT_SECRET),
    ];
    // Right secret: the code is refused; any other secret: a server error page, not a refusal.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/v4/token"))
        .respond_with(|req: &Request| {
            if form(req).get("client_secret").map(String::as_str)
                == Some(super::google::CLIENT_SECRET)
            {
                error(400, "invalid_grant", "Malformed auth code.")
            } else {
                error(
                    400,
                    "invalid_request",
                    "Missing required parameter: code_verifier",
                )
            }
        })
        .mount(&server)
        .await;
    let out = Sandbox::new()
        .check_fields("google", &fields, &server.uri())
        .await;
    assert_eq!(out.status("google"), "warning", "{}", out.all());
    assert!(
        out.text("google", "message")
            .contains("not a refusal of the client"),
        "{}",
        out.all()
    );

    // The real fake judges the client first: the altered secret is refused, `ok` stands.
    let fake = super::google::start().await;
    let out = Sandbox::new()
        .check_fields("google", &fields, &fake.endpoint)
        .await;
    assert_eq!(out.status("google"), "ok", "{}", out.all());
    let control = out.result("google")["facts"]["secret_control"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        control.contains("refused") && control.contains("invalid_client"),
        "{control}"
    );
}

/// Apple's order is confirmed by a source (`[oauth] client_before_code = true`): one request.
#[tokio::test]
async fn a_confirmed_client_first_provider_gets_one_request() {
    use crate::support::Sandbox;
    let fake = super::apple::start().await;
    let sandbox = Sandbox::new();
    sandbox.set_provider("apple", &fake.valid_config());
    let out = sandbox.check_json("apple", &[]).await;
    assert_eq!(out.status("apple"), "ok", "{}", out.all());
    assert!(
        out.result("apple")["facts"].get("secret_control").is_none(),
        "{}",
        out.all()
    );
}

/// Issue 16: the dummy-code request, its altered-secret control and the authorization-endpoint
/// probe do not depend on each other, so all three go out at once (from the fake's record of
/// arrivals, each answer held for `DELAY`).
#[tokio::test]
async fn token_control_and_authorize_requests_overlap() {
    use super::google::{CLIENT_ID, CLIENT_SECRET};
    use super::timing::{Arrivals, DELAY};
    use crate::support::Sandbox;
    let arrivals = Arrivals::default();
    let server = MockServer::start().await;
    let seen = arrivals.clone();
    Mock::given(method("POST"))
        .and(path("/oauth2/v4/token"))
        .respond_with(move |req: &Request| {
            seen.record(req);
            let answer =
                if form(req).get("client_secret").map(String::as_str) == Some(CLIENT_SECRET) {
                    error(400, "invalid_grant", "Malformed auth code.")
                } else {
                    error(401, "invalid_client", "Unauthorized")
                };
            answer.set_delay(DELAY)
        })
        .mount(&server)
        .await;
    let seen = arrivals.clone();
    Mock::given(method("GET"))
        .and(path("/o/oauth2/v2/auth"))
        .respond_with(move |req: &Request| {
            seen.record(req);
            redirect("https://accounts.google.com/v3/signin/identifier?flowName=GeneralOAuthFlow")
                .set_delay(DELAY)
        })
        .mount(&server)
        .await;
    let fields = [("client_id", CLIENT_ID), ("client_secret", CLIENT_SECRET)];
    let out = Sandbox::new()
        .check_fields("google", &fields, &server.uri())
        .await;
    assert_eq!(out.status("google"), "ok", "{}", out.all());
    assert_eq!(
        out.result("google")["facts"]["redirect_uri"],
        "registered",
        "{}",
        out.all()
    );
    arrivals.assert_overlapped(3);
}
