//! S3 fake: a real S3 server (s3s + s3s-fs) that verifies SigV4 signatures, over a temp dir
//! holding one bucket. Unknown keys get 403 `NotSignedUp`, a wrong secret 403
//! `SignatureDoesNotMatch` (s3s's own checks). A second, bucket-scoped key is denied
//! ListBuckets by an access policy, like an IAM user limited to the backup bucket.
//! Region, redirect and clock answers, which s3s does not produce, are replayed by wiremock.

use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::pin::Pin;

use hyper_util::rt::TokioIo;
use s3s::access::{S3Access, S3AccessContext};
use s3s::auth::{SecretKey, SimpleAuth};
use s3s::service::S3ServiceBuilder;
use tokio::task::JoinHandle;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use super::Fake;
use crate::support::{Sandbox, assert_no_leak};

pub const ACCESS_KEY: &str = "AKIAQ3EGRXWP7HZNTK4M";
pub const SECRET_KEY: &str = "a30kD8LyVIaESgmuPGJP5xGv8jrjwWVSq/yUTPof";
pub const WRONG_SECRET: &str = "/CUYa8ZeWhPC9hKOhnfi8f4qujciLxKrTQ1dznIz";
/// A key whose policy allows the bucket but not ListBuckets.
pub const SCOPED_KEY: &str = "AKIAV5MJD2TQZR6WLXB3";
pub const SCOPED_SECRET: &str = "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";
pub const UNKNOWN_KEY: &str = "AKIAZ7LQ4HXNB2WRMKT6";
pub const BUCKET: &str = "portal-backup-q7xk";

/// Serves S3 over `dir` (each directory in it is a bucket) on 127.0.0.1 with one key pair.
/// Reusable outside the tests (a benchmark example can call it); abort the handle to stop.
pub async fn serve(dir: &Path, access: &str, secret: &str) -> (SocketAddr, JoinHandle<()>) {
    serve_with(dir, &[(access, secret)], None).await
}

/// Denies ListBuckets to one access key; everything else needs a verified signature.
struct DenyListing(Option<String>);

impl S3Access for DenyListing {
    // What `#[async_trait]` expands to; the crate is not a dev-dependency.
    fn check<'s, 'c, 'r, 'f>(
        &'s self,
        cx: &'c mut S3AccessContext<'r>,
    ) -> Pin<Box<dyn Future<Output = s3s::S3Result<()>> + Send + 'f>>
    where
        's: 'f,
        'c: 'f,
        'r: 'f,
        Self: 'f,
    {
        Box::pin(async move {
            let Some(creds) = cx.credentials() else {
                return Err(s3s::s3_error!(AccessDenied, "Access Denied"));
            };
            if Some(&creds.access_key) == self.0.as_ref() && cx.s3_op().name() == "ListBuckets" {
                return Err(s3s::s3_error!(AccessDenied, "Access Denied"));
            }
            Ok(())
        })
    }
}

async fn serve_with(
    dir: &Path,
    keys: &[(&str, &str)],
    list_denied: Option<&str>,
) -> (SocketAddr, JoinHandle<()>) {
    let fs = s3s_fs::FileSystem::new(dir).expect("s3s-fs over the temp dir");
    let mut auth = SimpleAuth::new();
    for (access, secret) in keys {
        auth.register(access.to_string(), SecretKey::from(secret.to_string()));
    }
    let mut builder = S3ServiceBuilder::new(fs);
    builder.set_auth(auth);
    builder.set_access(DenyListing(list_denied.map(str::to_string)));
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                continue;
            };
            let service = service.clone();
            tokio::spawn(async move {
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(socket), service)
                    .await;
            });
        }
    });
    (addr, handle)
}

/// Stops the server and removes its directory when the fake is dropped.
struct Guard {
    handle: JoinHandle<()>,
    _dir: tempfile::TempDir,
}

impl Drop for Guard {
    fn drop(&mut self) {
        self.handle.abort();
    }
}

