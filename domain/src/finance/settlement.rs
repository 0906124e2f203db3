//! What is still owed on an invoice or a supplier bill. Both keep the same balance:
//! what fell due when issued, less payments allocated and credit notes applied, plus
//! retention released (released retention falls due). Allocations and credits may
//! never take the open amount below nought; releases never exceed what is withheld.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{FinanceError, Rand};

/// The running balance of one invoice or bill.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenBalance {
    /// Owed when issued: total incl. VAT less retention.
    pub due: Rand,
    /// Withheld when issued.
    pub retention: Rand,
    /// Payments allocated.
    pub allocated: Rand,
    /// Credit notes applied.
    pub credited: Rand,
    /// Retention released so far.
    pub released: Rand,
}

impl OpenBalance {
    /// A balance owing `due` now and withholding `retention`.
    pub fn new(due: Rand, retention: Rand) -> Self {
        Self {
            due,
            retention,
            ..Self::default()
        }
    }

    /// What is still owed now.
    pub fn open(&self) -> Rand {
        self.due + self.released - self.allocated - self.credited
    }

    /// Retention still withheld.
    pub fn retention_held(&self) -> Rand {
        self.retention - self.released
    }

    /// Refuses an allocation or a credit of `amount` that is not positive or more than
    /// is open.
    pub fn check_settlement(&self, amount: Rand) -> Result<(), FinanceError> {
        if !amount.is_positive() {
            return Err(FinanceError::NotPositive("an allocated amount"));
        }
        if amount > self.open() {
            return Err(FinanceError::OverAllocation {
                open: self.open(),
                asked: amount,
            });
        }
        Ok(())
    }

    /// Refuses a release of `amount` that is not positive or more than is withheld.
    pub fn check_release(&self, amount: Rand) -> Result<(), FinanceError> {
        if !amount.is_positive() {
            return Err(FinanceError::NotPositive("a released amount"));
        }
        if amount > self.retention_held() {
            return Err(FinanceError::OverRelease {
                held: self.retention_held(),
                asked: amount,
            });
        }
        Ok(())
    }
}

/// Refuses a settlement dated outside the business calendar or before the document it
/// settles.
pub fn check_not_before(date: NaiveDate, document_date: NaiveDate) -> Result<(), FinanceError> {
    super::fields::date("date", date)?;
    if date < document_date {
        return Err(FinanceError::DatedBeforeDocument {
            date,
            document_date,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> Rand {
        text.parse().expect("amount")
    }

    #[test]
    fn allocations_and_credits_reduce_what_is_open_and_releases_add_to_it() {
        let mut b = OpenBalance::new(r("1000.00"), r("100.00"));
        b.allocated = r("300.00");
        b.credited = r("200.00");
        b.released = r("40.00");
        assert_eq!(b.open(), r("540.00"));
        assert_eq!(b.retention_held(), r("60.00"));
    }

    #[test]
    fn over_allocation_is_refused_and_says_what_is_open() {
        let b = OpenBalance::new(r("100.00"), Rand::ZERO);
        assert_eq!(
            b.check_settlement(r("100.01")),
            Err(FinanceError::OverAllocation {
                open: r("100.00"),
                asked: r("100.01")
            })
        );
        assert!(b.check_settlement(r("100.00")).is_ok());
        assert!(b.check_settlement(Rand::ZERO).is_err());
    }

    #[test]
    fn release_is_limited_to_what_is_withheld() {
        let b = OpenBalance::new(r("900.00"), r("100.00"));
        assert!(b.check_release(r("100.00")).is_ok());
        assert!(matches!(
            b.check_release(r("100.01")),
            Err(FinanceError::OverRelease { .. })
        ));
    }
}
