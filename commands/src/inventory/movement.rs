//! Stock movements as units of work. A movement reads its location (open? may stock go
//! below zero? whose site store?) and its product (in the catalogue? discontinued? the
//! unit counted in) and writes its stock position; the location's stream — and, for a
//! receipt, the product's — is in the unit's read set, so a location closed or its rule
//! changed between the read and the commit makes the movement decide again. A transfer
//! writes its own stream and a position in the same unit: dispatch with the source's
//! `StockTransferredOut`, receipt with the destination's `StockTransferredIn`.

use constructos_domain::inventory::{
    location_id, product_id, stock_id, AdjustmentReason, CountCommand, InventoryError, Location,
    Product, Stock, StockChange, StockCommand, StockCount, Transfer, TransferCommand,
    LOCATION_AGGREGATE, PRODUCT_AGGREGATE,
};
use constructos_domain::stored::Stored;
use constructos_infra::event_store::{AppendError, Store, Stream, UnitOfWork};
use cqrs_es::{Aggregate, AggregateError};
use rust_decimal::Decimal;
use uuid::Uuid;

use super::inputs::AtPosition;
use super::transfers::Dispatch;
use crate::decide::{decide, internal};
use crate::{CommandContext, CommandError};

/// How often a movement is decided again after losing a race.
const ATTEMPTS: usize = 5;

/// What one attempt came to: done, or decide again on fresher state.
enum Attempt {
    Done,
    Again,
}

/// The stock movement path over the inventory event store.
#[derive(Clone)]
pub(super) struct Movements {
    store: Store,
}

fn refused(e: InventoryError) -> CommandError {
    CommandError::from(AggregateError::UserError(e))
}

/// The location and product streams a movement reads.
struct References {
    location: Stream<Location>,
    product: Stream<Product>,
}

impl Movements {
    pub fn new(store: Store) -> Self {
        Self { store }
    }

    async fn load<A: Stored>(&self, id: &str) -> Result<Stream<A>, CommandError> {
        self.store
            .load::<A>(id)
            .await
            .map_err(|e| internal(&format!("Failed to load {} {id}", A::TYPE), e))
    }

    async fn references(&self, location: &str, product: &str) -> Result<References, CommandError> {
        Ok(References {
            location: self.load(&location_id(location).to_string()).await?,
            product: self.load(&product_id(product).to_string()).await?,
        })
    }