pub async fn start() -> Fake {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(BUCKET)).unwrap();
    std::fs::create_dir(dir.path().join("portal-static-q7xk")).unwrap();
    let keys = [(ACCESS_KEY, SECRET_KEY), (SCOPED_KEY, SCOPED_SECRET)];
    let (addr, handle) = serve_with(dir.path(), &keys, Some(SCOPED_KEY)).await;
    let with = |secret: &str| {
        vec![
            ("access_key_id", ACCESS_KEY.to_string()),
            ("secret_access_key", secret.to_string()),
            ("bucket", BUCKET.to_string()),
            ("path_style", "true".to_string()),
        ]
    };
    Fake {
        endpoint: format!("http://{addr}"),
        valid: with(SECRET_KEY),
        rejected: with(WRONG_SECRET),
        secrets: vec![SECRET_KEY.into(), WRONG_SECRET.into(), SCOPED_SECRET.into()],
        guard: Box::new(Guard { handle, _dir: dir }),
    }
}

async fn run(fake: &Fake, fields: &[(&'static str, &str)]) -> crate::support::Output {
    let sandbox = Sandbox::new();
    let mut config: Vec<(&str, String)> = fields.iter().map(|(k, v)| (*k, v.to_string())).collect();
    config.push(("endpoint", fake.endpoint.clone()));
    sandbox.set_provider("s3", &config);
    let out = sandbox.check_json("s3", &[]).await;
    assert_no_leak(&out, &fake.secrets);
    out
}

fn message(out: &crate::support::Output) -> String {
    out.result("s3")["message"].as_str().unwrap_or_default().to_string()
}

#[tokio::test]
async fn s3_valid_key_lists_buckets_and_reaches_the_bucket() {
    let fake = start().await;
    let fields = [("access_key_id", ACCESS_KEY), ("secret_access_key", SECRET_KEY), ("bucket", BUCKET)];
    let out = run(&fake, &fields).await;
    assert_eq!(out.status("s3"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("s3")["facts"];
    assert_eq!(facts["bucket_count"], 2, "{}", out.all());
    assert!(facts["buckets"].as_array().unwrap().iter().any(|b| b == BUCKET));
    assert_eq!(facts["key_type"], "long-term (AKIA)");
    assert_eq!(facts["bucket"], BUCKET);
}

#[tokio::test]
async fn s3_valid_key_without_bucket_is_ok() {
    let fake = start().await;
    let out = run(&fake, &[("access_key_id", ACCESS_KEY), ("secret_access_key", SECRET_KEY)]).await;
    assert_eq!(out.status("s3"), "ok", "{}", out.all());
    assert!(message(&out).contains("2 bucket(s)"), "{}", out.all());
}

#[tokio::test]
async fn s3_wrong_secret_is_rejected_by_the_signature_check() {
    let fake = start().await;
    let out = run(&fake, &[("access_key_id", ACCESS_KEY), ("secret_access_key", WRONG_SECRET)]).await;
    assert_eq!(out.status("s3"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(message(&out).contains("SignatureDoesNotMatch"), "{}", out.all());
    assert!(message(&out).contains("secret access key"), "{}", out.all());
}

#[tokio::test]
async fn s3_unknown_key_is_rejected() {
    let fake = start().await;
    let out = run(&fake, &[("access_key_id", UNKNOWN_KEY), ("secret_access_key", SECRET_KEY)]).await;
    assert_eq!(out.status("s3"), "rejected", "{}", out.all());
    assert!(message(&out).contains("does not know this access key id"), "{}", out.all());
}

#[tokio::test]
async fn s3_missing_bucket_is_misconfigured() {
    let fake = start().await;
    let fields = [("access_key_id", ACCESS_KEY), ("secret_access_key", SECRET_KEY), ("bucket", "portal-backup-gone")];
    let out = run(&fake, &fields).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(message(&out).contains("NoSuchBucket"), "{}", out.all());
    assert!(out.result("s3")["advice"].as_str().unwrap().contains("bucket name"));
}

#[tokio::test]
async fn s3_bucket_scoped_key_reaches_its_bucket_without_listing() {
    let fake = start().await;
    let fields = [("access_key_id", SCOPED_KEY), ("secret_access_key", SCOPED_SECRET), ("bucket", BUCKET)];
    let out = run(&fake, &fields).await;
    assert_eq!(out.status("s3"), "ok", "{}", out.all());
    assert_eq!(out.result("s3")["facts"]["can_list_buckets"], false);
    assert!(message(&out).contains("may not list all buckets"), "{}", out.all());
}

#[tokio::test]
async fn s3_bucket_scoped_key_without_bucket_is_misconfigured() {
    let fake = start().await;
    let out = run(&fake, &[("access_key_id", SCOPED_KEY), ("secret_access_key", SCOPED_SECRET)]).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert!(message(&out).contains("AccessDenied"), "{}", out.all());
    assert!(out.result("s3")["advice"].as_str().unwrap().contains("Set bucket"));
}

#[tokio::test]
async fn s3_temporary_key_without_session_token_is_misconfigured_without_a_request() {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "s3",
        &[("access_key_id", "ASIAQ3EGRXWP7HZNTK4M".into()), ("secret_access_key", SECRET_KEY.into())],
    );
    let out = sandbox.check_json("s3", &[]).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert!(message(&out).contains("session_token"), "{}", out.all());
    assert_no_leak(&out, &[SECRET_KEY.into()]);
}

/// A wiremock S3 that lists buckets for the right access key and answers the bucket request
/// with `bucket_answer` (AWS answers that s3s does not produce).
async fn aws_like(bucket_answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    let signed_by_us = |req: &Request| {
        req.headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("AWS4-HMAC-SHA256") && v.contains(&format!("Credential={ACCESS_KEY}/")))
    };
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(move |req: &Request| {
            if !signed_by_us(req) {
                return ResponseTemplate::new(403).set_body_string("<Error><Code>InvalidAccessKeyId</Code><Message>The AWS Access Key Id you provided does not exist in our records.</Message></Error>");
            }
            ResponseTemplate::new(200).set_body_string(format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>7c1e</ID></Owner><Buckets><Bucket><Name>{BUCKET}</Name><CreationDate>2024-05-01T10:00:00.000Z</CreationDate></Bucket></Buckets></ListAllMyBucketsResult>"#
            ))
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/{BUCKET}")))
        .respond_with(bucket_answer)
        .mount(&server)
        .await;
    server
}

async fn run_aws_like(server: &MockServer) -> crate::support::Output {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "s3",
        &[
            ("access_key_id", ACCESS_KEY.into()),
            ("secret_access_key", SECRET_KEY.into()),
            ("bucket", BUCKET.into()),
            ("endpoint", server.uri()),
        ],
    );
    let out = sandbox.check_json("s3", &[]).await;
    assert_no_leak(&out, &[SECRET_KEY.into()]);
    out
}

#[tokio::test]
async fn s3_wrong_region_is_misconfigured_with_the_expected_region() {
    let server = aws_like(ResponseTemplate::new(400).set_body_string(
        "<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'</Message><Region>eu-west-1</Region><RequestId>7Q2B</RequestId></Error>",
    ))
    .await;
    let out = run_aws_like(&server).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert_eq!(out.result("s3")["facts"]["expected_region"], "eu-west-1");
    assert!(out.result("s3")["advice"].as_str().unwrap().contains("region=eu-west-1"));
}

#[tokio::test]
async fn s3_permanent_redirect_names_the_bucket_region() {
    let server = aws_like(
        ResponseTemplate::new(301)
            .insert_header("x-amz-bucket-region", "ap-southeast-2")
            .set_body_string("<Error><Code>PermanentRedirect</Code><Message>The bucket you are attempting to access must be addressed using the specified endpoint.</Message></Error>"),
    )
    .await;
    let out = run_aws_like(&server).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert_eq!(out.result("s3")["facts"]["expected_region"], "ap-southeast-2");
}

#[tokio::test]
async fn s3_skewed_clock_is_misconfigured_with_clock_advice() {
    let server = aws_like(ResponseTemplate::new(403).set_body_string(
        "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>",
    ))
    .await;
    let out = run_aws_like(&server).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert!(out.result("s3")["advice"].as_str().unwrap().contains("clock"));
}

#[tokio::test]
async fn s3_unrecognised_403_is_unreachable() {
    let server = aws_like(ResponseTemplate::new(403).set_body_string("<html><body>Forbidden by proxy</body></html>")).await;
    let out = run_aws_like(&server).await;
    assert_eq!(out.status("s3"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}
