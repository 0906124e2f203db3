//! The arguments of finance's reads, checked before any query runs: dates inside the
//! business calendar (PostgreSQL's own range is wider than chrono's in one direction
//! and narrower in the other, so `-9999-01-01` would otherwise fail in the database as
//! an internal error) and ids as identifiers. A refusal names the argument as the
//! schema does (`asAt`, `from`, `id`) and is `BAD_USER_INPUT` at the edge.

use chrono::NaiveDate;
use constructos_commands::CommandError;
use constructos_domain::values::{BusinessDate, Identifier};
use constructos_projections::finance::HistoryFilter;

/// A date argument.
pub(super) fn day(field: &str, date: NaiveDate) -> Result<NaiveDate, CommandError> {
    Ok(BusinessDate::parse(field, date)?.date())
}

/// An optional date argument (an open end of a range).
pub(super) fn maybe_day(
    field: &str,
    date: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, CommandError> {
    Ok(BusinessDate::parse_optional(field, date)?.map(BusinessDate::date))
}

/// An id argument.
pub(super) fn id(field: &str, value: &str) -> Result<String, CommandError> {
    Ok(Identifier::parse(field, value)?.into_string())
}

/// An optional id argument; blank is absent.
pub(super) fn maybe_id(field: &str, value: Option<String>) -> Result<Option<String>, CommandError> {
    Ok(Identifier::parse_optional(field, value.as_deref())?.map(String::from))
}

/// The ledger-history filter, each part checked.
pub(super) fn history(filter: HistoryFilter) -> Result<HistoryFilter, CommandError> {
    Ok(HistoryFilter {
        journal: maybe_id("journal", filter.journal)?,
        account: maybe_id("account", filter.account)?,
        document: maybe_id("document", filter.document)?,
        from: maybe_day("from", filter.from)?,
        to: maybe_day("to", filter.to)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_outside_the_calendar_and_odd_ids_are_refused_by_name() {
        let far = NaiveDate::from_ymd_opt(-9999, 1, 1).expect("chrono date");
        let refused = maybe_day("from", Some(far)).expect_err("outside");
        assert!(
            matches!(&refused, CommandError::Rejected(m) if m.starts_with("from: ")),
            "{refused:?}"
        );
        assert!(id("id", "a\0b").is_err());
        assert_eq!(maybe_id("account", Some("  ".into())).ok(), Some(None));
        assert_eq!(id("id", " 1000 ").ok().as_deref(), Some("1000"));
    }
}
