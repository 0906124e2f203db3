//! What the fuzzer found: each failing case with everything needed to replay it by
//! hand, and the failures grouped into classes (operation × what went wrong) with the
//! unusual inputs all cases of a class had in common.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use serde_json::Value;

/// One case that broke a rule.
#[derive(Debug, Clone)]
pub struct Failure {
    pub case: usize,
    pub operation: String,
    /// What went wrong, e.g. "INTERNAL error" or "a refused command stored 1 event(s)".
    pub what: String,
    pub role: String,
    pub query: String,
    pub variables: Value,
    pub status: u16,
    pub request_id: String,
    pub answer: String,
    /// The unusual choices the generator made for this case.
    pub tags: Vec<String>,
    /// Further detail (the events stored, the panic message).
    pub detail: String,
}

impl Failure {
    /// The case, printable for a replay with curl or GraphiQL.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "case {} — {}: {}",
            self.case, self.operation, self.what
        );
        let _ = writeln!(out, "  role:      {}", self.role);
        let _ = writeln!(out, "  query:     {}", self.query);
        let _ = writeln!(out, "  variables: {}", self.variables);
        let _ = writeln!(out, "  status:    {}", self.status);
        if !self.request_id.is_empty() {
            let _ = writeln!(
                out,
                "  request:   {} (the log gives the cause under this id)",
                self.request_id
            );
        }
        let _ = writeln!(out, "  answer:    {}", truncate(&self.answer, 2000));
        if !self.tags.is_empty() {
            let _ = writeln!(out, "  unusual:   {}", self.tags.join("; "));
        }
        if !self.detail.is_empty() {
            let _ = writeln!(out, "  detail:    {}", truncate(&self.detail, 2000));
        }
        out
    }

    /// The class this failure belongs to.
    fn class(&self) -> (String, String) {
        (self.operation.clone(), self.what.clone())
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!(
            "{}… ({} characters)",
            s.chars().take(max).collect::<String>(),
            s.chars().count()
        )
    }
}

/// Every failure, grouped: one example per class, with how often it happened and the
/// unusual inputs (argument: kind) shared by every case of the class — the likely cause.
pub fn summary(failures: &[Failure]) -> String {
    let mut classes: BTreeMap<(String, String), Vec<&Failure>> = BTreeMap::new();
    for f in failures {
        classes.entry(f.class()).or_default().push(f);
    }
    let mut out = format!(
        "{} failing case(s) in {} class(es):\n\n",
        failures.len(),
        classes.len()
    );
    for ((operation, what), cases) in &classes {
        let mut common: Option<BTreeSet<&String>> = None;
        for case in cases {
            let tags: BTreeSet<&String> = case.tags.iter().collect();
            common = Some(match common {
                None => tags,
                Some(c) => c.intersection(&tags).copied().collect(),
            });
        }
        let common: Vec<&String> = common.unwrap_or_default().into_iter().collect();
        let _ = writeln!(out, "== {operation}: {what} ({} case(s))", cases.len());
        if !common.is_empty() {
            let _ = writeln!(
                out,
                "   every case had: {}",
                common
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        }
        out.push_str(&cases[0].describe());
        out.push('\n');
    }
    out
}
