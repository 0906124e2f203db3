//! The quote half of the sales intake: orders' copy of the quotes, and the sales order
//! an accepted one places once its opportunity is won (see the parent module).

use constructos_commands::orders::{OrderLineInput, PlaceSalesOrderInput};
use constructos_commands::CommandError;
use constructos_domain::access::Role;
use constructos_domain::orders::OrdersError;
use constructos_domain::sales::quote::{QuoteEvent, QuotedLine};
use constructos_infra::cloudevents::CloudEvent;
use constructos_projections::{database, ApplyError};
use rust_decimal::RoundingStrategy;
use sqlx::types::Json;
use sqlx::{Postgres, Transaction};

use super::SalesIntake;

/// Keeps the copy of a quote and orders it when accepted.
pub(super) async fn apply(
    intake: &SalesIntake,
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    change: QuoteEvent,
) -> Result<(), ApplyError> {
    match change {
        QuoteEvent::QuoteDrafted {
            opportunity_id,
            version,
            location,
            lines,
            ..
        } => {
            sqlx::query(
                "INSERT INTO read_model.known_quotes
                     (id, opportunity_id, version, location, lines, last_sequence, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&event.subject)
            .bind(opportunity_id)
            .bind(i64::from(version))
            .bind(location)
            .bind(Json(lines))
            .bind(event.sequence)
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to copy a quote"))?;
            Ok(())
        }
        QuoteEvent::QuoteRevised {
            version,
            location,
            lines,
            ..
        } => {
            sqlx::query(
                "UPDATE read_model.known_quotes
                    SET version = $2, location = $3, lines = $4, last_sequence = $5,
                        updated_at = $6
                  WHERE id = $1 AND last_sequence < $5",
            )
            .bind(&event.subject)
            .bind(i64::from(version))
            .bind(location)
            .bind(Json(lines))
            .bind(event.sequence)
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to copy a quote's revision"))?;
            Ok(())
        }
        QuoteEvent::QuoteAccepted { version } => {
            sqlx::query(
                "UPDATE read_model.known_quotes
                    SET accepted_version = $2, accepted_on = $3, last_sequence = $4,
                        updated_at = $5
                  WHERE id = $1 AND last_sequence < $4",
            )
            .bind(&event.subject)
            .bind(i64::from(version))
            .bind(event.time.date_naive())
            .bind(event.sequence)
            .bind(event.time)
            .execute(&mut **tx)
            .await
            .map_err(database("Failed to note an accepted quote"))?;
            order(intake, tx, event, &event.subject).await
        }
    }
}

/// Orders every accepted, not yet ordered quote of the opportunity `opportunity_id`
/// (just won).
pub(super) async fn order_accepted_of(
    intake: &SalesIntake,
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    opportunity_id: &str,
) -> Result<(), ApplyError> {
    let quotes: Vec<(String,)> = sqlx::query_as(
        "SELECT id FROM read_model.known_quotes
          WHERE opportunity_id = $1 AND accepted_version IS NOT NULL AND sales_order_id IS NULL
          ORDER BY id",
    )
    .bind(opportunity_id)
    .fetch_all(&mut **tx)
    .await
    .map_err(database("Failed to read an opportunity's accepted quotes"))?;
    for (quote,) in quotes {
        order(intake, tx, event, &quote).await?;
    }
    Ok(())
}

/// What an accepted quote is ordered from.
#[derive(sqlx::FromRow)]
struct Acceptance {
    lines: Json<Vec<QuotedLine>>,
    location: Option<String>,
    accepted_on: chrono::NaiveDate,
    account_id: String,
    project_id: String,
}

/// Places the sales order of the accepted quote `quote_id` if its opportunity is won
/// and it is not ordered yet.
async fn order(
    intake: &SalesIntake,
    tx: &mut Transaction<'_, Postgres>,
    event: &CloudEvent,
    quote_id: &str,
) -> Result<(), ApplyError> {
    let acceptance: Option<Acceptance> = sqlx::query_as(
        "SELECT q.lines, q.location, q.accepted_on, o.account_id, o.project_id
           FROM read_model.known_quotes q
           JOIN read_model.known_opportunities o ON o.id = q.opportunity_id
          WHERE q.id = $1 AND q.accepted_version IS NOT NULL AND q.sales_order_id IS NULL
            AND o.won AND o.project_id IS NOT NULL",
    )
    .bind(quote_id)
    .fetch_optional(&mut **tx)
    .await
    .map_err(database("Failed to read an accepted quote"))?;
    let Some(acceptance) = acceptance else {
        return Ok(());
    };
    let account = acceptance.account_id.clone();
    let input = PlaceSalesOrderInput {
        customer_account_id: acceptance.account_id,
        project_id: acceptance.project_id,
        date: acceptance.accepted_on,
        lines: acceptance.lines.0.iter().map(order_line).collect(),
        retention_percent: None,
        ship_from: acceptance.location,
    };
    let ctx = SalesIntake::context(event, Role::SalesManager);
    match intake
        .sales_orders
        .place_from_quote(&ctx, quote_id, input)
        .await
    {
        Ok(placed) => {
            tracing::info!(quote_id, sales_order_id = %placed.id, number = %placed.number, "accepted quote placed as a sales order");
            sqlx::query("UPDATE read_model.known_quotes SET sales_order_id = $2 WHERE id = $1")
                .bind(quote_id)
                .bind(&placed.id)
                .execute(&mut **tx)
                .await
                .map_err(database("Failed to note a quote's sales order"))?;
            Ok(())
        }
        // Identity's topic runs behind: the customer is coming; try again.
        Err(CommandError::Rejected(reason))
            if reason == OrdersError::UnknownCustomer(account.clone()).to_string() =>
        {
            Err(ApplyError::Command {
                what: format!("Failed to order quote {quote_id}"),
                source: Box::new(CommandError::Rejected(reason)),
            })
        }
        // Refused for good (the project closed, the customer archived): said loudly,
        // and left for a person; the topic moves on.
        Err(CommandError::Rejected(reason) | CommandError::NotFound(reason)) => {
            tracing::error!(quote_id, reason, "an accepted quote could not be ordered");
            Ok(())
        }
        Err(e) => Err(ApplyError::Command {
            what: format!("Failed to order quote {quote_id}"),
            source: Box::new(e),
        }),
    }
}

/// A quoted line as an order line: at its net unit price (after the discount, to the
/// cent; undiscounted lines keep their price exactly).
fn order_line(line: &QuotedLine) -> OrderLineInput {
    let unit_price = if line.discount_percent.is_zero() || line.quantity.is_zero() {
        line.unit_price.as_decimal()
    } else {
        (line.net.as_decimal() / line.quantity)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
    };
    OrderLineInput {
        sku: line.product.clone(),
        description: line.description.clone(),
        quantity: line.quantity,
        unit_price,
        vat_treatment: line.vat_treatment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use constructos_domain::finance::{Rand, VatTreatment};
    use constructos_domain::sales::quote::LineStock;
    use rust_decimal::Decimal;

    fn line(discount: Decimal, net: i64) -> QuotedLine {
        QuotedLine {
            product: Some("CEM-42.5N-50KG".into()),
            description: "Cement".into(),
            quantity: Decimal::from(3),
            unit_price: Rand::cents(10_000),
            discount_percent: discount,
            net: Rand::cents(net),
            vat_treatment: VatTreatment::Standard,
            vat: Rand::cents(net * 15 / 100),
            stock: LineStock::NotChecked,
        }
    }

    #[test]
    fn an_order_line_carries_the_net_unit_price() {
        assert_eq!(
            order_line(&line(Decimal::ZERO, 30_000)).unit_price,
            Decimal::from(100)
        );
        // 10% off R100 × 3 is R270, R90 each.
        assert_eq!(
            order_line(&line(Decimal::from(10), 27_000)).unit_price,
            Decimal::new(9_000, 2)
        );
        assert_eq!(
            order_line(&line(Decimal::ZERO, 30_000)).sku.as_deref(),
            Some("CEM-42.5N-50KG")
        );
    }
}
