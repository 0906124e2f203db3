//! Plant and equipment in the schema: the register with where each item is, its meter
//! and when its service is due; checking items out to a project and back in (the
//! project charged the internal hire rate per day); meter readings and services; and
//! utilisation per project.

use async_graphql::{Context, Enum, InputObject, Object, SimpleObject, ID};
use chrono::NaiveDate;
use constructos_commands::inventory::{
    CheckInEquipmentInput, CheckOutEquipmentInput, RecordMeterInput, RecordServiceInput,
    RegisterEquipmentInput,
};
use constructos_domain::inventory as domain;
use constructos_projections::inventory::{EquipmentRow, HireRow};
use constructos_services::inventory::{EquipmentRegister, EquipmentUtilisation};

use crate::graphql::errors::{ask, request_id};
use crate::graphql::finance::Decimal;
use crate::graphql::rand::Rand;

/// Whether the company owns the item or hires it in.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::Ownership")]
pub enum Ownership {
    Owned,
    HiredIn,
}

/// What an item's meter counts.
#[derive(Enum, Copy, Clone, Eq, PartialEq)]
#[graphql(remote = "domain::MeterKind")]
pub enum MeterKind {
    Hours,
    Kilometres,
}

/// An item of plant for the register.
#[derive(InputObject)]
pub struct RegisterEquipment {
    code: String,
    description: String,
    /// Excavator, TLB, scaffolding, generator…
    category: String,
    serial_number: String,
    ownership: Ownership,
    meter: MeterKind,
    /// Rand per day charged to the project it is out on.
    daily_rate: Rand,
    /// A service every this many hours (or km) since the last.
    service_every: Option<Decimal>,
    /// …and/or every this many days.
    service_every_days: Option<u32>,
    registered_on: NaiveDate,
    /// The meter when registered (nought if absent).
    meter_reading: Option<Decimal>,
}

/// An item of the register.
#[derive(SimpleObject)]
pub struct EquipmentItem {
    code: String,
    description: String,
    category: String,
    serial_number: String,
    /// OWNED or HIRED_IN.
    ownership: String,
    /// HOURS or KILOMETRES.
    meter_kind: String,
    daily_rate: Rand,
    meter: Decimal,
    meter_read_on: NaiveDate,
    /// The project it is out on; null in the yard.
    project_id: Option<ID>,
    out_since: Option<NaiveDate>,
    last_service_on: NaiveDate,
    service_due_meter: Option<Decimal>,
    service_due_on: Option<NaiveDate>,
    service_overdue: bool,
}

impl From<EquipmentRow> for EquipmentItem {
    fn from(r: EquipmentRow) -> Self {
        Self {
            code: r.code,
            description: r.description,
            category: r.category,
            serial_number: r.serial_number,
            ownership: r.ownership,
            meter_kind: r.meter_kind,
            daily_rate: Rand(r.daily_rate),
            meter: Decimal(r.meter),
            meter_read_on: r.meter_read_on,
            project_id: r.project_id.map(ID),
            out_since: r.out_since,
            last_service_on: r.last_service_on,
            service_due_meter: r.service_due_meter.map(Decimal),
            service_due_on: r.service_due_on,
            service_overdue: r.service_overdue,
        }
    }
}

/// What an item cost a project.
#[derive(SimpleObject)]
pub struct EquipmentHire {
    code: String,
    project_id: ID,
    /// Times it went out and came back.
    spells: i64,
    days: i64,
    charge: Rand,
}

impl From<HireRow> for EquipmentHire {
    fn from(r: HireRow) -> Self {
        Self {
            code: r.code,
            project_id: ID(r.project_id),
            spells: r.spells,
            days: r.days,
            charge: Rand(r.charge),
        }
    }
}

/// An equipment command was accepted.
#[derive(SimpleObject)]
pub struct EquipmentChanged {
    /// The item's code.
    code: String,
    correlation_id: String,
}

fn changed(ctx: &Context<'_>, code: String) -> EquipmentChanged {
    EquipmentChanged {
        code,
        correlation_id: request_id(ctx),
    }
}

#[derive(Default)]
pub struct EquipmentQuery;

#[Object]
impl EquipmentQuery {
    /// The equipment register by code (at most 500): optionally only what is out on a
    /// project, or only what is overdue for service today.
    async fn equipment(
        &self,
        ctx: &Context<'_>,
        project_id: Option<ID>,
        #[graphql(default)] overdue_only: bool,
    ) -> async_graphql::Result<Vec<EquipmentItem>> {
        let op = EquipmentRegister {
            project_id: project_id.map(|id| id.0),
            overdue_only,
        };
        Ok(ask(ctx, op)
            .await?
            .into_iter()
            .map(EquipmentItem::from)
            .collect())
    }

    /// What each item cost each project (or one project): spells out, days, charges.
    async fn equipment_utilisation(
        &self,
        ctx: &Context<'_>,
        project_id: Option<ID>,
    ) -> async_graphql::Result<Vec<EquipmentHire>> {
        let op = EquipmentUtilisation {
            project_id: project_id.map(|id| id.0),
        };
        Ok(ask(ctx, op)
            .await?
            .into_iter()
            .map(EquipmentHire::from)
            .collect())
    }
}

#[derive(Default)]
pub struct EquipmentMutation;

#[Object]
impl EquipmentMutation {
    /// Adds an item of plant to the register.
    async fn register_equipment(
        &self,
        ctx: &Context<'_>,
        input: RegisterEquipment,
    ) -> async_graphql::Result<EquipmentChanged> {
        let input = RegisterEquipmentInput {
            code: input.code,
            description: input.description,
            category: input.category,
            serial_number: input.serial_number,
            ownership: input.ownership.into(),
            meter: input.meter.into(),
            daily_rate: input.daily_rate.0,
            service_every: input.service_every.map(|d| d.0),
            service_every_days: input.service_every_days,
            registered_on: input.registered_on,
            meter_reading: input.meter_reading.map(|d| d.0).unwrap_or_default(),
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Checks an item out to a project's site (the project by id or code).
    async fn check_out_equipment(
        &self,
        ctx: &Context<'_>,
        code: String,
        project_id: ID,
        on: NaiveDate,
    ) -> async_graphql::Result<EquipmentChanged> {
        let input = CheckOutEquipmentInput {
            code,
            project_id: project_id.0,
            on,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Checks an item back in: its project is charged the daily rate for every day it
    /// was out, first and last included (posted to the project's plant cost).
    async fn check_in_equipment(
        &self,
        ctx: &Context<'_>,
        code: String,
        on: NaiveDate,
        meter: Option<Decimal>,
    ) -> async_graphql::Result<EquipmentChanged> {
        let input = CheckInEquipmentInput {
            code,
            on,
            meter: meter.map(|d| d.0),
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Records a meter reading (never below the last).
    async fn record_meter_reading(
        &self,
        ctx: &Context<'_>,
        code: String,
        reading: Decimal,
        on: NaiveDate,
    ) -> async_graphql::Result<EquipmentChanged> {
        let input = RecordMeterInput {
            code,
            reading: reading.0,
            on,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }

    /// Records a service: the next one falls due from here.
    async fn record_equipment_service(
        &self,
        ctx: &Context<'_>,
        code: String,
        on: NaiveDate,
        meter: Option<Decimal>,
        note: String,
    ) -> async_graphql::Result<EquipmentChanged> {
        let input = RecordServiceInput {
            code,
            on,
            meter: meter.map(|d| d.0),
            note,
        };
        Ok(changed(ctx, ask(ctx, input).await?))
    }
}
