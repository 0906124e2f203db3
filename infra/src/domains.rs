//! The eight business domains and the names of what each one owns.

use std::fmt;
use std::str::FromStr;

/// One of the eight domains of ConstructOS; each owns a database and a topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Domain {
    Identity,
    Sales,
    Finance,
    Inventory,
    Hr,
    Compliance,
    Orders,
    Documents,
}

impl Domain {
    /// All domains, in the order the blueprint lists them.
    pub const ALL: [Domain; 8] = [
        Domain::Identity,
        Domain::Sales,
        Domain::Finance,
        Domain::Inventory,
        Domain::Hr,
        Domain::Compliance,
        Domain::Orders,
        Domain::Documents,
    ];

    /// The short lower-case name, used in database, topic and CLI names.
    pub fn name(self) -> &'static str {
        match self {
            Domain::Identity => "identity",
            Domain::Sales => "sales",
            Domain::Finance => "finance",
            Domain::Inventory => "inventory",
            Domain::Hr => "hr",
            Domain::Compliance => "compliance",
            Domain::Orders => "orders",
            Domain::Documents => "documents",
        }
    }

    /// The Kafka topic this domain's events are published on (before any namespace).
    pub fn topic(self) -> String {
        format!("constructos.{}.events", self.name())
    }

    /// The Kafka topic where this domain's projections put the messages they can never
    /// apply (before any namespace).
    pub fn dead_letter_topic(self) -> String {
        format!("constructos.{}.dead-letter", self.name())
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Domain {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Domain::ALL
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Domain::ALL.iter().map(|d| d.name()).collect();
                format!(
                    "unknown domain '{s}' (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}
