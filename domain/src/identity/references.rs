//! What a user's link and assignments may refer to. Employees belong to HR and projects
//! to orders; identity knows them only from those domains' events (its own copies, kept
//! by projection workers), never from their databases. The command side looks the facts
//! up and these rules decide — pure, so they are tested here without a database.
//!
//! A reference to something unknown is the caller's input being wrong, so it is refused
//! as a rejection (`BAD_USER_INPUT`) naming the argument; `NOT_FOUND` is kept for the
//! object a command addresses (the user itself).

use std::collections::BTreeSet;

use super::IdentityError;
use crate::refusal::echo;

/// An employee as identity knows it from HR's events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownEmployee {
    /// HR's record id.
    pub id: String,
    /// The employee number, e.g. `EMP-0042`; a link may name either.
    pub employee_number: String,
    /// Whether HR has recorded the end of the employment.
    pub terminated: bool,
}

/// A project as identity knows it from orders' events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownProject {
    /// Orders' project id.
    pub id: String,
    /// The project code, e.g. `PRJ-2026-014`; an assignment may name either.
    pub code: String,
    /// The site the project is built at.
    pub site_id: String,
}

/// The names a list argument holds, as the user aggregate records them: trimmed, blanks
/// dropped, each once.
pub fn named(values: &[String]) -> BTreeSet<&str> {
    values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect()
}

/// `employeeId` must name an employee identity knows (by record id or employee number)
/// whose employment has not ended: linking gives the user self-service access to that
/// record, which a former employee is not newly given.
pub fn check_employee(requested: &str, known: Option<&KnownEmployee>) -> Result<(), IdentityError> {
    match known {
        None => Err(IdentityError::UnknownEmployee(echo(requested))),
        Some(employee) if employee.terminated => {
            Err(IdentityError::FormerEmployee(echo(requested)))
        }
        Some(_) => Ok(()),
    }
}

/// `contactId` must name a contact identity has recorded (`exists`, from its own event
/// store).
pub fn check_contact(requested: &str, exists: bool) -> Result<(), IdentityError> {
    if exists {
        Ok(())
    } else {
        Err(IdentityError::UnknownContact(echo(requested)))
    }
}

/// Every entry of `projects` must be the id or the code of a project identity knows,
/// and every entry of `sites` the site of at least one such project: an assignment to a
/// site no project is built at would grant nothing and is almost always a typing
/// mistake. The first unknown name is reported.
pub fn check_assignments(
    projects: &[String],
    sites: &[String],
    known: &[KnownProject],
) -> Result<(), IdentityError> {
    for name in named(projects) {
        if !known.iter().any(|p| p.id == name || p.code == name) {
            return Err(IdentityError::UnknownProject(echo(name)));
        }
    }
    for site in named(sites) {
        if !known.iter().any(|p| p.site_id == site) {
            return Err(IdentityError::UnknownSite(echo(site)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn project(id: &str, code: &str, site: &str) -> KnownProject {
        KnownProject {
            id: id.into(),
            code: code.into(),
            site_id: site.into(),
        }
    }

    fn employee(terminated: bool) -> KnownEmployee {
        KnownEmployee {
            id: "e-1".into(),
            employee_number: "EMP-0042".into(),
            terminated,
        }
    }

    #[test]
    fn a_link_names_a_current_employee() {
        assert_eq!(check_employee("EMP-0042", Some(&employee(false))), Ok(()));
        assert_eq!(
            check_employee("EMP-9999", None),
            Err(IdentityError::UnknownEmployee("\"EMP-9999\"".into()))
        );
        assert_eq!(
            check_employee("EMP-0042", Some(&employee(true))),
            Err(IdentityError::FormerEmployee("\"EMP-0042\"".into()))
        );
        assert!(IdentityError::UnknownEmployee("\"x\"".into())
            .to_string()
            .starts_with("employeeId: "));
    }

    #[test]
    fn a_link_names_a_recorded_contact() {
        assert_eq!(check_contact("c-1", true), Ok(()));
        assert_eq!(
            check_contact("c-2", false),
            Err(IdentityError::UnknownContact("\"c-2\"".into()))
        );
    }

    #[test]
    fn assignments_name_known_projects_by_id_or_code_and_their_sites() {
        let known = [project("p-1", "PRJ-1", "SITE-PTA")];
        let ok = |p: &[&str], s: &[&str]| {
            check_assignments(
                &p.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                &s.iter().map(|x| x.to_string()).collect::<Vec<_>>(),
                &known,
            )
        };
        assert_eq!(ok(&["p-1", " PRJ-1 ", ""], &["SITE-PTA"]), Ok(()));
        assert_eq!(ok(&[], &[]), Ok(()));
        assert_eq!(
            ok(&["PRJ-1", "nope"], &[]),
            Err(IdentityError::UnknownProject("\"nope\"".into()))
        );
        assert_eq!(
            ok(&[], &["SITE-CPT"]),
            Err(IdentityError::UnknownSite("\"SITE-CPT\"".into()))
        );
        // A project's site is not its id, nor its code.
        assert_eq!(
            ok(&["SITE-PTA"], &[]),
            Err(IdentityError::UnknownProject("\"SITE-PTA\"".into()))
        );
    }

    #[test]
    fn an_echoed_value_is_short_and_has_no_control_characters() {
        let long = format!("\u{1b}[31m{}\n", "x".repeat(500));
        let shown = echo(&long);
        assert!(shown.chars().count() < 80);
        assert!(!shown.chars().any(char::is_control));
    }

    proptest! {
        /// Whatever is asked, an assignment passes exactly when every name is known.
        #[test]
        fn assignments_pass_exactly_when_everything_is_known(
            projects in proptest::collection::vec("[ a-cP1-3-]{0,5}", 0..6),
            sites in proptest::collection::vec("[ S1-3]{0,3}", 0..4),
        ) {
            let known = [project("p-1", "P-1", "S1"), project("p-2", "P-2", "S2")];
            let all_known = named(&projects).iter().all(|n| ["p-1", "P-1", "p-2", "P-2"].contains(n))
                && named(&sites).iter().all(|s| ["S1", "S2"].contains(s));
            prop_assert_eq!(check_assignments(&projects, &sites, &known).is_ok(), all_known);
        }

        /// Any value is echoed without control characters and without panicking.
        #[test]
        fn echo_never_panics(value in any::<String>()) {
            let shown = echo(&value);
            prop_assert!(!shown.chars().any(char::is_control));
        }
    }
}
