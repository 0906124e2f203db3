//! VAT arithmetic for customer invoices (retention: `retention.rs`). The one place where amounts are
//! rounded: every rounding is half up to the cent (`docs/finance.md`).

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use super::{FinanceError, Rand};

/// How a line is treated for VAT (South Africa, VAT Act 89 of 1991).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VatTreatment {
    /// Standard-rated: 15%.
    Standard,
    /// Zero-rated: 0%, still a taxable supply.
    ZeroRated,
    /// Exempt: no VAT, not a taxable supply.
    Exempt,
}

impl VatTreatment {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            VatTreatment::Standard => "STANDARD",
            VatTreatment::ZeroRated => "ZERO_RATED",
            VatTreatment::Exempt => "EXEMPT",
        }
    }

    /// The rate as a fraction: 0.15 for standard, nought otherwise.
    pub fn rate(self) -> Decimal {
        match self {
            VatTreatment::Standard => Decimal::new(15, 2),
            VatTreatment::ZeroRated | VatTreatment::Exempt => Decimal::ZERO,
        }
    }
}

impl std::str::FromStr for VatTreatment {
    type Err = FinanceError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim() {
            "STANDARD" => Ok(VatTreatment::Standard),
            "ZERO_RATED" => Ok(VatTreatment::ZeroRated),
            "EXEMPT" => Ok(VatTreatment::Exempt),
            other => Err(FinanceError::UnknownVatTreatment(other.to_string())),
        }
    }
}

/// The largest retention percentage accepted.
pub const MAX_RETENTION_PERCENT: Decimal = Decimal::from_parts(20, 0, 0, false, 0);

/// Rounds half up (away from zero; amounts here are positive) to the cent.
pub fn round_to_cent(value: Decimal) -> Result<Rand, FinanceError> {
    let rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    Rand::from_decimal(rounded).map_err(|e| FinanceError::InvalidAmount(e.to_string()))
}

/// A line's value excluding VAT: quantity × unit price, rounded half up to the cent.
pub fn line_value(quantity: Decimal, unit_price: Rand) -> Result<Rand, FinanceError> {
    let value = quantity
        .checked_mul(unit_price.as_decimal())
        .ok_or_else(|| FinanceError::InvalidAmount(format!("{quantity} × {unit_price}")))?;
    round_to_cent(value)
}

/// A line's VAT: its value excluding VAT × the rate, rounded half up to the cent.
pub fn line_vat(value_excl_vat: Rand, treatment: VatTreatment) -> Result<Rand, FinanceError> {
    round_to_cent(value_excl_vat.as_decimal() * treatment.rate())
}

/// Retention as the gross rule withheld it before SARS's rule (documents whose events
/// carry no `retention_basis`): the total incl. VAT × the percentage, rounded half up.
/// Kept to describe those documents; new ones use `retention.rs`.
pub fn gross_retention(total_incl_vat: Rand, percent: Decimal) -> Result<Rand, FinanceError> {
    round_to_cent(total_incl_vat.as_decimal() * percent / Decimal::ONE_HUNDRED)
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    #[test]
    fn vat_rounds_half_up_on_the_cent() {
        // R0.10 × 15% = 0.015 → 0.02; R0.03 × 15% = 0.0045 → 0.00.
        assert_eq!(
            line_vat(Rand::cents(10), VatTreatment::Standard),
            Ok(Rand::cents(2))
        );
        assert_eq!(
            line_vat(Rand::cents(3), VatTreatment::Standard),
            Ok(Rand::cents(0))
        );
        assert_eq!(
            line_vat(Rand::cents(12_345), VatTreatment::ZeroRated),
            Ok(Rand::ZERO)
        );
    }

    #[test]
    fn line_value_rounds_half_up() {
        // 2.5 × R0.33 = 0.825 → 0.83
        assert_eq!(line_value(dec!(2.5), Rand::cents(33)), Ok(Rand::cents(83)));
    }

    #[test]
    fn gross_retention_is_on_the_total_incl_vat() {
        assert_eq!(
            gross_retention(Rand::cents(115_000), dec!(10)),
            Ok(Rand::cents(11_500))
        );
        assert_eq!(
            gross_retention(Rand::cents(1_005), dec!(5)),
            Ok(Rand::cents(50))
        );
    }

    #[test]
    fn an_unknown_treatment_is_refused() {
        assert_eq!(
            "LUXURY".parse::<VatTreatment>(),
            Err(FinanceError::UnknownVatTreatment("LUXURY".into()))
        );
        assert_eq!("ZERO_RATED".parse(), Ok(VatTreatment::ZeroRated));
    }
}
