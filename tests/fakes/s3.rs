//! S3 fake: a real S3 server (s3s + s3s-fs) that verifies SigV4 signatures, over a temp dir
//! holding buckets. Unknown keys get 403 `InvalidAccessKeyId` and a wrong secret 403
//! `SignatureDoesNotMatch`, as AWS answers. A second, bucket-scoped key is denied ListBuckets
//! by an access policy, like an IAM user limited to the backup bucket; a third key is valid but
//! its account is not signed up for S3. Each bucket has its Object Ownership, read with
//! GetBucketOwnershipControls as on AWS. Region, redirect and clock answers, which s3s does not
//! produce, are replayed by wiremock from AWS's documented bodies.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hyper_util::rt::TokioIo;
use s3s::access::{S3Access, S3AccessContext};
use s3s::auth::{S3Auth, SecretKey};
use s3s::dto::{
    GetBucketOwnershipControlsInput, GetBucketOwnershipControlsOutput, GetObjectInput,
    GetObjectOutput, HeadBucketInput, HeadBucketOutput, ListBucketsInput, ListBucketsOutput,
    ListObjectsV2Input, ListObjectsV2Output, ObjectOwnership, OwnershipControls,
    OwnershipControlsRule, PutObjectInput, PutObjectOutput,
};
use s3s::service::S3ServiceBuilder;
use s3s::{S3, S3Request, S3Response, S3Result};
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
/// A valid key of an AWS account that never signed up for S3.
pub const NO_S3_KEY: &str = "AKIAW4RZT7KJ2MXQ6PLN";
pub const NO_S3_SECRET: &str = "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";
pub const UNKNOWN_KEY: &str = "AKIAZ7LQ4HXNB2WRMKT6";
/// Object Ownership "bucket owner preferred": ACLs accepted.
pub const BUCKET: &str = "portal-backup-q7xk";
/// No ownership controls (a bucket from before April 2023): ACLs accepted.
pub const LEGACY_BUCKET: &str = "portal-static-q7xk";
/// Object Ownership "bucket owner enforced": every ACL'd upload is refused.
pub const ENFORCED_BUCKET: &str = "portal-acl-off-q7xk";

/// Serves S3 over `dir` (each directory in it is a bucket) on 127.0.0.1 with one key pair.
/// Reusable outside the tests (a benchmark example can call it); abort the handle to stop.
pub async fn serve(dir: &Path, access: &str, secret: &str) -> (SocketAddr, JoinHandle<()>) {
    serve_with(dir, &[(access, secret)], None, None).await
}

/// The server's own record of when each request arrived, and how long it holds every answer.
#[derive(Clone)]
pub struct Delay {
    pub hold: Duration,
    pub arrivals: Arc<Mutex<Vec<(Instant, String)>>>,
}

impl Delay {
    pub fn new(hold: Duration) -> Delay {
        Delay {
            hold,
            arrivals: Arc::default(),
        }
    }
}

/// Looks up secrets the way AWS does: an access key id nobody issued is `InvalidAccessKeyId`.
struct Keys(HashMap<String, String>);

#[async_trait::async_trait]
impl S3Auth for Keys {
    async fn get_secret_key(&self, access_key: &str) -> S3Result<SecretKey> {
        match self.0.get(access_key) {
            Some(secret) => Ok(SecretKey::from(secret.clone())),
            None => Err(s3s::s3_error!(
                InvalidAccessKeyId,
                "The AWS Access Key Id you provided does not exist in our records."
            )),
        }
    }
}

/// Runs after the signature was verified: denies ListBuckets to the scoped key, and everything
/// to the key whose account has no S3 (AWS checks the signature first, then the account).
struct Policy {
    list_denied: Option<String>,
}

#[async_trait::async_trait]
impl S3Access for Policy {
    async fn check(&self, cx: &mut S3AccessContext<'_>) -> S3Result<()> {
        let Some(creds) = cx.credentials() else {
            return Err(s3s::s3_error!(AccessDenied, "Access Denied"));
        };
        if creds.access_key == NO_S3_KEY {
            return Err(s3s::s3_error!(
                NotSignedUp,
                "Your account is not signed up for the S3 service. You must sign up before you can use S3."
            ));
        }
        if Some(&creds.access_key) == self.list_denied.as_ref()
            && cx.s3_op().name() == "ListBuckets"
        {
            return Err(s3s::s3_error!(AccessDenied, "Access Denied"));
        }
        Ok(())
    }
}

