//! The sales order command service: permission, values, references checked against
//! orders' own copies, then the sales order decides. Placing numbers the order
//! (`SO-<year>-<5 digits>`) in the same unit of work; shipping names the shipment by
//! the order and the caller's delivery note, so a resent shipment is the same one.

use std::sync::Arc;

use chrono::Datelike;
use constructos_domain::access::Permission;
use constructos_domain::orders::numbering::{
    id_for_number, quote_sales_order_id, sales_order_series, shipment_id,
};
use constructos_domain::orders::sales_order::{SalesOrder, SalesOrderCommand};
use constructos_domain::orders::{check_customer, OrdersError, Project};
use constructos_infra::event_store::Store;
use cqrs_es::AggregateError;
use sqlx::PgPool;

use super::numbered::{execute_numbered, Target};
use super::trade_inputs::{
    order_id, reason, ParsedOrder, PlaceSalesOrderInput, ShipSalesOrderInput,
};
use super::trade_references::account_facts;
use crate::execute::{execute, Aggregates};
use crate::{CommandContext, CommandError};

/// An order or note just numbered: its id and its number.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Numbered {
    pub id: String,
    pub number: String,
}

/// Executes sales order commands against the orders event store.
#[derive(Clone)]
pub struct SalesOrderCommands {
    store: Store,
    orders: Arc<Aggregates<SalesOrder>>,
    pool: PgPool,
}

fn refused(error: OrdersError) -> CommandError {
    CommandError::from(AggregateError::UserError(error))
}

/// Refuses unless the project `id` has been opened (its stream in orders' own event
/// store, read as stored: a project opened a moment ago counts) and still takes orders
/// (not closed or cancelled). The check is not in the order's read set: an order raised
/// in the instant the project closes may still land, as one decided a moment earlier
/// would.
pub(super) async fn require_project(store: &Store, id: &str) -> Result<(), CommandError> {
    let project = store
        .load_stored::<Project>(id)
        .await
        .map_err(|e| CommandError::Internal(format!("Failed to load project {id}: {e}")))?;
    if project.sequence == 0 {
        return Err(refused(OrdersError::ProjectNotFound));
    }
    let status = project.aggregate.status();
    if !status.takes_orders() {
        return Err(refused(OrdersError::ProjectTakesNoOrders(status)));
    }
    Ok(())
}

impl SalesOrderCommands {
    /// Command handling over the orders database.
    pub fn new(pool: PgPool) -> Self {
        let store = Store::new(pool.clone());
        Self {
            orders: Arc::new(Aggregates::new(&store, ())),
            store,
            pool,
        }
    }

    /// Places a sales order for a customer account orders knows (not archived) on a
    /// project orders has opened; answers its id and number.
    pub async fn place(
        &self,
        ctx: &CommandContext,
        input: PlaceSalesOrderInput,
    ) -> Result<Numbered, CommandError> {
        ctx.require(Permission::SalesOrdersWrite)?;
        let (order, retention_percent) = input.parse()?;
        let customer = order.account_id.as_str();
        let facts = account_facts(&self.pool, customer).await?;
        check_customer(customer, facts.as_ref().map(|f| &f.account)).map_err(refused)?;
        require_project(&self.store, order.project_id.as_str()).await?;
        self.place_at(ctx, order, retention_percent, None).await
    }

    /// Places the sales order an accepted quote became, at most once: its id derives
    /// from the quote ([`quote_sales_order_id`]), so a second attempt finds the order
    /// the first placed and answers it. The customer and project are checked as for
    /// any order.
    pub async fn place_from_quote(
        &self,
        ctx: &CommandContext,
        quote_id: &str,
        input: PlaceSalesOrderInput,
    ) -> Result<Numbered, CommandError> {
        ctx.require(Permission::SalesOrdersWrite)?;
        let id = quote_sales_order_id(quote_id);
        if let Some(placed) = self.placed(&id).await? {
            return Ok(placed);
        }
        let (order, retention_percent) = input.parse()?;
        let customer = order.account_id.as_str();
        let facts = account_facts(&self.pool, customer).await?;
        check_customer(customer, facts.as_ref().map(|f| &f.account)).map_err(refused)?;
        require_project(&self.store, order.project_id.as_str()).await?;
        match self
            .place_at(ctx, order, retention_percent, Some((quote_id, &id)))
            .await
        {
            Err(CommandError::Rejected(_)) | Err(CommandError::Conflict) => {
                match self.placed(&id).await? {
                    Some(placed) => Ok(placed),
                    None => Err(CommandError::Conflict),
                }
            }
            other => other,
        }
    }

