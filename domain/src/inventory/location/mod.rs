//! The location aggregate: a warehouse or a project's site store that holds stock. Its
//! one rule the stock positions depend on is whether stock may go below zero there; a
//! stock movement reads the location's stream and commits only if it has not moved
//! since (so a location closed, or its rule changed, mid-movement makes it decide again).

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

use super::InventoryError;

/// The aggregate type of locations in the event store.
pub const LOCATION_AGGREGATE: &str = "inventory.location";

/// The stream id of the location with `code` (a normalised location code).
pub fn location_id(code: &str) -> uuid::Uuid {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x2b8e_51c4_07a3_4f6d_9e12_c4a7_58d0_3f61);
    uuid::Uuid::new_v5(&NAMESPACE, code.as_bytes())
}

/// What kind of store a location is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LocationKind {
    /// A company store, not tied to a project.
    Warehouse,
    /// The store on a project's site; it belongs to that project.
    SiteStore,
}

impl LocationKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            LocationKind::Warehouse => "WAREHOUSE",
            LocationKind::SiteStore => "SITE_STORE",
        }
    }
}

/// What can be asked of a location.
#[derive(Debug, Clone, PartialEq)]
pub enum LocationCommand {
    /// Opens a location; a site store names its project, a warehouse none.
    OpenLocation {
        code: String,
        name: String,
        kind: LocationKind,
        project_id: Option<String>,
        allow_negative: bool,
    },
    /// Whether stock may go below zero here (a site store issuing before the paperwork
    /// of a delivery has caught up, say).
    SetNegativeStock { allowed: bool },
    /// Closes the location: no movement is accepted any more.
    CloseLocation { reason: String },
}

/// Events of a location.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LocationEvent {
    LocationOpened {
        code: String,
        name: String,
        kind: LocationKind,
        project_id: Option<String>,
        allow_negative: bool,
    },
    NegativeStockPolicySet {
        allowed: bool,
    },
    LocationClosed {
        reason: String,
    },
}

impl DomainEvent for LocationEvent {
    fn event_type(&self) -> String {
        match self {
            LocationEvent::LocationOpened { .. } => "LocationOpened",
            LocationEvent::NegativeStockPolicySet { .. } => "NegativeStockPolicySet",
            LocationEvent::LocationClosed { .. } => "LocationClosed",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The state of one location.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    code: Option<String>,
    kind: Option<LocationKind>,
    project_id: Option<String>,
    allow_negative: bool,
    closed: bool,
}

impl Location {
    /// Whether the location has been opened.
    pub fn is_open(&self) -> bool {
        self.code.is_some() && !self.closed
    }

    /// Whether stock may go below zero here.
    pub fn allows_negative(&self) -> bool {
        self.allow_negative
    }

    /// The project a site store belongs to.
    pub fn project_id(&self) -> Option<&str> {
        self.project_id.as_deref()
    }

    /// The kind of store, once opened.
    pub fn kind(&self) -> Option<LocationKind> {
        self.kind
    }

    /// Refuses a movement at `code` unless the location is open.
    pub fn accepts_movements(&self, code: &str) -> Result<(), InventoryError> {
        match (&self.code, self.closed) {
            (None, _) => Err(InventoryError::LocationNotFound(code.to_string())),
            (Some(_), true) => Err(InventoryError::LocationClosed(code.to_string())),
            (Some(_), false) => Ok(()),
        }
    }

    fn decide(&self, command: LocationCommand) -> Result<Option<LocationEvent>, InventoryError> {
        match command {
            LocationCommand::OpenLocation {
                code,
                name,
                kind,
                project_id,
                allow_negative,
            } => {
                if let Some(existing) = &self.code {
                    return Err(InventoryError::LocationExists(existing.clone()));
                }
                match (kind, &project_id) {
                    (LocationKind::SiteStore, None) => Err(InventoryError::SiteStoreNeedsProject),
                    (LocationKind::Warehouse, Some(_)) => {
                        Err(InventoryError::WarehouseHasNoProject)
                    }
                    _ => Ok(Some(LocationEvent::LocationOpened {
                        code,
                        name,
                        kind,
                        project_id,
                        allow_negative,
                    })),
                }
            }
            LocationCommand::SetNegativeStock { allowed } => {
                self.check_open()?;
                Ok((allowed != self.allow_negative)
                    .then_some(LocationEvent::NegativeStockPolicySet { allowed }))
            }
            LocationCommand::CloseLocation { reason } => {
                self.check_open()?;
                Ok(Some(LocationEvent::LocationClosed { reason }))
            }
        }
    }

    fn check_open(&self) -> Result<(), InventoryError> {
        let code = self.code.clone().unwrap_or_default();
        self.accepts_movements(&code)
    }
}

impl Aggregate for Location {
    const TYPE: &'static str = LOCATION_AGGREGATE;
    type Command = LocationCommand;
    type Event = LocationEvent;
    type Error = InventoryError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        if let Some(event) = self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            LocationEvent::LocationOpened {
                code,
                kind,
                project_id,
                allow_negative,
                ..
            } => {
                self.code = Some(code);
                self.kind = Some(kind);
                self.project_id = project_id;
                self.allow_negative = allow_negative;
            }
            LocationEvent::NegativeStockPolicySet { allowed } => self.allow_negative = allowed,
            LocationEvent::LocationClosed { .. } => self.closed = true,
        }
    }
}

impl crate::stored::Stored for Location {}

#[cfg(test)]
mod tests;
