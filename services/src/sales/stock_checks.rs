//! The blueprint's one synchronous call between domains: a quote asks inventory "is
//! this quantity available at this location by this date?" for each stocked line,
//! through inventory's narrow `check_stock` operation — over HTTP when inventory runs
//! as its own service, in-process when it runs in the same process — all lines at once,
//! each within the configured timeout (`CONSTRUCTOS_STOCK_CHECK_TIMEOUT_MS`).
//!
//! Inventory down, slow, or refusing never stops a quote: the line is saved as
//! **unconfirmed** with the reason the user sees, and the quote with it. Never a hang
//! (the timeout), never a 500.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use constructos_commands::CommandError;
use constructos_domain::inventory::{Availability, StockStatus};
use constructos_domain::sales::quote::LineStock;
use rust_decimal::Decimal;

use crate::inventory::{CheckStock, InventoryClient};
use crate::Call;

/// How the sales service reaches inventory, and how long it waits.
#[derive(Clone)]
pub struct StockChecks {
    inventory: Option<InventoryClient>,
    timeout: Duration,
}

/// One stocked line to check.
pub struct LineToCheck {
    pub product: Option<String>,
    pub quantity: Decimal,
}

impl StockChecks {
    /// Checks through `inventory` (none: every check is unconfirmed, saying so), each
    /// waiting at most `timeout`.
    pub fn new(inventory: Option<InventoryClient>, timeout: Duration) -> Self {
        Self { inventory, timeout }
    }

    /// What inventory says about each line at `location` by `by`, in order; a line
    /// without a product, or a quote without a location, is not checked.
    pub async fn check(
        &self,
        call: &Call,
        location: Option<&str>,
        lines: &[LineToCheck],
        by: NaiveDate,
    ) -> Vec<LineStock> {
        let asks = lines.iter().map(|line| async move {
            match (location, &line.product) {
                (Some(location), Some(product)) => {
                    self.one(call, product, location, line.quantity, by).await
                }
                _ => LineStock::NotChecked,
            }
        });
        futures::future::join_all(asks).await
    }

    async fn one(
        &self,
        call: &Call,
        product: &str,
        location: &str,
        quantity: Decimal,
        by: NaiveDate,
    ) -> LineStock {
        let Some(inventory) = &self.inventory else {
            return unconfirmed("inventory cannot be reached from the sales service (CONSTRUCTOS_INVENTORY_URL is not set)");
        };
        let ask = CheckStock {
            product: product.to_string(),
            location: location.to_string(),
            quantity,
            by,
        };
        let started = Instant::now();
        match tokio::time::timeout(self.timeout, inventory.call(call, ask)).await {
            Ok(Ok(answer)) => confirmed(answer.availability),
            Err(_) => unconfirmed(&format!(
                "inventory did not answer within {} ms",
                self.timeout.as_millis()
            )),
            // Inventory's own words: an unknown product or location, a bad date.
            Ok(Err(CommandError::NotFound(why) | CommandError::Rejected(why))) => unconfirmed(&why),
            Ok(Err(CommandError::Forbidden(permission))) => {
                unconfirmed(&format!("you may not check stock ({permission} is needed)"))
            }
            Ok(Err(e)) => {
                tracing::warn!(product, location, error = %e, waited_ms = started.elapsed().as_millis() as u64, "stock check failed");
                unconfirmed("inventory is unavailable")
            }
        }
    }
}

fn unconfirmed(reason: &str) -> LineStock {
    LineStock::Unconfirmed {
        reason: reason.to_string(),
    }
}

fn confirmed(a: Availability) -> LineStock {
    match a.status {
        StockStatus::Available => LineStock::Available {
            available: a.available,
        },
        StockStatus::InTransit => LineStock::InTransit {
            available: a.available,
            in_transit: a.in_transit,
        },
        StockStatus::Short => LineStock::Short {
            available: a.available,
            shortfall: a.shortfall,
        },
    }
}