/// s3s-fs for the objects, plus each bucket's Object Ownership.
struct Store {
    fs: s3s_fs::FileSystem,
    root: PathBuf,
}

#[async_trait::async_trait]
impl S3 for Store {
    async fn list_buckets(
        &self,
        req: S3Request<ListBucketsInput>,
    ) -> S3Result<S3Response<ListBucketsOutput>> {
        self.fs.list_buckets(req).await
    }

    async fn list_objects_v2(
        &self,
        req: S3Request<ListObjectsV2Input>,
    ) -> S3Result<S3Response<ListObjectsV2Output>> {
        self.fs.list_objects_v2(req).await
    }

    async fn head_bucket(
        &self,
        req: S3Request<HeadBucketInput>,
    ) -> S3Result<S3Response<HeadBucketOutput>> {
        self.fs.head_bucket(req).await
    }

    async fn put_object(
        &self,
        req: S3Request<PutObjectInput>,
    ) -> S3Result<S3Response<PutObjectOutput>> {
        if req.input.bucket == ENFORCED_BUCKET && req.input.acl.is_some() {
            return Err(s3s::s3_error!(
                AccessControlListNotSupported,
                "The bucket does not allow ACLs"
            ));
        }
        self.fs.put_object(req).await
    }

    async fn get_object(
        &self,
        req: S3Request<GetObjectInput>,
    ) -> S3Result<S3Response<GetObjectOutput>> {
        self.fs.get_object(req).await
    }

    // https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketOwnershipControls.html
    async fn get_bucket_ownership_controls(
        &self,
        req: S3Request<GetBucketOwnershipControlsInput>,
    ) -> S3Result<S3Response<GetBucketOwnershipControlsOutput>> {
        let bucket = req.input.bucket.as_str();
        if !self.root.join(bucket).is_dir() {
            return Err(s3s::s3_error!(
                NoSuchBucket,
                "The specified bucket does not exist"
            ));
        }
        let setting = match bucket {
            BUCKET => ObjectOwnership::BUCKET_OWNER_PREFERRED,
            ENFORCED_BUCKET => ObjectOwnership::BUCKET_OWNER_ENFORCED,
            _ => {
                return Err(s3s::s3_error!(
                    OwnershipControlsNotFoundError,
                    "The bucket ownership controls were not found"
                ));
            }
        };
        let rule = OwnershipControlsRule {
            object_ownership: ObjectOwnership::from_static(setting),
        };
        Ok(S3Response::new(GetBucketOwnershipControlsOutput {
            ownership_controls: Some(OwnershipControls { rules: vec![rule] }),
        }))
    }
}

