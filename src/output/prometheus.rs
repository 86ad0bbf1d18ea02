//! `integrate check --format prometheus`: the Prometheus text exposition format (0.0.4), which
//! node_exporter's textfile collector reads from `*.prom` files. The official client crate
//! (`prometheus-client`) writes it, so names, HELP/TYPE lines, label escaping and number
//! formatting follow the format exactly; this module only decides what is exported.
//!
//! Every metric is a gauge holding the last run's value (a textfile is a snapshot, not a
//! counter the collector could rate). `integrate_check_ok` is 1 for `ok`, `warning` and
//! `skipped`, the statuses that do not fail `integrate check` (exit codes), and 0 for
//! `rejected`, `misconfigured` and `unreachable`: alert on it to learn a key broke, and on
//! `integrate_check_status{status="warning"}` for what needs attention before it breaks.
//! The exact status is always in `integrate_check_status`, one series per status, so a
//! dashboard can tell a refused key from an unreachable provider.

use std::time::{SystemTime, UNIX_EPOCH};

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::MetricType;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::registry::Registry;

use crate::check::expiry::Known;
use crate::check::{CheckResult, Status};

/// One labelled value of a gauge.
#[derive(Debug)]
struct Series {
    labels: Vec<(&'static str, String)>,
    value: Value,
}

/// Flags are written as integers (`1`, not `1.0`), measurements as floats.
#[derive(Debug, Clone, Copy)]
enum Value {
    Flag(bool),
    Float(f64),
}

/// A gauge family: its name, help text and series, encoded in the order given.
#[derive(Debug)]
struct Gauge {
    name: &'static str,
    help: &'static str,
    series: Vec<Series>,
}

/// The whole snapshot, handed to the registry as a collector so the output keeps our order
/// (providers as checked, statuses in the spec's order) instead of a hash map's.
#[derive(Debug)]
struct Snapshot(Vec<Gauge>);

impl Collector for Snapshot {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        for gauge in &self.0 {
            let mut metric =
                encoder.encode_descriptor(gauge.name, gauge.help, None, MetricType::Gauge)?;
            for series in &gauge.series {
                let family = metric.encode_family(&series.labels)?;
                match series.value {
                    Value::Flag(on) => ConstGauge::new(i64::from(on)).encode(family)?,
                    Value::Float(v) => ConstGauge::new(v).encode(family)?,
                }
            }
        }
        Ok(())
    }
}

/// The metrics of one `check` run that finished at `finished`; `portal` is the expiry of the
/// portal URL's certificate, when it was read.
pub fn render(results: &[CheckResult], portal: Option<&Known>, finished: SystemTime) -> String {
    let provider = |r: &CheckResult| ("provider", r.provider.clone());
    let status = Gauge {
        name: "integrate_check_status",
        help: "Status of the last live check of a provider's keys: 1 for the current status, 0 for the others (ok, warning, rejected, misconfigured, unreachable, skipped).",
        series: results
            .iter()
            .flat_map(|r| {
                Status::ALL.iter().map(move |s| Series {
                    labels: vec![provider(r), ("status", s.as_str().to_string())],
                    value: Value::Flag(r.status == *s),
                })
            })
            .collect(),
    };
    let ok = Gauge {
        name: "integrate_check_ok",
        help: "1 when the provider's last check did not fail (ok, warning or skipped, as the exit code counts them), 0 when it was rejected, misconfigured or unreachable.",
        series: results
            .iter()
            .map(|r| Series {
                labels: vec![provider(r)],
                value: Value::Flag(!r.status.is_problem()),
            })
            .collect(),
    };
    let duration = Gauge {
        name: "integrate_check_duration_seconds",
        help: "How long the provider's last live check took, in seconds.",
        series: results
            .iter()
            .map(|r| Series {
                labels: vec![provider(r)],
                value: Value::Float(r.elapsed_ms as f64 / 1000.0),
            })
            .collect(),
    };
    let last_run = Gauge {
        name: "integrate_check_last_run_timestamp_seconds",
        help: "When integrate check last finished, as a Unix time in seconds; a stale value means the checks stopped running.",
        series: vec![Series {
            labels: Vec::new(),
            value: Value::Float(unix_seconds(finished)),
        }],
    };
    // Every date a check read (its `expiry` facts), then the portal's own certificate under
    // the pseudo-provider `portal`. A key that never expires (year 9999) keeps its date: an
    // alert on `< time() + 30 * 86400` then never fires, which is the truth.
    let dated = results.iter().flat_map(|r| {
        r.facts
            .get("expiry")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(Known::from_fact)
            .map(|k| (r.provider.clone(), k))
    });
    let expiry = Gauge {
        name: "integrate_credential_expiry_timestamp_seconds",
        help: "When a credential or certificate a provider depends on expires, as a Unix time in seconds (what: tls_certificate, service_account_key); provider=\"portal\" is the portal URL's certificate.",
        series: dated
            .chain(portal.map(|k| ("portal".to_string(), k.clone())))
            .map(|(provider, k)| Series {
                labels: vec![
                    ("provider", provider),
                    ("what", k.what.as_str().to_string()),
                ],
                value: Value::Float(k.not_after.unix_timestamp() as f64),
            })
            .collect(),
    };
    let mut gauges = vec![status, ok, duration, last_run];
    // A family without samples would be a HELP line about nothing.
    if !expiry.series.is_empty() {
        gauges.push(expiry);
    }
    let mut registry = Registry::default();
    registry.register_collector(Box::new(Snapshot(gauges)));
    let mut text = String::new();
    // Writing into a String cannot fail; an error here would be a bug in the encoder.
    if prometheus_client::encoding::prometheus_text::encode(&mut text, &registry).is_err() {
        text.clear();
    }
    text
}

fn unix_seconds(at: SystemTime) -> f64 {
    at.duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Outcome;

    #[test]
    fn label_values_are_escaped_and_every_status_has_a_series() {
        let odd = CheckResult::new("a\"b\\c\nd", Outcome::rejected("no"), 1500);
        let text = render(
            &[odd],
            None,
            UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000),
        );
        assert!(
            text.contains(
                "integrate_check_status{provider=\"a\\\"b\\\\c\\nd\",status=\"rejected\"} 1\n"
            ),
            "{text}"
        );
        assert_eq!(text.matches("integrate_check_status{").count(), 6, "{text}");
        assert!(text.contains("integrate_check_ok{provider=\"a\\\"b\\\\c\\nd\"} 0\n"));
        assert!(
            text.contains("integrate_check_duration_seconds{provider=\"a\\\"b\\\\c\\nd\"} 1.5")
        );
        assert!(text.contains("\nintegrate_check_last_run_timestamp_seconds 1700000000"));
        assert!(text.contains("# TYPE integrate_check_ok gauge\n"));
    }
}
