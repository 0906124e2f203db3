//! Ageing what is owed: each open amount goes into a bucket by the days from its
//! document's date to the report date — current (under 30 days), 30, 60, 90 and 120+.
//! Money received or paid but not yet allocated is shown on account and reduces the
//! total, so an aged debtors total equals the trade debtors balance.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Rand;

/// Where an open amount falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgeBucket {
    /// 0–29 days.
    Current,
    /// 30–59 days.
    Days30,
    /// 60–89 days.
    Days60,
    /// 90–119 days.
    Days90,
    /// 120 days and more.
    Days120Plus,
}

/// The bucket of a document dated `document_date`, aged to `as_at`.
pub fn age_bucket(document_date: NaiveDate, as_at: NaiveDate) -> AgeBucket {
    match (as_at - document_date).num_days() {
        ..=29 => AgeBucket::Current,
        30..=59 => AgeBucket::Days30,
        60..=89 => AgeBucket::Days60,
        90..=119 => AgeBucket::Days90,
        _ => AgeBucket::Days120Plus,
    }
}

/// Open amounts by age, less what is held on account.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgedAmounts {
    pub current: Rand,
    pub days30: Rand,
    pub days60: Rand,
    pub days90: Rand,
    pub days120_plus: Rand,
    /// Received (or paid) and not yet allocated.
    pub on_account: Rand,
}

impl AgedAmounts {
    /// Adds an open amount to its bucket.
    pub fn add(&mut self, bucket: AgeBucket, amount: Rand) {
        let slot = match bucket {
            AgeBucket::Current => &mut self.current,
            AgeBucket::Days30 => &mut self.days30,
            AgeBucket::Days60 => &mut self.days60,
            AgeBucket::Days90 => &mut self.days90,
            AgeBucket::Days120Plus => &mut self.days120_plus,
        };
        *slot = *slot + amount;
    }

    /// Adds another line's amounts (for totals).
    pub fn absorb(&mut self, other: &AgedAmounts) {
        self.current = self.current + other.current;
        self.days30 = self.days30 + other.days30;
        self.days60 = self.days60 + other.days60;
        self.days90 = self.days90 + other.days90;
        self.days120_plus = self.days120_plus + other.days120_plus;
        self.on_account = self.on_account + other.on_account;
    }

    /// What is owed in all: every bucket less what is on account.
    pub fn total(&self) -> Rand {
        self.current + self.days30 + self.days60 + self.days90 + self.days120_plus - self.on_account
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn buckets_start_at_30_60_90_and_120_days() {
        let as_at = d(2026, 6, 30);
        let cases = [
            (0, AgeBucket::Current),
            (29, AgeBucket::Current),
            (30, AgeBucket::Days30),
            (59, AgeBucket::Days30),
            (60, AgeBucket::Days60),
            (90, AgeBucket::Days90),
            (119, AgeBucket::Days90),
            (120, AgeBucket::Days120Plus),
            (800, AgeBucket::Days120Plus),
        ];
        for (days, bucket) in cases {
            let date = as_at - chrono::Duration::days(days);
            assert_eq!(age_bucket(date, as_at), bucket, "{days} days");
        }
    }

    #[test]
    fn the_total_is_the_buckets_less_what_is_on_account() {
        let mut a = AgedAmounts::default();
        a.add(AgeBucket::Current, Rand::cents(10_000));
        a.add(AgeBucket::Days120Plus, Rand::cents(5_000));
        a.on_account = Rand::cents(2_500);
        assert_eq!(a.total(), Rand::cents(12_500));
    }
}
