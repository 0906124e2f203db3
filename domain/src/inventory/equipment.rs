//! The equipment aggregate: one item of plant in the asset register — an excavator, a
//! TLB, a scaffold set, a generator — owned or hired in, checked out to a project's site
//! and back, with its hour meter (or odometer) and its service plan (every so many hours
//! or kilometres, and/or every so many days). Checking it in charges the project the
//! internal hire rate for each calendar day it was out (first and last day included),
//! which finance posts to the project's plant cost.

use chrono::NaiveDate;
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{round_cents, InventoryError};

/// The aggregate type of equipment in the event store.
pub const EQUIPMENT_AGGREGATE: &str = "inventory.equipment";

/// The stream id of the equipment with `code` (a normalised asset code).
pub fn equipment_id(code: &str) -> uuid::Uuid {
    const NAMESPACE: uuid::Uuid = uuid::Uuid::from_u128(0x7e3a_0c91_5b24_4d6f_92a1_e0c8_3b57_f4d2);
    uuid::Uuid::new_v5(&NAMESPACE, code.as_bytes())
}

/// Whether the company owns the item or hires it in from a plant-hire firm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Ownership {
    Owned,
    HiredIn,
}

/// What the item's meter counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MeterKind {
    Hours,
    Kilometres,
}

/// The register's entry for an item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquipmentDetails {
    pub code: String,
    pub description: String,
    /// Excavator, TLB, scaffolding, generator…
    pub category: String,
    pub serial_number: String,
    pub ownership: Ownership,
    pub meter: MeterKind,
    /// Rand per day charged to the project it is out on.
    pub daily_rate: Decimal,
    /// A service is due every this many meter units since the last one.
    pub service_every: Option<Decimal>,
    /// …and/or every this many days since the last one.
    pub service_every_days: Option<u32>,
    pub registered_on: NaiveDate,
    /// The meter reading when registered.
    pub meter_reading: Decimal,
}

/// What can be asked of an item of equipment.
#[derive(Debug, Clone, PartialEq)]
pub enum EquipmentCommand {
    RegisterEquipment(EquipmentDetails),
    CheckOut {
        project_id: String,
        on: NaiveDate,
    },
    CheckIn {
        on: NaiveDate,
        meter: Option<Decimal>,
    },
    RecordMeter {
        reading: Decimal,
        on: NaiveDate,
    },
    RecordService {
        on: NaiveDate,
        meter: Option<Decimal>,
        note: String,
    },
}

/// Events of an item of equipment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum EquipmentEvent {
    EquipmentRegistered(EquipmentDetails),
    EquipmentCheckedOut {
        project_id: String,
        on: NaiveDate,
    },
    /// Back in the yard; `charge` is `days` × the daily rate, to the project.
    EquipmentCheckedIn {
        project_id: String,
        on: NaiveDate,
        days: u32,
        daily_rate: Decimal,
        charge: Decimal,
    },
    MeterRead {
        reading: Decimal,
        on: NaiveDate,
    },
    EquipmentServiced {
        on: NaiveDate,
        meter: Decimal,
        note: String,
    },
}

impl DomainEvent for EquipmentEvent {
    fn event_type(&self) -> String {
        match self {
            EquipmentEvent::EquipmentRegistered(_) => "EquipmentRegistered",
            EquipmentEvent::EquipmentCheckedOut { .. } => "EquipmentCheckedOut",
            EquipmentEvent::EquipmentCheckedIn { .. } => "EquipmentCheckedIn",
            EquipmentEvent::MeterRead { .. } => "MeterRead",
            EquipmentEvent::EquipmentServiced { .. } => "EquipmentServiced",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// The state of one item.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Equipment {
    details: Option<EquipmentDetails>,
    out: Option<(String, NaiveDate)>,
    meter: Decimal,
    last_reading_on: Option<NaiveDate>,
}

impl Equipment {
    fn registered(&self) -> Result<&EquipmentDetails, InventoryError> {
        self.details
            .as_ref()
            .ok_or(InventoryError::EquipmentNotFound)
    }

    fn reading(&self, reading: Decimal, on: NaiveDate) -> Result<Decimal, InventoryError> {
        let reading = reading.normalize();
        if reading.is_sign_negative() || reading.scale() > 1 {
            return Err(InventoryError::InvalidMeter(reading));
        }
        if reading < self.meter {
            return Err(InventoryError::MeterBackwards {
                reading,
                last: self.meter,
            });
        }
        if self.last_reading_on.is_some_and(|last| on < last) {
            return Err(InventoryError::DateBeforeLastReading(on));
        }
        Ok(reading)
    }

    fn decide(&self, command: EquipmentCommand) -> Result<Vec<EquipmentEvent>, InventoryError> {
        match command {
            EquipmentCommand::RegisterEquipment(details) => {
                if self.details.is_some() {
                    return Err(InventoryError::EquipmentExists(details.code));
                }
                let rate = details.daily_rate.normalize();
                if rate.is_sign_negative() || rate.scale() > 2 {
                    return Err(InventoryError::InvalidPrice(
                        "dailyRate",
                        details.daily_rate,
                    ));
                }
                if details.service_every.is_some_and(|e| e <= Decimal::ZERO)
                    || details.service_every_days == Some(0)
                {
                    return Err(InventoryError::InvalidServicePlan);
                }
                self.reading(details.meter_reading, details.registered_on)?;
                Ok(vec![EquipmentEvent::EquipmentRegistered(details)])
            }
            EquipmentCommand::CheckOut { project_id, on } => {
                let details = self.registered()?;
                if let Some((project, _)) = &self.out {
                    return Err(InventoryError::EquipmentOut(
                        details.code.clone(),
                        project.clone(),
                    ));
                }
                Ok(vec![EquipmentEvent::EquipmentCheckedOut { project_id, on }])
            }
            EquipmentCommand::CheckIn { on, meter } => {
                let details = self.registered()?;
                let Some((project_id, since)) = &self.out else {
                    return Err(InventoryError::EquipmentInYard(details.code.clone()));
                };
                if on < *since {
                    return Err(InventoryError::CheckInBeforeCheckOut(*since));
                }
                let days = u32::try_from((on - *since).num_days() + 1).unwrap_or(u32::MAX);
                let mut events = Vec::new();
                if let Some(reading) = meter {
                    let reading = self.reading(reading, on)?;
                    events.push(EquipmentEvent::MeterRead { reading, on });
                }
                events.push(EquipmentEvent::EquipmentCheckedIn {
                    project_id: project_id.clone(),
                    on,
                    days,
                    daily_rate: details.daily_rate,
                    charge: round_cents(details.daily_rate * Decimal::from(days)),
                });
                Ok(events)
            }
            EquipmentCommand::RecordMeter { reading, on } => {
                self.registered()?;
                let reading = self.reading(reading, on)?;
                Ok(vec![EquipmentEvent::MeterRead { reading, on }])
            }
            EquipmentCommand::RecordService { on, meter, note } => {
                self.registered()?;
                let meter = match meter {
                    Some(reading) => self.reading(reading, on)?,
                    None => self.meter,
                };
                Ok(vec![EquipmentEvent::EquipmentServiced { on, meter, note }])
            }
        }
    }
}

impl Aggregate for Equipment {
    const TYPE: &'static str = EQUIPMENT_AGGREGATE;
    type Command = EquipmentCommand;
    type Event = EquipmentEvent;
    type Error = InventoryError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        for event in self.decide(command)? {
            sink.write(event, self).await;
        }
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            EquipmentEvent::EquipmentRegistered(details) => {
                self.meter = details.meter_reading;
                self.last_reading_on = Some(details.registered_on);
                self.details = Some(details);
            }
            EquipmentEvent::EquipmentCheckedOut { project_id, on } => {
                self.out = Some((project_id, on))
            }
            EquipmentEvent::EquipmentCheckedIn { .. } => self.out = None,
            EquipmentEvent::MeterRead { reading, on }
            | EquipmentEvent::EquipmentServiced {
                meter: reading, on, ..
            } => {
                self.meter = reading;
                self.last_reading_on = Some(on);
            }
        }
    }
}