    /// The order stored under `id`, if it was placed.
    async fn placed(&self, id: &str) -> Result<Option<Numbered>, CommandError> {
        let order = self
            .store
            .load_stored::<SalesOrder>(id)
            .await
            .map_err(|e| CommandError::Internal(format!("Failed to load sales order {id}: {e}")))?;
        Ok(order.aggregate.number().map(|number| Numbered {
            id: id.to_string(),
            number: number.to_string(),
        }))
    }

    /// Numbers and appends a checked order: at the id its number derives, or at the
    /// quote's order id when `quote` (its id and the order id) placed it.
    async fn place_at(
        &self,
        ctx: &CommandContext,
        order: ParsedOrder,
        retention_percent: Option<rust_decimal::Decimal>,
        quote: Option<(&str, &str)>,
    ) -> Result<Numbered, CommandError> {
        let series = sales_order_series(order.date.date().year());
        let (number, id) = execute_numbered::<SalesOrder>(&self.store, ctx, &series, |number| {
            let id = quote.map_or_else(|| id_for_number(number), |(_, id)| id.to_string());
            Target {
                stream_id: id.clone(),
                assigned_to: id.clone(),
                command: SalesOrderCommand::PlaceSalesOrder {
                    sales_order_id: id,
                    number: number.to_string(),
                    customer_account_id: order.account_id.clone(),
                    project_id: order.project_id.clone(),
                    date: order.date,
                    lines: order.lines.clone(),
                    retention_percent,
                    ship_from: order.ship_from.clone(),
                    quote_id: quote.map(|(quote_id, _)| quote_id.to_string()),
                },
            }
        })
        .await?;
        Ok(Numbered { id, number })
    }

    /// Confirms a placed order.
    pub async fn confirm(&self, ctx: &CommandContext, id: &str) -> Result<(), CommandError> {
        ctx.require(Permission::SalesOrdersWrite)?;
        let id = order_id(id)?;
        execute(
            &self.orders,
            ctx,
            id.as_str(),
            SalesOrderCommand::ConfirmSalesOrder,
        )
        .await
    }

    /// Cancels an order nothing of which is shipped.
    pub async fn cancel(
        &self,
        ctx: &CommandContext,
        id: &str,
        why: &str,
    ) -> Result<(), CommandError> {
        ctx.require(Permission::SalesOrdersWrite)?;
        let id = order_id(id)?;
        let command = SalesOrderCommand::CancelSalesOrder {
            reason: reason(why)?,
        };
        execute(&self.orders, ctx, id.as_str(), command).await
    }

    /// Completes a shipment; answers its id. The customer snapshot is the account as
    /// orders' copy knows it now (it must still be a customer account, not archived:
    /// finance could not invoice it otherwise). Resent with the same delivery note and
    /// lines, it answers the same id and appends nothing.
    pub async fn ship(
        &self,
        ctx: &CommandContext,
        input: ShipSalesOrderInput,
    ) -> Result<String, CommandError> {
        ctx.require(Permission::SalesOrdersWrite)?;
        let (id, delivery_note, date, lines) = input.parse()?;
        // As stored: the customer never changes, and a copy cached before another
        // process placed the order would say it does not exist.
        let order = self
            .store
            .load_stored::<SalesOrder>(id.as_str())
            .await
            .map_err(|e| CommandError::Internal(format!("Failed to load sales order {id}: {e}")))?;
        let Some(customer) = order.aggregate.customer_account_id() else {
            return Err(CommandError::NotFound(
                constructos_domain::orders::TradeError::SalesOrderNotFound.to_string(),
            ));
        };
        let facts = account_facts(&self.pool, customer).await?;
        check_customer(customer, facts.as_ref().map(|f| &f.account)).map_err(refused)?;
        let Some(facts) = facts else {
            return Err(refused(OrdersError::UnknownCustomer(customer.to_string())));
        };
        let shipment = shipment_id(id.as_str(), delivery_note.as_str());
        let command = SalesOrderCommand::ShipSalesOrder {
            shipment_id: shipment.clone(),
            delivery_note,
            date,
            lines,
            customer: facts.snapshot(),
        };
        execute(&self.orders, ctx, id.as_str(), command).await?;
        Ok(shipment)
    }
}
