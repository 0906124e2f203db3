//! Development sign-in: the demo people and their roles, and a token for the one chosen,
//! minted by the development issuer. Served only in development mode without Entra ID
//! (the gateway is not given an issuer otherwise), so these routes do not exist in
//! production. Only the listed people can be signed in as.

use std::time::Duration;

use axum::extract::State;
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use constructos_infra::auth::{DevIssuer, TokenRequest};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::{WebApp, NO_CACHE};

/// A person the development sign-in page offers.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DemoPerson {
    /// The token's `sub`.
    pub subject: &'static str,
    pub name: &'static str,
    pub roles: &'static [&'static str],
    /// What they do at the company, for the sign-in page.
    pub description: &'static str,
}

/// The demo people, one for each role a newcomer is likely to try first.
pub const DEMO_PEOPLE: &[DemoPerson] = &[
    DemoPerson {
        subject: "naledi.finance",
        name: "Naledi Mokoena",
        roles: &["Finance_User"],
        description: "Finance clerk: raises invoices, records bills and payments",
    },
    DemoPerson {
        subject: "johan.finance.manager",
        name: "Johan Botha",
        roles: &["Finance_Manager"],
        description: "Financial manager: chart of accounts, budgets, periods",
    },
    DemoPerson {
        subject: "lerato.auditor",
        name: "Lerato Molefe",
        roles: &["Auditor"],
        description: "External auditor: reads everything, replays the ledger",
    },
    DemoPerson {
        subject: "sipho.site",
        name: "Sipho Khumalo",
        roles: &["Site_Manager"],
        description: "Site manager: sees the projects at their sites",
    },
    DemoPerson {
        subject: "kagiso.projects",
        name: "Kagiso Sithole",
        roles: &["Project_Manager"],
        description: "Project manager: runs their projects",
    },
    // The seed's demo leads (and so their opportunities) belong to this subject
    // (`constructos::seed::DEMO_SALES_REP`).
    DemoPerson {
        subject: "demo.sales.rep",
        name: "Thandi Nkosi",
        roles: &["Sales_Rep"],
        description: "Sales rep: their own leads and opportunities",
    },
    DemoPerson {
        subject: "pieter.sales.manager",
        name: "Pieter Jacobs",
        roles: &["Sales_Manager"],
        description: "Sales manager: the whole pipeline",
    },
    DemoPerson {
        subject: "bongani.stores",
        name: "Bongani Zulu",
        roles: &["Inventory_Clerk"],
        description: "Inventory clerk: receives, issues and counts stock",
    },
    DemoPerson {
        subject: "ayanda.hr",
        name: "Ayanda Mthembu",
        roles: &["HR_Manager"],
        description: "HR manager: employee records",
    },
    DemoPerson {
        subject: "refilwe.payroll",
        name: "Refilwe Dlamini",
        roles: &["Payroll_Officer"],
        description: "Payroll officer: opens and calculates pay runs, the PAYE calculator",
    },
    DemoPerson {
        subject: "ayabonga.safety",
        name: "Ayabonga Ngcobo",
        roles: &["Safety_Officer"],
        description: "Safety officer: inspects sites, raises and verifies corrective actions",
    },
    DemoPerson {
        subject: "precious.desk",
        name: "Precious Mahlangu",
        roles: &["Support_Agent"],
        description: "Support agent: works the ticket desk",
    },
    DemoPerson {
        subject: "zanele.admin",
        name: "Zanele Dube",
        roles: &["Admin"],
        description: "Administrator: everything, including users and assignments",
    },
    DemoPerson {
        subject: "sam.employee",
        name: "Sam Petersen",
        roles: &["Employee"],
        description: "Employee: their own record only",
    },
];

/// How long a development token lives unless the page asks for less.
const DEFAULT_TTL: Duration = Duration::from_secs(60 * 60);
/// The shortest and longest lifetimes the page may ask for.
const TTL_RANGE: std::ops::RangeInclusive<u64> = 30..=8 * 60 * 60;

/// The issuer that mints the demo people's tokens.
pub struct DevSignIn {
    issuer: DevIssuer,
}

impl DevSignIn {
    pub fn new(issuer: DevIssuer) -> Self {
        Self { issuer }
    }
}

/// `POST /dev/token`'s body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TokenAsk {
    pub subject: String,
    /// Seconds, 30 to 8 hours; default one hour.
    pub ttl_seconds: Option<u64>,
}

/// `GET /dev/people`: the demo people and their roles.
pub async fn people() -> Response {
    (
        [(CACHE_CONTROL, HeaderValue::from_static(NO_CACHE))],
        Json(json!({ "people": DEMO_PEOPLE })),
    )
        .into_response()
}

/// `POST /dev/token` `{"subject": "…"}`: a token for that demo person.
pub async fn token(State(web): State<WebApp>, Json(ask): Json<TokenAsk>) -> Response {
    let Some(sign_in) = web.dev_sign_in.as_ref() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Some(person) = DEMO_PEOPLE.iter().find(|p| p.subject == ask.subject) else {
        return refusal(
            StatusCode::BAD_REQUEST,
            "BAD_USER_INPUT",
            "no such demo person",
        );
    };
    let ttl = match ask.ttl_seconds {
        None => DEFAULT_TTL,
        Some(secs) if TTL_RANGE.contains(&secs) => Duration::from_secs(secs),
        Some(_) => {
            return refusal(
                StatusCode::BAD_REQUEST,
                "BAD_USER_INPUT",
                "ttlSeconds must be 30 to 28800",
            )
        }
    };
    let request = TokenRequest {
        subject: person.subject.to_string(),
        name: Some(person.name.to_string()),
        roles: person.roles.iter().map(|r| r.to_string()).collect(),
        ttl,
    };
    let claims = sign_in.issuer.claims(&request);
    match sign_in.issuer.sign(&claims) {
        Ok(access_token) => (
            [(CACHE_CONTROL, HeaderValue::from_static("no-store"))],
            Json(json!({
                "accessToken": access_token,
                "expiresAt": claims.exp,
                "subject": person.subject,
                "name": person.name,
                "roles": person.roles,
            })),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "the development issuer could not sign a token");
            refusal(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
                "could not sign a token",
            )
        }
    }
}

fn refusal(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "errors": [{ "message": message, "extensions": { "code": code } }] })),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_person_has_a_known_role_and_a_unique_subject() {
        let mut subjects: Vec<&str> = DEMO_PEOPLE.iter().map(|p| p.subject).collect();
        subjects.sort_unstable();
        subjects.dedup();
        assert_eq!(subjects.len(), DEMO_PEOPLE.len());
        for person in DEMO_PEOPLE {
            for role in person.roles {
                assert!(
                    constructos_domain::access::Role::parse(role).is_some(),
                    "{role} of {} is not in the catalogue",
                    person.subject
                );
            }
        }
    }
}