impl crate::stored::Stored for Equipment {}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("a date")
    }

    fn tlb() -> EquipmentDetails {
        EquipmentDetails {
            code: "TLB-01".into(),
            description: "CAT 428 backhoe loader".into(),
            category: "TLB".into(),
            serial_number: "CAT0428FXYZ".into(),
            ownership: Ownership::Owned,
            meter: MeterKind::Hours,
            daily_rate: dec!(1850.00),
            service_every: Some(dec!(250)),
            service_every_days: Some(90),
            registered_on: day(1),
            meter_reading: dec!(1200),
        }
    }

    fn run(
        item: &mut Equipment,
        command: EquipmentCommand,
    ) -> Result<Vec<EquipmentEvent>, InventoryError> {
        let events = item.decide(command)?;
        for event in &events {
            item.apply(event.clone());
        }
        Ok(events)
    }

    #[test]
    fn a_check_in_charges_every_day_out_and_the_meter_never_runs_back() {
        let mut item = Equipment::default();
        assert_eq!(
            run(
                &mut item,
                EquipmentCommand::CheckOut {
                    project_id: "p".into(),
                    on: day(2)
                }
            ),
            Err(InventoryError::EquipmentNotFound)
        );
        run(&mut item, EquipmentCommand::RegisterEquipment(tlb())).expect("registered");
        run(
            &mut item,
            EquipmentCommand::CheckOut {
                project_id: "p".into(),
                on: day(3),
            },
        )
        .expect("out");
        assert!(matches!(
            run(
                &mut item,
                EquipmentCommand::CheckOut {
                    project_id: "q".into(),
                    on: day(4)
                }
            ),
            Err(InventoryError::EquipmentOut(_, _))
        ));
        assert_eq!(
            run(
                &mut item,
                EquipmentCommand::CheckIn {
                    on: day(2),
                    meter: None
                }
            ),
            Err(InventoryError::CheckInBeforeCheckOut(day(3)))
        );
        assert!(matches!(
            run(
                &mut item,
                EquipmentCommand::CheckIn {
                    on: day(9),
                    meter: Some(dec!(1100))
                }
            ),
            Err(InventoryError::MeterBackwards { .. })
        ));
        let back = run(
            &mut item,
            EquipmentCommand::CheckIn {
                on: day(9),
                meter: Some(dec!(1262.5)),
            },
        )
        .expect("in");
        assert_eq!(
            back.last(),
            Some(&EquipmentEvent::EquipmentCheckedIn {
                project_id: "p".into(),
                on: day(9),
                days: 7,
                daily_rate: dec!(1850.00),
                charge: dec!(12950.00),
            })
        );
        assert!(matches!(
            run(
                &mut item,
                EquipmentCommand::CheckIn {
                    on: day(10),
                    meter: None
                }
            ),
            Err(InventoryError::EquipmentInYard(_))
        ));
        assert_eq!(
            run(
                &mut item,
                EquipmentCommand::RecordMeter {
                    reading: dec!(1300),
                    on: day(8)
                }
            ),
            Err(InventoryError::DateBeforeLastReading(day(8)))
        );
    }
}