    /// Whether any of the cached copies a refused attempt decided on is behind the
    /// database (another process moved it): then the attempt is made again.
    async fn any_stale(&self, streams: &[(&'static str, &str)]) -> bool {
        let mut stale = false;
        for (aggregate_type, id) in streams {
            stale |= self
                .store
                .is_stale_key(aggregate_type, id)
                .await
                .unwrap_or(true);
        }
        stale
    }

    /// A refusal answered, unless it was made on a stale copy.
    async fn refuse(
        &self,
        refusal: InventoryError,
        streams: &[(&'static str, &str)],
    ) -> Result<Attempt, CommandError> {
        if self.any_stale(streams).await {
            return Ok(Attempt::Again);
        }
        Err(refused(refusal))
    }

    async fn commit(
        &self,
        ctx: &CommandContext,
        unit: UnitOfWork,
    ) -> Result<Attempt, CommandError> {
        match self.store.append(unit).await {
            Ok(()) => Ok(Attempt::Done),
            Err(AppendError::Conflict) => Ok(Attempt::Again),
            Err(e) => {
                tracing::error!(correlation_id = %ctx.correlation_id, cause = %e, "stock append failed");
                Err(internal("Failed to append a stock movement", e))
            }
        }
    }

    /// Runs `attempt` until it is done, at most [`ATTEMPTS`] times.
    async fn retrying<F, Fut>(&self, mut attempt: F) -> Result<(), CommandError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<Attempt, CommandError>>,
    {
        for _ in 0..ATTEMPTS {
            if let Attempt::Done = attempt().await? {
                return Ok(());
            }
        }
        Err(CommandError::Conflict)
    }

    /// One movement at one position.
    pub async fn at_position(
        &self,
        ctx: &CommandContext,
        position: &AtPosition,
    ) -> Result<(), CommandError> {
        self.retrying(|| self.try_at_position(ctx, position)).await
    }

    async fn try_at_position(
        &self,
        ctx: &CommandContext,
        position: &AtPosition,
    ) -> Result<Attempt, CommandError> {
        let StockCommand {
            product,
            location,
            change,
            source,
        } = position.command.clone();
        let refs = self.references(&location, &product).await?;
        let read = [
            (LOCATION_AGGREGATE, refs.location.id.as_str()),
            (PRODUCT_AGGREGATE, refs.product.id.as_str()),
        ];
        let change = match checked(&refs, &product, &location, position.unit.as_deref(), change) {
            Ok(change) => change,
            Err(refusal) => return self.refuse(refusal, &read).await,
        };
        let receipt = change.is_receipt();
        let mut stock = self.load::<Stock>(&position.id).await?;
        let previous = stock.sequence;
        let command = StockCommand {
            product,
            location,
            change,
            source,
        };
        let events = match decide(&mut stock, command, ctx).await? {
            Ok(events) if events.is_empty() => return Ok(Attempt::Done),
            Ok(events) => events,
            Err(refusal) => {
                let mut streams = read.to_vec();
                streams.push((Stock::TYPE, position.id.as_str()));
                return self.refuse(refusal, &streams).await;
            }
        };
        let mut unit = UnitOfWork::new();
        unit.write(&stock, previous, events).read(
            LOCATION_AGGREGATE,
            &refs.location.id,
            refs.location.sequence,
        );
        if receipt {
            unit.read(PRODUCT_AGGREGATE, &refs.product.id, refs.product.sequence);
        }
        self.commit(ctx, unit).await
    }

    /// Sends goods from one location to another: out of the source position, and the
    /// transfer stream opened, in transit.
    pub async fn dispatch(
        &self,
        ctx: &CommandContext,
        dispatch: &Dispatch,
    ) -> Result<(), CommandError> {
        self.retrying(|| self.try_dispatch(ctx, dispatch)).await
    }

    async fn try_dispatch(
        &self,
        ctx: &CommandContext,
        d: &Dispatch,
    ) -> Result<Attempt, CommandError> {
        if d.from == d.to {
            return Err(refused(InventoryError::TransferToSameLocation));
        }
        let source = self.references(&d.from, &d.product).await?;
        let destination = self
            .load::<Location>(&location_id(&d.to).to_string())
            .await?;
        let read = [
            (LOCATION_AGGREGATE, source.location.id.as_str()),
            (LOCATION_AGGREGATE, destination.id.as_str()),
            (PRODUCT_AGGREGATE, source.product.id.as_str()),
        ];
        let out = StockChange::TransferOut {
            transfer: d.transfer,
            to: d.to.clone(),
            quantity: d.quantity,
            allow_negative: false,
        };
        let change = match destination
            .aggregate
            .accepts_movements(&d.to)
            .and_then(|()| checked(&source, &d.product, &d.from, d.unit.as_deref(), out))
        {
            Ok(change) => change,
            Err(refusal) => return self.refuse(refusal, &read).await,
        };
        let position = stock_id(&d.product, &d.from).to_string();
        let mut stock = self.load::<Stock>(&position).await?;
        let (previous, value_before) = (stock.sequence, stock.aggregate.value());
        let quantity_before = stock.aggregate.on_hand();
        let command = StockCommand {
            product: d.product.clone(),
            location: d.from.clone(),
            change,
            source: None,
        };
        let stock_events = match decide(&mut stock, command, ctx).await? {
            Ok(events) => events,
            Err(refusal) => {
                let mut streams = read.to_vec();
                streams.push((Stock::TYPE, position.as_str()));
                return self.refuse(refusal, &streams).await;
            }
        };
        let mut transfer = Stream::<Transfer>::minted(d.transfer.to_string());
        let dispatched = TransferCommand::DispatchTransfer {
            product: d.product.clone(),
            from: d.from.clone(),
            to: d.to.clone(),
            quantity: quantity_before - stock.aggregate.on_hand(),
            value: value_before - stock.aggregate.value(),
            reference: d.reference.clone(),
        };
        let transfer_events = decide(&mut transfer, dispatched, ctx)
            .await?
            .map_err(refused)?;
        let mut unit = UnitOfWork::new();
        unit.write(&stock, previous, stock_events)
            .write(&transfer, 0, transfer_events)
            .read(
                LOCATION_AGGREGATE,
                &source.location.id,
                source.location.sequence,
            )
            .read(LOCATION_AGGREGATE, &destination.id, destination.sequence);
        self.commit(ctx, unit).await
    }

    /// Receives a transfer at its destination, at the value that left the source.
    pub async fn receive_transfer(
        &self,
        ctx: &CommandContext,
        id: Uuid,
    ) -> Result<(), CommandError> {
        self.retrying(|| self.try_receive_transfer(ctx, id)).await
    }

    async fn try_receive_transfer(
        &self,
        ctx: &CommandContext,
        id: Uuid,
    ) -> Result<Attempt, CommandError> {
        let transfer_id = id.to_string();
        let mut transfer = self.load::<Transfer>(&transfer_id).await?;
        let consignment = match transfer.aggregate.in_transit(&transfer_id) {
            Ok(consignment) => consignment.clone(),
            Err(refusal) => {
                return self
                    .refuse(refusal, &[(Transfer::TYPE, transfer_id.as_str())])
                    .await
            }
        };
        let destination = self
            .load::<Location>(&location_id(&consignment.to).to_string())
            .await?;
        if let Err(refusal) = destination.aggregate.accepts_movements(&consignment.to) {
            return self
                .refuse(refusal, &[(LOCATION_AGGREGATE, destination.id.as_str())])
                .await;
        }
        let position = stock_id(&consignment.product, &consignment.to).to_string();
        let mut stock = self.load::<Stock>(&position).await?;
        let previous = stock.sequence;
        let arrival = StockCommand {
            product: consignment.product.clone(),
            location: consignment.to.clone(),
            source: None,
            change: StockChange::TransferIn {
                transfer: id,
                from: consignment.from.clone(),
                quantity: consignment.quantity,
                value: consignment.value,
            },
        };
        let stock_events = decide(&mut stock, arrival, ctx).await?.map_err(refused)?;
        let transfer_previous = transfer.sequence;
        let transfer_events = decide(&mut transfer, TransferCommand::ReceiveTransfer, ctx)
            .await?
            .map_err(refused)?;
        let mut unit = UnitOfWork::new();
        unit.write(&stock, previous, stock_events)
            .write(&transfer, transfer_previous, transfer_events)
            .read(LOCATION_AGGREGATE, &destination.id, destination.sequence);
        self.commit(ctx, unit).await
    }

    /// Posts a stock count: the variance of each counted product against its quantity on
    /// hand now, the count's `StockCountPosted` and an adjustment (reason COUNT) at each
    /// position that differs, in one unit of work with the location in its read set.
    pub async fn post_count(&self, ctx: &CommandContext, id: Uuid) -> Result<(), CommandError> {
        self.retrying(|| self.try_post_count(ctx, id)).await
    }

    async fn try_post_count(
        &self,
        ctx: &CommandContext,
        id: Uuid,
    ) -> Result<Attempt, CommandError> {
        let count_id = id.to_string();
        let mut count = self.load::<StockCount>(&count_id).await?;
        let Some(location) = count.aggregate.location().map(str::to_string) else {
            return Err(refused(InventoryError::CountNotFound));
        };
        let place = self
            .load::<Location>(&location_id(&location).to_string())
            .await?;
        if let Err(refusal) = place.aggregate.accepts_movements(&location) {
            return self
                .refuse(refusal, &[(LOCATION_AGGREGATE, place.id.as_str())])
                .await;
        }
        let mut positions = Vec::new();
        let mut book = Vec::new();
        for (product, _) in count.aggregate.counted() {
            let stock = self
                .load::<Stock>(&stock_id(product, &location).to_string())
                .await?;
            book.push((product.clone(), stock.aggregate.on_hand()));
            positions.push((product.clone(), stock));
        }
        let variances = count.aggregate.variances(&book);
        let count_previous = count.sequence;
        let count_events = decide(&mut count, CountCommand::PostCount { book }, ctx)
            .await?
            .map_err(refused)?;
        let mut unit = UnitOfWork::new();
        unit.write(&count, count_previous, count_events);
        let mut adjusted = Vec::new();
        for (variance, (product, mut stock)) in variances.into_iter().zip(positions) {
            if variance.delta.is_zero() {
                continue;
            }
            let previous = stock.sequence;
            let change = StockChange::AdjustStock {
                delta: variance.delta,
                reason: AdjustmentReason::Count,
                note: format!("stock count {count_id}"),
                allow_negative: place.aggregate.allows_negative(),
            };
            let command = StockCommand {
                product,
                location: location.clone(),
                change,
                source: None,
            };
            let events = decide(&mut stock, command, ctx).await?.map_err(refused)?;
            adjusted.push((stock, previous, events));
        }
        for (stock, previous, events) in &adjusted {
            unit.write(stock, *previous, events.clone());
        }
        unit.read(LOCATION_AGGREGATE, &place.id, place.sequence);
        self.commit(ctx, unit).await
    }
}

/// The movement `change` as the references allow it: product known (and not
/// discontinued for a receipt), location open, the unit converted to stock units, an issue from a
/// site store only to its own project, and the location's negative-stock rule applied.
fn checked(
    refs: &References,
    product: &str,
    location: &str,
    unit: Option<&str>,
    change: StockChange,
) -> Result<StockChange, InventoryError> {
    let details = if change.is_receipt() {
        refs.product.aggregate.accepts_receipts(product)?
    } else {
        refs.product.aggregate.known(product)?
    };
    refs.location.aggregate.accepts_movements(location)?;
    let factor = match unit {
        None => Decimal::ONE,
        Some(unit) => details
            .factor(unit)
            .ok_or_else(|| InventoryError::UnknownUnit {
                product: product.to_string(),
                unit: unit.to_string(),
            })?,
    };
    if let (StockChange::IssueStock { project_id, .. }, Some(owner)) =
        (&change, refs.location.aggregate.project_id())
    {
        if project_id != owner {
            return Err(InventoryError::SiteStoreOfAnotherProject {
                location: location.to_string(),
                project: owner.to_string(),
            });
        }
    }
    Ok(change
        .in_stock_units(factor)
        .with_negative_stock(refs.location.aggregate.allows_negative()))
}
