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
