//! The inventory command service: permission check, values parsed, then the aggregate
//! decides. Catalogue commands (products, locations) run through cqrs-es' framework;
//! stock movements and transfers through [`super::movement`], which reads the location
//! and product they depend on and writes as one unit of work. Two issues of the last
//! units meet at the position's optimistic check; the loser re-decides against the
//! winner's state and is refused.

use std::sync::Arc;

use constructos_domain::access::Permission;
use constructos_domain::inventory::{
    location_id, product_id, CountCommand, Equipment, EquipmentCommand, InventoryError, Location,
    LocationCommand, Product, StockChange, StockCount,
};
use constructos_domain::stored::Stored;
use constructos_domain::values::ValueError;
use constructos_infra::event_store::Store;
use cqrs_es::AggregateError;
use sqlx::PgPool;

use super::catalogue::AtStream;
use super::equipment::stream_of;
use super::inputs::AtPosition;
use super::movement::Movements;
use super::projects::project_id as project_id_of;
use super::{
    AdjustStockInput, CheckInEquipmentInput, CheckOutEquipmentInput, CloseLocationInput,
    DefineProductInput, DiscontinueProductInput, IssueStockInput, OpenCountInput,
    OpenLocationInput, PostCountInput, ReceiveStockInput, ReceiveTransferInput, RecordCountInput,
    RecordMeterInput, RecordServiceInput, RegisterEquipmentInput, ReleaseReservationInput,
    ReserveStockInput, ReviseProductInput, SetNegativeStockInput, TransferStockInput,
};
use crate::execute::{execute, execute_new, Aggregates};
use crate::{CommandContext, CommandError};

/// Executes inventory commands against the inventory event store.
#[derive(Clone)]
pub struct InventoryCommands {
    pool: PgPool,
    products: Arc<Aggregates<Product>>,
    locations: Arc<Aggregates<Location>>,
    counts: Arc<Aggregates<StockCount>>,
    equipment: Arc<Aggregates<Equipment>>,
    movements: Movements,
}

impl InventoryCommands {
    /// Command handling over the inventory database.
    pub fn new(pool: PgPool) -> Self {
        let store = Store::new(pool.clone());
        Self {
            pool,
            products: Arc::new(Aggregates::new(&store, ())),
            locations: Arc::new(Aggregates::new(&store, ())),
            counts: Arc::new(Aggregates::new(&store, ())),
            equipment: Arc::new(Aggregates::new(&store, ())),
            movements: Movements::new(store),
        }
    }

    /// Executes an issue at its position, the project it names resolved by id or code
    /// (inventory's copy of orders' projects) first.
    async fn issue_at(
        &self,
        ctx: &CommandContext,
        mut position: AtPosition,
    ) -> Result<String, CommandError> {
        if let StockChange::IssueStock { project_id, .. } = &mut position.command.change {
            *project_id = project_id_of(&self.pool, "projectId", project_id).await?;
        }
        self.at(ctx, Ok(position)).await
    }

    /// Executes at a position; the caller has checked `inventory.stock.write`.
    async fn at(
        &self,
        ctx: &CommandContext,
        position: Result<AtPosition, ValueError>,
    ) -> Result<String, CommandError> {
        let position = position?;
        self.movements.at_position(ctx, &position).await?;
        Ok(position.id)
    }

    /// Receives goods; answers the stock position's id.
    pub async fn receive(
        &self,
        ctx: &CommandContext,
        input: ReceiveStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.at(ctx, input.command()).await
    }

    /// Issues goods to a project's cost code; answers the stock position's id.
    pub async fn issue(
        &self,
        ctx: &CommandContext,
        input: IssueStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.issue_at(ctx, input.command()?).await
    }

    /// Reserves goods; answers the reservation's id.
    pub async fn reserve(
        &self,
        ctx: &CommandContext,
        input: ReserveStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (position, reservation) = input.command()?;
        self.at(ctx, Ok(position)).await?;
        Ok(reservation.to_string())
    }

    /// Receives goods another domain's event `source` brought (e.g. `receipt:<id>:1`
    /// for a goods received note's line): at most once, however often the event comes.
    pub async fn receive_caused_by(
        &self,
        ctx: &CommandContext,
        input: ReceiveStockInput,
        source: String,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.at(ctx, input.command().map(|p| p.caused_by(source)))
            .await
    }