pub async fn serve_with(
    dir: &Path,
    keys: &[(&str, &str)],
    list_denied: Option<&str>,
    delay: Option<Delay>,
) -> (SocketAddr, JoinHandle<()>) {
    let fs = s3s_fs::FileSystem::new(dir).expect("s3s-fs over the temp dir");
    let auth = Keys(
        keys.iter()
            .map(|(a, s)| (a.to_string(), s.to_string()))
            .collect(),
    );
    let mut builder = S3ServiceBuilder::new(Store {
        fs,
        root: dir.to_path_buf(),
    });
    builder.set_auth(auth);
    builder.set_access(Policy {
        list_denied: list_denied.map(str::to_string),
    });
    let service = builder.build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let handle = tokio::spawn(async move {
        loop {
            let Ok((socket, _)) = listener.accept().await else {
                continue;
            };
            let service = service.clone();
            let delay = delay.clone();
            tokio::spawn(async move {
                let delayed = hyper::service::service_fn(
                    move |req: hyper::Request<hyper::body::Incoming>| {
                        let service = service.clone();
                        let delay = delay.clone();
                        async move {
                            if let Some(delay) = delay {
                                let what = req
                                    .uri()
                                    .path_and_query()
                                    .map(|p| p.to_string())
                                    .unwrap_or_default();
                                delay.arrivals.lock().unwrap().push((Instant::now(), what));
                                tokio::time::sleep(delay.hold).await;
                            }
                            hyper::service::Service::call(&service, req).await
                        }
                    },
                );
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(socket), delayed)
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
    start_with(None).await
}

/// The fake, optionally holding every answer back (the concurrency test, the benchmark).
pub async fn start_with(delay: Option<Delay>) -> Fake {
    let dir = tempfile::tempdir().unwrap();
    for bucket in [BUCKET, LEGACY_BUCKET, ENFORCED_BUCKET] {
        std::fs::create_dir(dir.path().join(bucket)).unwrap();
    }
    let keys = [
        (ACCESS_KEY, SECRET_KEY),
        (SCOPED_KEY, SCOPED_SECRET),
        (NO_S3_KEY, NO_S3_SECRET),
    ];
    let (addr, handle) = serve_with(dir.path(), &keys, Some(SCOPED_KEY), delay).await;
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
        secrets: vec![
            SECRET_KEY.into(),
            WRONG_SECRET.into(),
            SCOPED_SECRET.into(),
            NO_S3_SECRET.into(),
        ],
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
    out.result("s3")["message"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn s3_valid_key_lists_buckets_and_reaches_the_bucket() {
    let fake = start().await;
    let fields = [
        ("access_key_id", ACCESS_KEY),
        ("secret_access_key", SECRET_KEY),
        ("bucket", BUCKET),
    ];
    let out = run(&fake, &fields).await;
    assert_eq!(out.status("s3"), "ok", "{}", out.all());
    assert_eq!(out.code, 0);
    let facts = &out.result("s3")["facts"];
    assert_eq!(facts["bucket_count"], 3, "{}", out.all());
    assert_eq!(
        facts["object_ownership"],
        "BucketOwnerPreferred",
        "{}",
        out.all()
    );
    assert!(
        facts["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b == BUCKET)
    );
    assert_eq!(facts["key_type"], "long-term (AKIA)");
    assert_eq!(facts["bucket"], BUCKET);
}

#[tokio::test]
async fn s3_valid_key_without_bucket_is_ok() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("access_key_id", ACCESS_KEY),
            ("secret_access_key", SECRET_KEY),
        ],
    )
    .await;
    assert_eq!(out.status("s3"), "ok", "{}", out.all());
    assert!(message(&out).contains("3 bucket(s)"), "{}", out.all());
}

#[tokio::test]
async fn s3_wrong_secret_is_rejected_by_the_signature_check() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("access_key_id", ACCESS_KEY),
            ("secret_access_key", WRONG_SECRET),
        ],
    )
    .await;
    assert_eq!(out.status("s3"), "rejected", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(
        message(&out).contains("SignatureDoesNotMatch"),
        "{}",
        out.all()
    );
    assert!(message(&out).contains("secret access key"), "{}", out.all());
}

#[tokio::test]
async fn s3_unknown_key_is_rejected() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("access_key_id", UNKNOWN_KEY),
            ("secret_access_key", SECRET_KEY),
        ],
    )
    .await;
    assert_eq!(out.status("s3"), "rejected", "{}", out.all());
    assert!(
        message(&out).contains("does not know this access key id"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn s3_missing_bucket_is_misconfigured() {
    let fake = start().await;
    let fields = [
        ("access_key_id", ACCESS_KEY),
        ("secret_access_key", SECRET_KEY),
        ("bucket", "portal-backup-gone"),
    ];
    let out = run(&fake, &fields).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    assert!(message(&out).contains("NoSuchBucket"), "{}", out.all());
    assert!(
        out.result("s3")["advice"]
            .as_str()
            .unwrap()
            .contains("bucket name")
    );
}

#[tokio::test]
async fn s3_bucket_scoped_key_reaches_its_bucket_without_listing() {
    let fake = start().await;
    let fields = [
        ("access_key_id", SCOPED_KEY),
        ("secret_access_key", SCOPED_SECRET),
        ("bucket", BUCKET),
    ];
    let out = run(&fake, &fields).await;
    assert_eq!(out.status("s3"), "ok", "{}", out.all());
    assert_eq!(out.result("s3")["facts"]["can_list_buckets"], false);
    assert!(
        message(&out).contains("may not list all buckets"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn s3_bucket_scoped_key_without_bucket_is_misconfigured() {
    let fake = start().await;
    let out = run(
        &fake,
        &[
            ("access_key_id", SCOPED_KEY),
            ("secret_access_key", SCOPED_SECRET),
        ],
    )
    .await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert!(message(&out).contains("AccessDenied"), "{}", out.all());
    assert!(
        out.result("s3")["advice"]
            .as_str()
            .unwrap()
            .contains("Set bucket")
    );
}

#[tokio::test]
async fn s3_temporary_key_without_session_token_is_misconfigured_without_a_request() {
    let sandbox = Sandbox::new();
    sandbox.set_provider(
        "s3",
        &[
            ("access_key_id", "ASIAQ3EGRXWP7HZNTK4M".into()),
            ("secret_access_key", SECRET_KEY.into()),
        ],
    );
    let out = sandbox.check_json("s3", &[]).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert!(message(&out).contains("session_token"), "{}", out.all());
    assert_no_leak(&out, &[SECRET_KEY.into()]);
}

/// A wiremock S3 that lists buckets for the right access key and answers the bucket request
/// with `bucket_answer` (AWS answers that s3s does not produce); GetBucketOwnershipControls
/// gets `ownership` when given, else the same answer as the bucket.
async fn aws_like(bucket_answer: ResponseTemplate) -> MockServer {
    aws_like_with(bucket_answer, None).await
}

async fn aws_like_with(
    bucket_answer: ResponseTemplate,
    ownership: Option<ResponseTemplate>,
) -> MockServer {
    let server = MockServer::start().await;
    let signed_by_us = |req: &Request| {
        req.headers
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.starts_with("AWS4-HMAC-SHA256")
                    && v.contains(&format!("Credential={ACCESS_KEY}/"))
            })
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
    if let Some(ownership) = ownership {
        Mock::given(method("GET"))
            .and(path(format!("/{BUCKET}")))
            .and(wiremock::matchers::query_param("ownershipControls", ""))
            .respond_with(ownership)
            .with_priority(1)
            .mount(&server)
            .await;
    }
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
    assert!(
        out.result("s3")["advice"]
            .as_str()
            .unwrap()
            .contains("region=eu-west-1")
    );
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
    assert_eq!(
        out.result("s3")["facts"]["expected_region"],
        "ap-southeast-2"
    );
}

#[tokio::test]
async fn s3_skewed_clock_is_misconfigured_with_clock_advice() {
    let server = aws_like(ResponseTemplate::new(403).set_body_string(
        "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request time and the current time is too large.</Message><MaxAllowedSkewMilliseconds>900000</MaxAllowedSkewMilliseconds></Error>",
    ))
    .await;
    let out = run_aws_like(&server).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert!(
        out.result("s3")["advice"]
            .as_str()
            .unwrap()
            .contains("clock")
    );
}

#[tokio::test]
async fn s3_unrecognised_403_is_unreachable() {
    let server = aws_like(
        ResponseTemplate::new(403).set_body_string("<html><body>Forbidden by proxy</body></html>"),
    )
    .await;
    let out = run_aws_like(&server).await;
    assert_eq!(out.status("s3"), "unreachable", "{}", out.all());
    assert_eq!(out.code, 3);
}

/// An empty ListObjectsV2 answer, as S3 sends it for an empty bucket.
fn empty_listing() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_string(format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>{BUCKET}</Name><Prefix></Prefix><KeyCount>0</KeyCount><MaxKeys>1</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>"#
    ))
}

#[tokio::test]
async fn s3_bucket_that_refuses_acls_is_misconfigured() {
    // Object Ownership "bucket owner enforced": the portal's public-read uploads all fail.
    let fake = start().await;
    let fields = [
        ("access_key_id", ACCESS_KEY),
        ("secret_access_key", SECRET_KEY),
        ("bucket", ENFORCED_BUCKET),
    ];
    let out = run(&fake, &fields).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert_eq!(out.code, 1);
    let result = out.result("s3");
    assert_eq!(result["reason"], "setup", "{}", out.all());
    assert_eq!(result["facts"]["object_ownership"], "BucketOwnerEnforced");
    assert!(
        message(&out).contains("Bucket owner enforced") && message(&out).contains("public-read"),
        "{}",
        out.all()
    );
    assert!(
        result["advice"].as_str().unwrap().contains("ACLs enabled"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn s3_bucket_without_ownership_controls_accepts_acls() {
    let fake = start().await;
    let fields = [
        ("access_key_id", ACCESS_KEY),
        ("secret_access_key", SECRET_KEY),
        ("bucket", LEGACY_BUCKET),
    ];
    let out = run(&fake, &fields).await;
    assert_eq!(out.status("s3"), "ok", "{}", out.all());
    assert!(
        out.result("s3")["facts"]["object_ownership"]
            .as_str()
            .unwrap()
            .starts_with("ObjectWriter"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn s3_account_not_signed_up_is_misconfigured_naming_the_account() {
    let fake = start().await;
    let fields = [
        ("access_key_id", NO_S3_KEY),
        ("secret_access_key", NO_S3_SECRET),
        ("bucket", BUCKET),
    ];
    let out = run(&fake, &fields).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert!(
        message(&out).contains("not signed up") && message(&out).contains("NotSignedUp"),
        "{}",
        out.all()
    );
    assert!(
        out.result("s3")["advice"]
            .as_str()
            .unwrap()
            .contains("account"),
        "{}",
        out.all()
    );
}

#[tokio::test]
async fn s3_ownership_that_cannot_be_read_is_a_warning() {
    let server = aws_like_with(
        empty_listing(),
        Some(ResponseTemplate::new(403).set_body_string("<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>")),
    )
    .await;
    let out = run_aws_like(&server).await;
    assert_eq!(out.status("s3"), "warning", "{}", out.all());
    assert!(message(&out).contains("Object Ownership"), "{}", out.all());
    assert!(
        out.result("s3")["advice"]
            .as_str()
            .unwrap()
            .contains("s3:GetBucketOwnershipControls")
    );
}

#[tokio::test]
async fn s3_opt_in_region_answer_is_misconfigured_naming_the_region() {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html (IllegalLocationConstraintException)
    let server = aws_like(ResponseTemplate::new(400).set_body_string(
        "<Error><Code>IllegalLocationConstraintException</Code><Message>The eu-south-1 location constraint is incompatible for the region specific endpoint this request was sent to.</Message><RequestId>8T3QX</RequestId></Error>",
    ))
    .await;
    let out = run_aws_like(&server).await;
    assert_eq!(out.status("s3"), "misconfigured", "{}", out.all());
    assert!(message(&out).contains("region us-east-1"), "{}", out.all());
    assert!(
        out.result("s3")["advice"]
            .as_str()
            .unwrap()
            .contains("opt-in region")
    );
}

#[tokio::test]
async fn s3_bare_403_without_an_s3_error_is_no_verdict() {
    let server = aws_like(ResponseTemplate::new(403).set_body_string("Forbidden")).await;
    let out = run_aws_like(&server).await;
    assert_eq!(out.status("s3"), "unreachable", "{}", out.all());
    assert!(message(&out).contains("not S3 itself"), "{}", out.all());
}

#[tokio::test]
async fn s3_requests_of_one_check_overlap() {
    // Every answer is held 400 ms; the three independent requests (ListBuckets, the bucket
    // listing, its ownership controls) must all have arrived before the first was answered.
    let delay = Delay::new(Duration::from_millis(400));
    let fake = start_with(Some(delay.clone())).await;
    let out = run(
        &fake,
        &fake
            .valid
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
    )
    .await;
    assert_eq!(out.status("s3"), "ok", "{}", out.all());
    let arrivals = delay.arrivals.lock().unwrap().clone();
    assert_eq!(arrivals.len(), 3, "{arrivals:?}");
    let first = arrivals.iter().map(|a| a.0).min().unwrap();
    let last = arrivals.iter().map(|a| a.0).max().unwrap();
    assert!(
        last - first < delay.hold,
        "the requests went one after the other: {arrivals:?}"
    );
}
