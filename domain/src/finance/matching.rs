//! The three-way match of a supplier bill: each billed line against its purchase order
//! line (what was ordered, at what price) and the goods received against it. A line is
//! matched when the quantity billed to date (earlier bills of the line and this one) is
//! no more than received to date plus the quantity tolerance, and its unit price is
//! within the price tolerance of the order's. Otherwise the bill is **blocked for
//! payment** with the reason (`line 2: billed 120, received 100`) until a finance
//! manager approves it (`BillMatchApproved`). Pure: the write side gathers the facts.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Rand;

/// How far a bill may differ from its order and receipts and still be matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchTolerance {
    /// Quantity billed beyond received (default 0).
    pub quantity: Decimal,
    /// Unit price above or below the order's, in percent of it (default 2).
    pub price_percent: Decimal,
}

impl Default for MatchTolerance {
    fn default() -> Self {
        Self {
            quantity: Decimal::ZERO,
            price_percent: Decimal::TWO,
        }
    }
}

/// What finance knows of one purchase order line when a bill arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLineFacts {
    pub line_no: u32,
    pub ordered: Decimal,
    pub unit_price: Rand,
    /// Received to date on goods received notes.
    pub received: Decimal,
    /// Billed on earlier bills of this line.
    pub billed_before: Decimal,
}

/// Whether a bill line matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MatchStatus {
    Matched,
    Blocked,
}

/// One bill line's match, as decided and recorded on the bill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineMatch {
    /// The bill line, from 1.
    pub line: u32,
    /// The order line it bills (none: not on the order).
    pub purchase_order_line_no: Option<u32>,
    pub ordered: Decimal,
    pub received: Decimal,
    /// Billed to date, this bill included.
    pub billed: Decimal,
    pub order_price: Option<Rand>,
    pub billed_price: Rand,
    /// (billed price − order price) / order price × 100, to two places.
    pub price_variance_percent: Decimal,
    pub status: MatchStatus,
    /// Why it is blocked.
    pub reason: Option<String>,
}

/// A bill line as the match sees it: the order line it names, quantity, unit price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BilledLine {
    pub purchase_order_line_no: Option<u32>,
    pub quantity: Decimal,
    pub unit_price: Rand,
}

/// Matches every bill line against `facts` (one bill may bill an order line twice: the
/// second counts the first as billed before it).
pub fn match_lines(
    lines: &[BilledLine],
    facts: &[OrderLineFacts],
    tolerance: MatchTolerance,
) -> Vec<LineMatch> {
    let mut billed_here: Vec<(u32, Decimal)> = Vec::new();
    let mut matches = Vec::with_capacity(lines.len());
    for (index, billed) in lines.iter().enumerate() {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let Some(fact) = billed
            .purchase_order_line_no
            .and_then(|no| facts.iter().find(|f| f.line_no == no))
        else {
            let reason = match billed.purchase_order_line_no {
                Some(no) => format!("line {line}: the order has no line {no}"),
                None => format!("line {line}: not on the order (no order line named)"),
            };
            matches.push(LineMatch {
                line,
                purchase_order_line_no: billed.purchase_order_line_no,
                ordered: Decimal::ZERO,
                received: Decimal::ZERO,
                billed: billed.quantity,
                order_price: None,
                billed_price: billed.unit_price,
                price_variance_percent: Decimal::ZERO,
                status: MatchStatus::Blocked,
                reason: Some(reason),
            });
            continue;
        };
        let earlier_here: Decimal = billed_here
            .iter()
            .filter(|(no, _)| *no == fact.line_no)
            .map(|(_, q)| *q)
            .sum();
        billed_here.push((fact.line_no, billed.quantity));
        let to_date = fact.billed_before + earlier_here + billed.quantity;
        let order_price = fact.unit_price.as_decimal();
        let variance = if order_price.is_zero() {
            Decimal::ZERO
        } else {
            ((billed.unit_price.as_decimal() - order_price) / order_price * Decimal::ONE_HUNDRED)
                .round_dp(2)
        };
        let mut reasons = Vec::new();
        if to_date > fact.received + tolerance.quantity {
            reasons.push(format!(
                "billed {} to date, received {}",
                to_date.normalize(),
                fact.received.normalize()
            ));
        }
        if variance.abs() > tolerance.price_percent {
            reasons.push(format!(
                "unit price {} is {}% from the order's {}",
                billed.unit_price,
                variance.normalize(),
                fact.unit_price
            ));
        }
        matches.push(LineMatch {
            line,
            purchase_order_line_no: Some(fact.line_no),
            ordered: fact.ordered,
            received: fact.received,
            billed: to_date,
            order_price: Some(fact.unit_price),
            billed_price: billed.unit_price,
            price_variance_percent: variance,
            status: if reasons.is_empty() {
                MatchStatus::Matched
            } else {
                MatchStatus::Blocked
            },
            reason: (!reasons.is_empty()).then(|| format!("line {line}: {}", reasons.join("; "))),
        });
    }
    matches
}