    /// Issues goods another domain's event `source` sent out (e.g. `shipment:<id>`):
    /// at most once, however often the event comes.
    pub async fn issue_caused_by(
        &self,
        ctx: &CommandContext,
        input: IssueStockInput,
        source: String,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.issue_at(ctx, input.command()?.caused_by(source)).await
    }

    /// Reserves goods under a reservation id the caller derived (e.g. from a sales
    /// order and a SKU), so that a repeated request is refused as
    /// [`InventoryError::ReservationExists`] instead of holding the goods twice.
    pub async fn reserve_as(
        &self,
        ctx: &CommandContext,
        input: ReserveStockInput,
        reservation: uuid::Uuid,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (position, reservation) = input.command_as(reservation)?;
        self.at(ctx, Ok(position)).await?;
        Ok(reservation.to_string())
    }

    /// Lets a reservation go; answers the stock position's id.
    pub async fn release(
        &self,
        ctx: &CommandContext,
        input: ReleaseReservationInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.at(ctx, input.command()).await
    }

    /// Adjusts the quantity on hand; answers the stock position's id.
    pub async fn adjust(
        &self,
        ctx: &CommandContext,
        input: AdjustStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        self.at(ctx, input.command()).await
    }

    /// Sends goods to another location; answers the transfer's id.
    pub async fn transfer(
        &self,
        ctx: &CommandContext,
        input: TransferStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let dispatch = input.dispatch()?;
        self.movements.dispatch(ctx, &dispatch).await?;
        Ok(dispatch.transfer.to_string())
    }

    /// Receives a transfer at its destination; answers the transfer's id.
    pub async fn receive_transfer(
        &self,
        ctx: &CommandContext,
        input: ReceiveTransferInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let transfer = input.transfer()?;
        self.movements.receive_transfer(ctx, transfer).await?;
        Ok(transfer.to_string())
    }

