//! Retention under SARS's rule (VAT Practice Note 4 §2 "Retention monies"; VAT 409
//! Guide for Fixed Property and Construction): retention is withheld on the value
//! **excluding VAT**, and the VAT on the retained part is due only when the retention
//! is released. Documents decided before this rule withheld retention on the total
//! including VAT and declared all the VAT at once (`RetentionBasis::Gross`); their
//! events keep that meaning.
//!
//! Mixed VAT treatments are handled **pro rata per treatment**: the retention is shared
//! over the document's treatments in proportion to their values (cumulative rounding,
//! so the shares add up to the retention exactly), and each share defers the same
//! fraction of that treatment's VAT. A release is shared over what is still held the
//! same way; the last release takes exactly what is left. So VAT at issue plus the VAT
//! of every release equals the document's VAT to the cent, for any split.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::vat::{round_to_cent, MAX_RETENTION_PERCENT};
use super::{FinanceError, InvoiceLine, Rand, VatTreatment};

/// The rule a document's retention was decided under.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RetentionBasis {
    /// Before SARS's rule: retention on the total incl. VAT, all VAT at issue. An event
    /// without `retention_basis` was decided under it.
    #[default]
    Gross,
    /// SARS's rule: retention excl. VAT, its VAT due at release.
    ExclVat,
}

/// A value and its VAT under one treatment: a document's supplies, the part of them
/// retained, or the part a release makes due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatPart {
    pub treatment: VatTreatment,
    pub value_excl_vat: Rand,
    pub vat: Rand,
}

/// How much to withhold: a percentage of the value excl. VAT, or an amount decided
/// elsewhere (a progress claim, where orders applies the contract's cap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RetentionAsked {
    Percent(Decimal),
    Amount(Rand),
}

/// A document's supplies per treatment (standard, zero-rated, exempt; those present).
pub fn supplies(lines: &[InvoiceLine]) -> Vec<VatPart> {
    [
        VatTreatment::Standard,
        VatTreatment::ZeroRated,
        VatTreatment::Exempt,
    ]
    .into_iter()
    .filter_map(|treatment| {
        let of: Vec<_> = lines
            .iter()
            .filter(|l| l.vat_treatment == treatment)
            .collect();
        (!of.is_empty()).then(|| VatPart {
            treatment,
            value_excl_vat: of.iter().map(|l| l.value_excl_vat).sum(),
            vat: of.iter().map(|l| l.vat).sum(),
        })
    })
    .collect()
}

/// The retention withheld on `subtotal` (excl. VAT): round(subtotal × % / 100), or the
/// amount asked. Refuses a percentage outside 0–20 and an amount below nought or above
/// the subtotal.
pub fn retention_amount(
    subtotal: Rand,
    asked: Option<RetentionAsked>,
) -> Result<Rand, FinanceError> {
    match asked {
        None => Ok(Rand::ZERO),
        Some(RetentionAsked::Percent(percent)) => {
            if percent < Decimal::ZERO || percent > MAX_RETENTION_PERCENT {
                return Err(FinanceError::RetentionOutOfRange(percent.to_string()));
            }
            round_to_cent(subtotal.as_decimal() * percent / Decimal::ONE_HUNDRED)
        }
        Some(RetentionAsked::Amount(amount)) => {
            if amount < Rand::ZERO || amount > subtotal {
                return Err(FinanceError::RetentionAmountOutOfRange {
                    asked: amount,
                    subtotal,
                });
            }
            Ok(amount)
        }
    }
}

/// Shares `amount` over `parts` in proportion to their values, with cumulative
/// rounding: the shares are never negative, never more than their part's value (when
/// `amount` ≤ the total) and add up to `amount` exactly. Each share defers (or makes
/// due) its part's VAT pro rata; a share equal to its part takes all of its VAT.
fn share(parts: &[VatPart], amount: Rand) -> Result<Vec<VatPart>, FinanceError> {
    let total: Rand = parts.iter().map(|p| p.value_excl_vat).sum();
    if amount.is_zero() || total.is_zero() {
        return Ok(Vec::new());
    }
    let mut shares = Vec::with_capacity(parts.len());
    let mut cumulative = Decimal::ZERO;
    let mut before = Rand::ZERO;
    for part in parts {
        cumulative += part.value_excl_vat.as_decimal();
        let upto = round_to_cent(amount.as_decimal() * cumulative / total.as_decimal())?;
        let value = upto - before;
        before = upto;
        let vat = if value == part.value_excl_vat {
            part.vat
        } else if part.value_excl_vat.is_zero() {
            Rand::ZERO
        } else {
            round_to_cent(
                part.vat.as_decimal() * value.as_decimal() / part.value_excl_vat.as_decimal(),
            )?
        };
        if !value.is_zero() || !vat.is_zero() {
            shares.push(VatPart {
                treatment: part.treatment,
                value_excl_vat: value,
                vat,
            });
        }
    }
    Ok(shares)
}

/// What `retention` withholds of a document's `supplies`: per treatment, the retained
/// value and the VAT deferred with it.
pub fn withhold(supplies: &[VatPart], retention: Rand) -> Result<Vec<VatPart>, FinanceError> {
    share(supplies, retention)
}

/// What releasing `amount` (excl. VAT) of the `held` retention makes due, per
/// treatment with its VAT. Refuses more than is held.
pub fn release(held: &[VatPart], amount: Rand) -> Result<Vec<VatPart>, FinanceError> {
    let held_value: Rand = held.iter().map(|p| p.value_excl_vat).sum();
    if amount > held_value {
        return Err(FinanceError::OverRelease {
            held: held_value,
            asked: amount,
        });
    }
    if amount == held_value {
        let left = held
            .iter()
            .copied()
            .filter(|p| !p.value_excl_vat.is_zero() || !p.vat.is_zero());
        return Ok(left.collect());
    }
    share(held, amount)
}

/// `held` less `released`, per treatment.
pub fn less(held: &[VatPart], released: &[VatPart]) -> Vec<VatPart> {
    held.iter()
        .map(|h| {
            let of = released.iter().filter(|r| r.treatment == h.treatment);
            VatPart {
                treatment: h.treatment,
                value_excl_vat: h.value_excl_vat - of.clone().map(|r| r.value_excl_vat).sum(),
                vat: h.vat - of.map(|r| r.vat).sum(),
            }
        })
        .collect()
}

/// The number a release under SARS's rule is issued under, given by the write side from
/// the invoice series (one release may clear retention on several invoices).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseNumber {
    /// The release: one tax invoice, one journal.
    pub release_id: String,
    /// Its number from the `INV` series, e.g. `INV-000043`.
    pub number: String,
}

/// The release tax invoice's share on one invoice: its number, and the released value
/// and the VAT now due on it, per treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseTaxInvoice {
    pub release_id: String,
    pub number: String,
    /// The VAT now due on the released amount (the sum of the parts' VAT).
    pub vat: Rand,
    pub parts: Vec<VatPart>,
}

/// What a supplier's retention release makes claimable: the input VAT, per treatment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleasedVat {
    /// The input VAT now claimable on the released amount.
    pub vat: Rand,
    pub parts: Vec<VatPart>,
}

/// The VAT of some parts.
pub fn vat_of(parts: &[VatPart]) -> Rand {
    parts.iter().map(|p| p.vat).sum()
}

#[cfg(test)]
mod tests;
