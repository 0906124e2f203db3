//! A project's life cycle, from tender to close-out.

use serde::{Deserialize, Serialize};

/// Where a project stands. Closed and cancelled are final.
///
/// Projects opened before this life cycle were `PLANNED`, `ACTIVE` or `COMPLETED`; those
/// names still read as awarded, in progress and closed, so stored events keep their
/// meaning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProjectStatus {
    /// Priced and submitted; not yet won.
    Tender,
    /// Won: the contract is signed, work has not started.
    #[default]
    #[serde(alias = "PLANNED")]
    Awarded,
    /// On site.
    #[serde(alias = "ACTIVE")]
    InProgress,
    OnHold,
    /// The works are complete enough to use; the defects liability period runs.
    PracticalCompletion,
    /// Defects made good; the final account is settled.
    FinalCompletion,
    /// Nothing more happens on it.
    #[serde(alias = "COMPLETED")]
    Closed,
    Cancelled,
}

impl ProjectStatus {
    /// Every status, in life-cycle order.
    pub const ALL: [ProjectStatus; 8] = [
        ProjectStatus::Tender,
        ProjectStatus::Awarded,
        ProjectStatus::InProgress,
        ProjectStatus::OnHold,
        ProjectStatus::PracticalCompletion,
        ProjectStatus::FinalCompletion,
        ProjectStatus::Closed,
        ProjectStatus::Cancelled,
    ];

    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Tender => "TENDER",
            ProjectStatus::Awarded => "AWARDED",
            ProjectStatus::InProgress => "IN_PROGRESS",
            ProjectStatus::OnHold => "ON_HOLD",
            ProjectStatus::PracticalCompletion => "PRACTICAL_COMPLETION",
            ProjectStatus::FinalCompletion => "FINAL_COMPLETION",
            ProjectStatus::Closed => "CLOSED",
            ProjectStatus::Cancelled => "CANCELLED",
        }
    }

    /// Parses a wire name.
    pub fn parse(name: &str) -> Option<ProjectStatus> {
        ProjectStatus::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// Whether new sales and purchase orders may be raised on a project in this status:
    /// not once it is closed or cancelled (its books are final). Orders already raised
    /// may still be shipped, received and closed.
    pub fn takes_orders(self) -> bool {
        !matches!(self, ProjectStatus::Closed | ProjectStatus::Cancelled)
    }

    /// Whether a project may move from `self` to `to`: forward along the life cycle one
    /// step at a time, on hold and back while work is open, cancelled before practical
    /// completion.
    pub fn may_become(self, to: ProjectStatus) -> bool {
        use ProjectStatus::*;
        matches!(
            (self, to),
            (Tender, Awarded)
                | (Tender | Awarded | InProgress | OnHold, Cancelled)
                | (Awarded, InProgress)
                | (Awarded | InProgress, OnHold)
                | (OnHold, InProgress)
                | (InProgress, PracticalCompletion)
                | (PracticalCompletion, FinalCompletion)
                | (FinalCompletion, Closed)
        )
    }

    /// Whether progress can be claimed: once awarded and until the final account.
    pub fn accepts_claims(self) -> bool {
        matches!(
            self,
            ProjectStatus::Awarded | ProjectStatus::InProgress | ProjectStatus::PracticalCompletion
        )
    }

    /// Whether the contract and its bill of quantities may still be set: before work.
    pub fn contract_open(self) -> bool {
        matches!(self, ProjectStatus::Tender | ProjectStatus::Awarded)
    }

    /// Whether retention held may be released: from practical completion on.
    pub fn releases_retention(self) -> bool {
        matches!(
            self,
            ProjectStatus::PracticalCompletion
                | ProjectStatus::FinalCompletion
                | ProjectStatus::Closed
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_a_closed_or_cancelled_project_refuses_new_orders() {
        use super::ProjectStatus::*;
        let refusing: Vec<_> = super::ProjectStatus::ALL
            .into_iter()
            .filter(|s| !s.takes_orders())
            .collect();
        assert_eq!(refusing, vec![Closed, Cancelled]);
    }

    use super::*;

    #[test]
    fn the_old_names_read_as_the_new_life_cycle() {
        for (old, new) in [
            ("PLANNED", ProjectStatus::Awarded),
            ("ACTIVE", ProjectStatus::InProgress),
            ("COMPLETED", ProjectStatus::Closed),
            ("ON_HOLD", ProjectStatus::OnHold),
            ("CANCELLED", ProjectStatus::Cancelled),
        ] {
            let read: ProjectStatus =
                serde_json::from_value(serde_json::json!(old)).expect("old name");
            assert_eq!(read, new);
        }
    }

    #[test]
    fn every_name_round_trips() {
        for status in ProjectStatus::ALL {
            assert_eq!(ProjectStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_value(status).expect("json");
            assert_eq!(json, serde_json::json!(status.as_str()));
        }
    }

    #[test]
    fn closed_and_cancelled_are_final() {
        for to in ProjectStatus::ALL {
            assert!(!ProjectStatus::Closed.may_become(to));
            assert!(!ProjectStatus::Cancelled.may_become(to));
        }
    }
}
