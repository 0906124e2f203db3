//! The inputs of the equipment register: registering plant, checking it out to a
//! project and back in, meter readings and services.

use chrono::NaiveDate;
use constructos_domain::inventory::{equipment_id, EquipmentDetails, MeterKind, Ownership};
use constructos_domain::values::{Code, Name, Reason, Title, ValueError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An item of plant for the register.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RegisterEquipmentInput {
    pub code: String,
    pub description: String,
    pub category: String,
    pub serial_number: String,
    pub ownership: Ownership,
    pub meter: MeterKind,
    /// Rand per day charged to the project it is out on.
    pub daily_rate: Decimal,
    pub service_every: Option<Decimal>,
    pub service_every_days: Option<u32>,
    pub registered_on: NaiveDate,
    #[serde(default)]
    pub meter_reading: Decimal,
}

impl RegisterEquipmentInput {
    pub(super) fn details(self) -> Result<(String, EquipmentDetails), ValueError> {
        let code = Code::parse("code", &self.code)?.into_string();
        Ok((
            equipment_id(&code).to_string(),
            EquipmentDetails {
                code,
                description: Name::parse("description", &self.description)?.into_string(),
                category: Title::parse("category", &self.category)?.into_string(),
                serial_number: Code::parse("serialNumber", &self.serial_number)?.into_string(),
                ownership: self.ownership,
                meter: self.meter,
                daily_rate: self.daily_rate,
                service_every: self.service_every,
                service_every_days: self.service_every_days,
                registered_on: self.registered_on,
                meter_reading: self.meter_reading,
            },
        ))
    }
}

/// An item of plant going out to a project's site.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckOutEquipmentInput {
    pub code: String,
    /// The project's id or code.
    pub project_id: String,
    pub on: NaiveDate,
}

/// An item of plant back in the yard, with its meter when read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CheckInEquipmentInput {
    pub code: String,
    pub on: NaiveDate,
    pub meter: Option<Decimal>,
}

/// A meter reading.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordMeterInput {
    pub code: String,
    pub reading: Decimal,
    pub on: NaiveDate,
}

/// A service done.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordServiceInput {
    pub code: String,
    pub on: NaiveDate,
    pub meter: Option<Decimal>,
    pub note: String,
}

impl RecordServiceInput {
    pub(super) fn note(&self) -> Result<String, ValueError> {
        Ok(Reason::parse("note", &self.note)?.into_string())
    }
}

/// The stream of the equipment `code`, and the code normalised.
pub(super) fn stream_of(code: &str) -> Result<(String, String), ValueError> {
    let code = Code::parse("code", code)?.into_string();
    Ok((equipment_id(&code).to_string(), code))
}