    /// Adds a product to the catalogue; answers its SKU.
    pub async fn define_product(
        &self,
        ctx: &CommandContext,
        input: DefineProductInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::CatalogueWrite)?;
        let sku = input.sku.trim().to_string();
        let AtStream { id, command } = input.command()?;
        execute(&self.products, ctx, &id, command).await?;
        Ok(sku)
    }

    /// Replaces a product's details; answers its SKU.
    pub async fn revise_product(
        &self,
        ctx: &CommandContext,
        input: ReviseProductInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::CatalogueWrite)?;
        let (sku, AtStream { id, command }) = input.command()?;
        self.known_product(&sku, &id).await?;
        execute(&self.products, ctx, &id, command).await?;
        Ok(sku)
    }

    /// Discontinues a product; answers its SKU.
    pub async fn discontinue_product(
        &self,
        ctx: &CommandContext,
        input: DiscontinueProductInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::CatalogueWrite)?;
        let (sku, AtStream { id, command }) = input.command()?;
        self.known_product(&sku, &id).await?;
        execute(&self.products, ctx, &id, command).await?;
        Ok(sku)
    }

    /// Opens a warehouse or site store; answers its code.
    pub async fn open_location(
        &self,
        ctx: &CommandContext,
        input: OpenLocationInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::CatalogueWrite)?;
        let code = input.code.trim().to_string();
        let AtStream { id, mut command } = input.command()?;
        if let LocationCommand::OpenLocation {
            project_id: Some(project),
            ..
        } = &mut command
        {
            *project = project_id_of(&self.pool, "projectId", project).await?;
        }
        execute(&self.locations, ctx, &id, command).await?;
        Ok(code)
    }

    /// Sets whether stock may go below zero at a location; answers its code.
    pub async fn set_negative_stock(
        &self,
        ctx: &CommandContext,
        input: SetNegativeStockInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::CatalogueWrite)?;
        let (code, AtStream { id, command }) = input.command()?;
        self.known_location(&code, &id).await?;
        execute(&self.locations, ctx, &id, command).await?;
        Ok(code)
    }

    /// Closes a location; answers its code.
    pub async fn close_location(
        &self,
        ctx: &CommandContext,
        input: CloseLocationInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::CatalogueWrite)?;
        let (code, AtStream { id, command }) = input.command()?;
        self.known_location(&code, &id).await?;
        execute(&self.locations, ctx, &id, command).await?;
        Ok(code)
    }

    /// Opens a count sheet for a location that takes movements; answers its id.
    pub async fn open_count(
        &self,
        ctx: &CommandContext,
        input: OpenCountInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (location, reference) = input.parsed()?;
        let place = self
            .locations
            .load(&location_id(&location).to_string())
            .await?;
        place
            .aggregate
            .accepts_movements(&location)
            .map_err(|e| CommandError::from(AggregateError::UserError(e)))?;
        let id = uuid::Uuid::now_v7().to_string();
        let command = CountCommand::OpenCount {
            location,
            reference,
        };
        execute_new(&self.counts, ctx, &id, command).await?;
        Ok(id)
    }

    /// Records what was counted of a catalogue product; answers the count's id.
    pub async fn record_count(
        &self,
        ctx: &CommandContext,
        input: RecordCountInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (id, product) = input.parsed()?;
        let known = self
            .products
            .load(&product_id(&product).to_string())
            .await?;
        if known.sequence == 0 {
            return Err(CommandError::from(AggregateError::UserError(
                InventoryError::ProductNotFound(product),
            )));
        }
        let id = id.to_string();
        let command = CountCommand::RecordCount {
            product,
            counted: input.counted,
        };
        execute(&self.counts, ctx, &id, command).await?;
        Ok(id)
    }

    /// Posts a count's variances as adjustments; answers the count's id.
    pub async fn post_count(
        &self,
        ctx: &CommandContext,
        input: PostCountInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let id = input.parsed()?;
        self.movements.post_count(ctx, id).await?;
        Ok(id.to_string())
    }

    /// Adds an item of plant to the register; answers its code.
    pub async fn register_equipment(
        &self,
        ctx: &CommandContext,
        input: RegisterEquipmentInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (id, details) = input.details()?;
        let code = details.code.clone();
        execute(
            &self.equipment,
            ctx,
            &id,
            EquipmentCommand::RegisterEquipment(details),
        )
        .await?;
        Ok(code)
    }

    /// Checks an item out to a project's site; answers its code.
    pub async fn check_out_equipment(
        &self,
        ctx: &CommandContext,
        input: CheckOutEquipmentInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (id, code) = stream_of(&input.code)?;
        let project_id = project_id_of(&self.pool, "projectId", input.project_id.trim()).await?;
        let command = EquipmentCommand::CheckOut {
            project_id,
            on: input.on,
        };
        execute(&self.equipment, ctx, &id, command).await?;
        Ok(code)
    }

    /// Checks an item back in, charging its project the days it was out; answers its code.
    pub async fn check_in_equipment(
        &self,
        ctx: &CommandContext,
        input: CheckInEquipmentInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (id, code) = stream_of(&input.code)?;
        let command = EquipmentCommand::CheckIn {
            on: input.on,
            meter: input.meter,
        };
        execute(&self.equipment, ctx, &id, command).await?;
        Ok(code)
    }

    /// Records a meter reading; answers the item's code.
    pub async fn record_meter(
        &self,
        ctx: &CommandContext,
        input: RecordMeterInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (id, code) = stream_of(&input.code)?;
        let command = EquipmentCommand::RecordMeter {
            reading: input.reading,
            on: input.on,
        };
        execute(&self.equipment, ctx, &id, command).await?;
        Ok(code)
    }

    /// Records a service; answers the item's code.
    pub async fn record_service(
        &self,
        ctx: &CommandContext,
        input: RecordServiceInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::StockWrite)?;
        let (id, code) = stream_of(&input.code)?;
        let command = EquipmentCommand::RecordService {
            on: input.on,
            meter: input.meter,
            note: input.note()?,
        };
        execute(&self.equipment, ctx, &id, command).await?;
        Ok(code)
    }

    /// Refuses, by its code, a location never opened.
    async fn known_location(&self, code: &str, id: &str) -> Result<(), CommandError> {
        let missing = || format!("code: {code} is not a known location");
        exists(&self.locations, id, missing).await
    }

    /// Refuses, by its SKU, a product not in the catalogue.
    async fn known_product(&self, sku: &str, id: &str) -> Result<(), CommandError> {
        let missing = || format!("sku: {sku} is not in the product catalogue");
        exists(&self.products, id, missing).await
    }
}

/// `NotFound` with `missing`'s message unless the stream `id` holds events.
async fn exists<A: Stored>(
    aggregates: &Aggregates<A>,
    id: &str,
    missing: impl FnOnce() -> String,
) -> Result<(), CommandError> {
    if aggregates.load(id).await?.sequence == 0 {
        return Err(CommandError::NotFound(missing()));
    }
    Ok(())
}