/// The reasons a matched bill is blocked (empty: it is not).
pub fn blocked_reasons(matches: &[LineMatch]) -> Vec<String> {
    matches.iter().filter_map(|m| m.reason.clone()).collect()
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn fact(received: Decimal, billed_before: Decimal) -> OrderLineFacts {
        OrderLineFacts {
            line_no: 2,
            ordered: dec!(150),
            unit_price: Rand::cents(9_550),
            received,
            billed_before,
        }
    }

    fn billed(quantity: Decimal, cents: i64) -> BilledLine {
        BilledLine {
            purchase_order_line_no: Some(2),
            quantity,
            unit_price: Rand::cents(cents),
        }
    }

    #[test]
    fn within_tolerance_matches() {
        // 2% of 95.50 = 1.91: 97.40 is 1.99% above.
        let m = match_lines(
            &[billed(dec!(100), 9_740)],
            &[fact(dec!(100), dec!(0))],
            MatchTolerance::default(),
        );
        assert_eq!(m[0].status, MatchStatus::Matched);
        assert_eq!(m[0].price_variance_percent, dec!(1.99));
        assert!(blocked_reasons(&m).is_empty());
    }

    #[test]
    fn more_billed_than_received_blocks_with_the_reason() {
        let m = match_lines(
            &[billed(dec!(20), 9_550)],
            &[fact(dec!(100), dec!(100))],
            MatchTolerance::default(),
        );
        assert_eq!(m[0].status, MatchStatus::Blocked);
        assert_eq!(
            blocked_reasons(&m),
            vec!["line 1: billed 120 to date, received 100".to_string()]
        );
        // A quantity tolerance of 20 lets it through.
        let tolerant = MatchTolerance {
            quantity: dec!(20),
            ..MatchTolerance::default()
        };
        let m = match_lines(
            &[billed(dec!(20), 9_550)],
            &[fact(dec!(100), dec!(100))],
            tolerant,
        );
        assert_eq!(m[0].status, MatchStatus::Matched);
    }

    #[test]
    fn a_price_beyond_tolerance_or_a_line_off_the_order_blocks() {
        let m = match_lines(
            &[
                billed(dec!(10), 9_800),
                BilledLine {
                    purchase_order_line_no: None,
                    quantity: dec!(1),
                    unit_price: Rand::cents(50_000),
                },
            ],
            &[fact(dec!(100), dec!(0))],
            MatchTolerance::default(),
        );
        assert_eq!(
            blocked_reasons(&m),
            vec![
                "line 1: unit price 98.00 is 2.62% from the order's 95.50".to_string(),
                "line 2: not on the order (no order line named)".to_string()
            ]
        );
    }

    #[test]
    fn one_bill_billing_a_line_twice_counts_both() {
        let m = match_lines(
            &[billed(dec!(60), 9_550), billed(dec!(60), 9_550)],
            &[fact(dec!(100), dec!(0))],
            MatchTolerance::default(),
        );
        assert_eq!(m[0].status, MatchStatus::Matched);
        assert_eq!(m[1].billed, dec!(120));
        assert_eq!(m[1].status, MatchStatus::Blocked);
    }
}
