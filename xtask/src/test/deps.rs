//! The deps layer: `cargo deny` (the licences we ship under, crates.io
//! only, the crates we refuse) and `npm audit` of each npm project.

use super::Counts;
use crate::util::{cmd, project_root, say};

/// `cargo deny check licenses bans sources`: one check for each.
pub(super) fn deps() -> Counts {
    let mut counts = Counts::default();
    for check in ["licenses", "bans", "sources"] {
        let ok = cmd("cargo")
            .args(["deny", "--locked", "check", check])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        say(format!(
            "cargo deny check {check}: {}",
            if ok { "ok" } else { "FAILED" }
        ));
        if ok {
            counts.passed += 1;
        } else {
            counts.failed += 1;
        }
    }
    for project in NPM_PROJECTS {
        match npm_audit(project) {
            Audit::Clean => {
                say(format!("npm audit ({project}): ok"));
                counts.passed += 1;
            }
            Audit::Vulnerable(found) => {
                say(format!("npm audit ({project}): FAILED: {found}"));
                counts.failed += 1;
            }
            Audit::NotRun(why) => say(format!("npm audit ({project}): not run: {why}")),
        }
    }
    counts
}

/// The npm projects whose locked dependencies `npm audit` checks (test,
/// benchmark and type-checking tools: none reaches a shopper or the server).
const NPM_PROJECTS: [&str; 3] = ["end2end", "bench", "embed"];

/// What `npm audit` said of one project.
#[derive(Debug, PartialEq, Eq)]
enum Audit {
    /// No advisory of high or critical severity.
    Clean,
    /// Advisories of high or critical severity: how many of each.
    Vulnerable(String),
    /// The registry gave no audit (no network, or a registry mirror that
    /// refuses the audit request): neither a pass nor a failure, and said.
    NotRun(String),
}

/// `npm audit --audit-level=high` of `project`'s `package-lock.json` (no
/// install needed: it sends the lock file's tree to the registry).
fn npm_audit(project: &str) -> Audit {
    let output = cmd("npm")
        .args(["audit", "--json", "--audit-level=high"])
        .current_dir(project_root().join(project))
        .output();
    match output {
        Ok(output) => judge(&output.stdout, output.status.success()),
        Err(e) => Audit::NotRun(format!("npm cannot start: {e}")),
    }
}

/// `npm audit --json`'s report (`stdout`) and exit status, judged.
fn judge(stdout: &[u8], success: bool) -> Audit {
    let report: serde_json::Value =
        serde_json::from_slice(stdout).unwrap_or(serde_json::Value::Null);
    if report.get("auditReportVersion").is_none() {
        let why = report["message"]
            .as_str()
            .or_else(|| report["error"]["summary"].as_str())
            .unwrap_or("no report");
        return Audit::NotRun(format!("the registry gave no audit ({why})"));
    }
    if success {
        return Audit::Clean;
    }
    let count = |severity: &str| {
        report["metadata"]["vulnerabilities"][severity]
            .as_u64()
            .unwrap_or(0)
    };
    Audit::Vulnerable(format!(
        "{} high, {} critical",
        count("high"),
        count("critical")
    ))
}

#[cfg(test)]
mod tests {
    use super::{judge, Audit};

    #[test]
    fn npm_audits_report_is_judged_and_a_missing_one_is_not_a_pass() {
        let clean = br#"{"auditReportVersion":2,"vulnerabilities":{},"metadata":{"vulnerabilities":{"info":0,"low":1,"moderate":0,"high":0,"critical":0,"total":1}}}"#;
        assert_eq!(judge(clean, true), Audit::Clean);
        let vulnerable = br#"{"auditReportVersion":2,"vulnerabilities":{"x":{}},"metadata":{"vulnerabilities":{"high":2,"critical":1,"total":3}}}"#;
        assert_eq!(
            judge(vulnerable, false),
            Audit::Vulnerable("2 high, 1 critical".to_owned())
        );
        let refused = br#"{"message":"405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk","statusCode":405,"error":{}}"#;
        assert!(matches!(judge(refused, false), Audit::NotRun(why) if why.contains("405")));
        assert!(matches!(judge(b"", false), Audit::NotRun(_)));
    }
}
