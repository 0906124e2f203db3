//! What is still owed on an invoice or a supplier bill. Both keep the same balance:
//! what fell due when issued, less payments allocated and credit notes applied, plus
//! retention released with its VAT (released retention falls due). Allocations and credits may
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
    /// Retention released so far (excl. VAT).
    pub released: Rand,
    /// The VAT that fell due with the released retention (SARS's rule; nought under
    /// the gross rule, whose retention included its VAT).
    #[serde(default)]
    pub released_vat: Rand,
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
        self.due + self.released + self.released_vat - self.allocated - self.credited
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
mod tests;
