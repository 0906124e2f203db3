//! An employee's leave book: one stream per employee holding every leave request and
//! its decision, so that a request is checked against the balance and the other
//! requests in the same write (two requests at once cannot both spend the last day).
//!
//! Days are **working days** of the employee's week (a five-day week is Monday to
//! Friday, a six-day week adds Saturday, fewer days start on Monday), never a public
//! holiday (BCEA s 20(6)). Balances are computed by [`balance`] — the same function
//! the read side answers with — from the employment facts and the requests:
//! annual leave accrues through its cycle (a cycle runs from the hiring anniversary),
//! sick leave per 36-month cycle, family responsibility leave per annual cycle.
//! Maternity leave is up to four consecutive months (s 25); unpaid leave has no limit.

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};
use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::holidays::is_public_holiday;
use super::leave::{
    annual_leave_earned, family_responsibility_days, sick_cycle_start, sick_leave_entitlement,
    AnnualLeaveBasis,
};
use super::HrError;

/// The aggregate type of leave books in the event store.
pub const LEAVE_BOOK_AGGREGATE: &str = "hr.leave_book";

/// The kinds of leave the BCEA gives, and unpaid leave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LeaveKind {
    Annual,
    Sick,
    FamilyResponsibility,
    Maternity,
    Unpaid,
}

impl LeaveKind {
    /// Every kind, in the order balances are shown.
    pub const ALL: [LeaveKind; 5] = [
        LeaveKind::Annual,
        LeaveKind::Sick,
        LeaveKind::FamilyResponsibility,
        LeaveKind::Maternity,
        LeaveKind::Unpaid,
    ];

    /// How the kind reads in a message.
    pub fn label(self) -> &'static str {
        match self {
            LeaveKind::Annual => "annual leave",
            LeaveKind::Sick => "sick leave",
            LeaveKind::FamilyResponsibility => "family responsibility leave",
            LeaveKind::Maternity => "maternity leave",
            LeaveKind::Unpaid => "unpaid leave",
        }
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LeaveStatus {
    Pending,
    Approved,
    Declined,
    Cancelled,
}

/// What the rules need to know of the employment, read from the employee's record as
/// stored when the command is decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmploymentFacts {
    pub hired_on: NaiveDate,
    pub last_day: Option<NaiveDate>,
    pub days_per_week: u8,
    pub basis: AnnualLeaveBasis,
}

/// One request as the book holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveEntry {
    pub kind: LeaveKind,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub days: Decimal,
    pub status: LeaveStatus,
}

impl LeaveEntry {
    fn holds_days(&self) -> bool {
        matches!(self.status, LeaveStatus::Pending | LeaveStatus::Approved)
    }
}

/// A kind's balance on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveBalance {
    pub kind: LeaveKind,
    pub cycle_start: NaiveDate,
    pub cycle_end: NaiveDate,
    /// What the cycle gives up to the date.
    pub entitled: Decimal,
    /// Approved days in the cycle.
    pub taken: Decimal,
    /// Requested days awaiting a decision.
    pub pending: Decimal,
    /// Entitled less taken and pending (never shown below nought).
    pub available: Decimal,
}

/// Whether `date` is one of the working days of a `days_per_week` week.
pub fn is_working_day(date: NaiveDate, days_per_week: u8) -> bool {
    let weekday = date.weekday().num_days_from_monday();
    weekday < u32::from(days_per_week.clamp(1, 7)) && !is_public_holiday(date)
}

/// The working days from `from` to `to`, both included.
pub fn working_days(from: NaiveDate, to: NaiveDate, days_per_week: u8) -> Decimal {
    let count = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| is_working_day(*d, days_per_week))
        .count();
    Decimal::from(count)
}

/// The start of the annual cycle `on` falls in: the latest hiring anniversary on or
/// before it (29 February hires count from 28 February in other years).
pub fn annual_cycle_start(hired_on: NaiveDate, on: NaiveDate) -> NaiveDate {
    let mut years = on.year() - hired_on.year();
    loop {
        let start = hired_on
            .checked_add_months(Months::new(12 * years.max(0) as u32))
            .unwrap_or(hired_on);
        if start <= on || years <= 0 {
            return start;
        }
        years -= 1;
    }
}

fn months_between(start: NaiveDate, on: NaiveDate) -> u32 {
    let mut months = 0;
    while let Some(next) = start.checked_add_months(Months::new(months + 1)) {
        if next > on {
            break;
        }
        months += 1;
    }
    months
}

fn plus_months_less_a_day(start: NaiveDate, months: u32) -> NaiveDate {
    start
        .checked_add_months(Months::new(months))
        .and_then(|d| d.pred_opt())
        .unwrap_or(start)
}

/// Days worked from `start` to the day before `on`: the working days less leave days
/// that fell in them (an approximation until time is kept for every employee).
fn days_worked<'a>(
    facts: &EmploymentFacts,
    start: NaiveDate,
    on: NaiveDate,
    entries: impl Iterator<Item = &'a LeaveEntry>,
) -> u32 {
    let Some(until) = on.pred_opt() else { return 0 };
    if until < start {
        return 0;
    }
    let worked = working_days(start, until, facts.days_per_week);
    let away: Decimal = entries
        .filter(|e| e.status == LeaveStatus::Approved && e.from >= start && e.from <= until)
        .map(|e| working_days(e.from, e.to.min(until), facts.days_per_week))
        .sum();
    u32::try_from((worked - away).max(Decimal::ZERO).trunc().mantissa()).unwrap_or(0)
}

/// The balance of `kind` on `on` (`None` for maternity and unpaid leave, which have
/// none): the cycle `on` falls in, what it gives up to `on`, and what requests hold.
pub fn balance<'a>(
    facts: &EmploymentFacts,
    kind: LeaveKind,
    on: NaiveDate,
    entries: impl Iterator<Item = &'a LeaveEntry> + Clone,
) -> Option<LeaveBalance> {
    let dpw = facts.days_per_week;
    let (cycle_start, cycle_end, entitled) = match kind {
        LeaveKind::Annual => {
            let start = annual_cycle_start(facts.hired_on, on);
            let worked = days_worked(facts, start, on, entries.clone());
            let earned = annual_leave_earned(facts.basis, dpw, months_between(start, on), worked);
            (start, plus_months_less_a_day(start, 12), earned)
        }
        LeaveKind::FamilyResponsibility => {
            let start = annual_cycle_start(facts.hired_on, on);
            let days = family_responsibility_days(facts.hired_on, on, dpw);
            (start, plus_months_less_a_day(start, 12), days)
        }
        LeaveKind::Sick => {
            let start = sick_cycle_start(facts.hired_on, on);
            let worked = days_worked(facts, facts.hired_on, on, entries.clone());
            let days = sick_leave_entitlement(facts.hired_on, on, dpw, worked);
            (start, plus_months_less_a_day(start, 36), days)
        }
        LeaveKind::Maternity | LeaveKind::Unpaid => return None,
    };
    let in_cycle = entries
        .filter(|e| e.kind == kind && e.from >= cycle_start && e.from <= cycle_end)
        .collect::<Vec<_>>();
    let sum = |status| {
        in_cycle
            .iter()
            .filter(|e| e.status == status)
            .map(|e| e.days)
            .sum::<Decimal>()
    };
    let (taken, pending) = (sum(LeaveStatus::Approved), sum(LeaveStatus::Pending));
    Some(LeaveBalance {
        kind,
        cycle_start,
        cycle_end,
        entitled,
        taken,
        pending,
        available: (entitled - taken - pending).max(Decimal::ZERO),
    })
}

/// Commands to a leave book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LeaveCommand {
    /// Ask for leave from `from` to `to` (both included).
    Request {
        request_id: String,
        kind: LeaveKind,
        from: NaiveDate,
        to: NaiveDate,
        reason: String,
        facts: EmploymentFacts,
    },
    /// The line manager (or HR) grants a pending request.
    Approve { request_id: String, by: String },
    /// The line manager (or HR) refuses a pending request, saying why.
    Decline {
        request_id: String,
        by: String,
        reason: String,
    },
    /// The employee withdraws a request: pending, or approved and not yet begun.
    Cancel {
        request_id: String,
        today: NaiveDate,
    },
}

/// Events of a leave book.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LeaveEvent {
    LeaveRequested {
        request_id: String,
        kind: LeaveKind,
        from: NaiveDate,
        to: NaiveDate,
        days: Decimal,
        reason: String,
    },
    LeaveApproved {
        request_id: String,
        by: String,
    },
    LeaveDeclined {
        request_id: String,
        by: String,
        reason: String,
    },
    LeaveCancelled {
        request_id: String,
    },
}

impl DomainEvent for LeaveEvent {
    fn event_type(&self) -> String {
        match self {
            LeaveEvent::LeaveRequested { .. } => "LeaveRequested",
            LeaveEvent::LeaveApproved { .. } => "LeaveApproved",
            LeaveEvent::LeaveDeclined { .. } => "LeaveDeclined",
            LeaveEvent::LeaveCancelled { .. } => "LeaveCancelled",
        }
        .to_string()
    }

    fn event_version(&self) -> String {
        "1".to_string()
    }
}

/// An employee's leave requests, by request id.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeaveBook {
    requests: BTreeMap<String, LeaveEntry>,
}

fn refuse(message: String) -> HrError {
    HrError::Leave(message)
}

impl LeaveBook {
    /// Every request in the book.
    pub fn entries(&self) -> impl Iterator<Item = &LeaveEntry> + Clone {
        self.requests.values()
    }

    fn pending(&self, request_id: &str) -> Result<&LeaveEntry, HrError> {
        let entry = self
            .requests
            .get(request_id)
            .ok_or_else(|| HrError::LeaveRequestNotFound(request_id.to_string()))?;
        if entry.status != LeaveStatus::Pending {
            return Err(refuse(format!(
                "the request is {}, not pending",
                format!("{:?}", entry.status).to_lowercase()
            )));
        }
        Ok(entry)
    }

    fn decide(&self, command: LeaveCommand) -> Result<LeaveEvent, HrError> {
        match command {
            LeaveCommand::Request {
                request_id,
                kind,
                from,
                to,
                reason,
                facts,
            } => {
                if self.requests.contains_key(&request_id) {
                    return Err(refuse(format!("the request {request_id} exists already")));
                }
                self.check_request(kind, from, to, &facts)
                    .map(|days| LeaveEvent::LeaveRequested {
                        request_id,
                        kind,
                        from,
                        to,
                        days,
                        reason,
                    })
            }
            LeaveCommand::Approve { request_id, by } => {
                self.pending(&request_id)?;
                Ok(LeaveEvent::LeaveApproved { request_id, by })
            }
            LeaveCommand::Decline {
                request_id,
                by,
                reason,
            } => {
                self.pending(&request_id)?;
                Ok(LeaveEvent::LeaveDeclined {
                    request_id,
                    by,
                    reason,
                })
            }
            LeaveCommand::Cancel { request_id, today } => {
                let entry = self
                    .requests
                    .get(&request_id)
                    .ok_or_else(|| HrError::LeaveRequestNotFound(request_id.clone()))?;
                match entry.status {
                    LeaveStatus::Pending => {}
                    LeaveStatus::Approved if entry.from > today => {}
                    LeaveStatus::Approved => {
                        return Err(refuse(format!(
                            "leave that began on {} cannot be cancelled",
                            entry.from
                        )))
                    }
                    _ => return Err(refuse("the request is already decided".to_string())),
                }
                Ok(LeaveEvent::LeaveCancelled { request_id })
            }
        }
    }

    /// The working days a request spends, or why it is refused.
    fn check_request(
        &self,
        kind: LeaveKind,
        from: NaiveDate,
        to: NaiveDate,
        facts: &EmploymentFacts,
    ) -> Result<Decimal, HrError> {
        if to < from {
            return Err(refuse(format!("to: {to} is before from {from}")));
        }
        if from < facts.hired_on {
            return Err(refuse(format!(
                "from: {from} is before the employment began on {}",
                facts.hired_on
            )));
        }
        if let Some(last) = facts.last_day.filter(|last| to > *last) {
            return Err(refuse(format!(
                "to: {to} is after the last day worked, {last}"
            )));
        }
        if to > plus_months_less_a_day(from, 12) {
            return Err(refuse("to: one request covers at most a year".to_string()));
        }
        if kind == LeaveKind::Maternity && to > plus_months_less_a_day(from, 4) {
            return Err(refuse(format!(
                "to: maternity leave is four consecutive months (BCEA s 25), to {} at most",
                plus_months_less_a_day(from, 4)
            )));
        }
        if let Some(other) = self
            .entries()
            .find(|e| e.holds_days() && e.from <= to && from <= e.to)
        {
            return Err(refuse(format!(
                "the dates overlap {} already requested from {} to {}",
                other.kind.label(),
                other.from,
                other.to
            )));
        }
        let days = working_days(from, to, facts.days_per_week);
        if days.is_zero() {
            return Err(refuse(format!(
                "no working day from {from} to {to} (weekends and public holidays are not leave days)"
            )));
        }
        if let Some(balance) = balance(facts, kind, from, self.entries()) {
            if days > balance.available {
                return Err(refuse(format!(
                    "{} of {} asked, {} available on {from} ({} entitled in the cycle from {}, {} taken, {} pending)",
                    days,
                    kind.label(),
                    balance.available,
                    balance.entitled,
                    balance.cycle_start,
                    balance.taken,
                    balance.pending
                )));
            }
        }
        Ok(days)
    }
}

impl Aggregate for LeaveBook {
    const TYPE: &'static str = LEAVE_BOOK_AGGREGATE;
    type Command = LeaveCommand;
    type Event = LeaveEvent;
    type Error = HrError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        let mut set = |id: &str, status| {
            if let Some(entry) = self.requests.get_mut(id) {
                entry.status = status;
            }
        };
        match event {
            LeaveEvent::LeaveRequested {
                request_id,
                kind,
                from,
                to,
                days,
                ..
            } => {
                self.requests.insert(
                    request_id,
                    LeaveEntry {
                        kind,
                        from,
                        to,
                        days,
                        status: LeaveStatus::Pending,
                    },
                );
            }
            LeaveEvent::LeaveApproved { request_id, .. } => set(&request_id, LeaveStatus::Approved),
            LeaveEvent::LeaveDeclined { request_id, .. } => set(&request_id, LeaveStatus::Declined),
            LeaveEvent::LeaveCancelled { request_id } => set(&request_id, LeaveStatus::Cancelled),
        }
    }
}

impl crate::stored::Stored for LeaveBook {}

#[cfg(test)]
mod tests {
    use super::*;
    use cqrs_es::test::TestFramework;
    use proptest::prelude::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn facts() -> EmploymentFacts {
        EmploymentFacts {
            hired_on: day(2024, 3, 1),
            last_day: None,
            days_per_week: 5,
            basis: AnnualLeaveBasis::PerCycle,
        }
    }

    fn request(id: &str, kind: LeaveKind, from: NaiveDate, to: NaiveDate) -> LeaveCommand {
        LeaveCommand::Request {
            request_id: id.into(),
            kind,
            from,
            to,
            reason: "family holiday".into(),
            facts: facts(),
        }
    }

    fn requested(
        id: &str,
        kind: LeaveKind,
        from: NaiveDate,
        to: NaiveDate,
        days: i64,
    ) -> LeaveEvent {
        LeaveEvent::LeaveRequested {
            request_id: id.into(),
            kind,
            from,
            to,
            days: Decimal::from(days),
            reason: "family holiday".into(),
        }
    }

    #[test]
    fn working_days_skip_weekends_and_public_holidays() {
        // Mon 15 Dec to Fri 26 Dec 2025: 16, 25 and 26 December are holidays.
        assert_eq!(
            working_days(day(2025, 12, 15), day(2025, 12, 26), 5),
            Decimal::from(7)
        );
        // A six-day week counts the Saturdays (20 December).
        assert_eq!(
            working_days(day(2025, 12, 15), day(2025, 12, 26), 6),
            Decimal::from(8)
        );
    }

    #[test]
    fn annual_leave_accrues_through_the_cycle() {
        let b = balance(
            &facts(),
            LeaveKind::Annual,
            day(2025, 9, 1),
            std::iter::empty(),
        )
        .expect("annual");
        assert_eq!(b.cycle_start, day(2025, 3, 1));
        assert_eq!(b.cycle_end, day(2026, 2, 28));
        // Six months of fifteen days a year.
        assert_eq!(b.entitled, Decimal::new(750, 2));
    }

    #[test]
    fn balances_start_again_at_the_cycle_boundary() {
        // Five days taken in the cycle from 1 March 2025.
        let taken = [LeaveEntry {
            kind: LeaveKind::Annual,
            from: day(2025, 9, 1),
            to: day(2025, 9, 5),
            days: Decimal::from(5),
            status: LeaveStatus::Approved,
        }];
        let before =
            balance(&facts(), LeaveKind::Annual, day(2026, 2, 28), taken.iter()).expect("annual");
        assert_eq!(
            (before.entitled, before.taken, before.available),
            (
                Decimal::new(1375, 2),
                Decimal::from(5),
                Decimal::new(875, 2)
            )
        );
        let after =
            balance(&facts(), LeaveKind::Annual, day(2026, 3, 1), taken.iter()).expect("annual");
        assert_eq!(after.cycle_start, day(2026, 3, 1));
        assert_eq!(
            (after.entitled, after.taken),
            (Decimal::ZERO, Decimal::ZERO),
            "a new cycle: nothing accrued, nothing taken"
        );
        let later =
            balance(&facts(), LeaveKind::Annual, day(2026, 6, 1), taken.iter()).expect("annual");
        assert_eq!(
            later.entitled,
            Decimal::new(375, 2),
            "three months of the new cycle"
        );
        // Sick leave's 36-month cycle from hiring runs on across the annual boundary.
        let sick = balance(&facts(), LeaveKind::Sick, day(2026, 3, 1), taken.iter()).expect("sick");
        assert_eq!(
            (sick.cycle_start, sick.entitled),
            (day(2024, 3, 1), Decimal::from(30))
        );
    }

    #[test]
    fn a_request_is_counted_in_working_days_and_held_against_the_balance() {
        TestFramework::<LeaveBook>::with(())
            .given_no_previous_events()
            .when(request(
                "r1",
                LeaveKind::Annual,
                day(2025, 9, 1),
                day(2025, 9, 5),
            ))
            .then_expect_events(vec![requested(
                "r1",
                LeaveKind::Annual,
                day(2025, 9, 1),
                day(2025, 9, 5),
                5,
            )]);
        // 7.5 entitled on 1 September, 5 pending: three more days are too many.
        let mut book = LeaveBook::default();
        book.apply(requested(
            "r1",
            LeaveKind::Annual,
            day(2025, 9, 1),
            day(2025, 9, 5),
            5,
        ));
        let refused = book
            .decide(request(
                "r2",
                LeaveKind::Annual,
                day(2025, 9, 8),
                day(2025, 9, 10),
            ))
            .expect_err("over the balance");
        assert!(refused.to_string().contains("2.50 available"), "{refused}");
    }

    #[test]
    fn overlapping_requests_and_days_without_work_are_refused() {
        let mut book = LeaveBook::default();
        book.apply(requested(
            "r1",
            LeaveKind::Sick,
            day(2025, 9, 1),
            day(2025, 9, 2),
            2,
        ));
        let overlap = book
            .decide(request(
                "r2",
                LeaveKind::Annual,
                day(2025, 9, 2),
                day(2025, 9, 3),
            ))
            .expect_err("overlap");
        assert!(
            overlap.to_string().contains("overlap sick leave"),
            "{overlap}"
        );
        let weekend = book
            .decide(request(
                "r3",
                LeaveKind::Annual,
                day(2025, 9, 6),
                day(2025, 9, 7),
            ))
            .expect_err("weekend");
        assert!(weekend.to_string().contains("no working day"), "{weekend}");
        let early = book
            .decide(request(
                "r4",
                LeaveKind::Unpaid,
                day(2024, 2, 1),
                day(2024, 2, 2),
            ))
            .expect_err("before hiring");
        assert!(
            early.to_string().contains("before the employment"),
            "{early}"
        );
    }

    #[test]
    fn family_responsibility_leave_needs_four_months_service() {
        let mut young = facts();
        young.hired_on = day(2025, 8, 1);
        let b = balance(
            &young,
            LeaveKind::FamilyResponsibility,
            day(2025, 10, 1),
            std::iter::empty(),
        )
        .expect("family");
        assert_eq!(b.available, Decimal::ZERO);
        let b = balance(
            &young,
            LeaveKind::FamilyResponsibility,
            day(2025, 12, 2),
            std::iter::empty(),
        )
        .expect("family");
        assert_eq!(b.available, Decimal::from(3));
    }

    #[test]
    fn decisions_need_a_pending_request_and_cancelling_begun_leave_is_refused() {
        let given = vec![
            requested("r1", LeaveKind::Unpaid, day(2025, 9, 1), day(2025, 9, 2), 2),
            LeaveEvent::LeaveApproved {
                request_id: "r1".into(),
                by: "manager".into(),
            },
        ];
        TestFramework::<LeaveBook>::with(())
            .given(given.clone())
            .when(LeaveCommand::Approve {
                request_id: "r1".into(),
                by: "manager".into(),
            })
            .then_expect_error(HrError::Leave(
                "the request is approved, not pending".into(),
            ));
        TestFramework::<LeaveBook>::with(())
            .given(given.clone())
            .when(LeaveCommand::Cancel {
                request_id: "r1".into(),
                today: day(2025, 8, 20),
            })
            .then_expect_events(vec![LeaveEvent::LeaveCancelled {
                request_id: "r1".into(),
            }]);
        TestFramework::<LeaveBook>::with(())
            .given(given)
            .when(LeaveCommand::Cancel {
                request_id: "r1".into(),
                today: day(2025, 9, 1),
            })
            .then_expect_error(HrError::Leave(
                "leave that began on 2025-09-01 cannot be cancelled".into(),
            ));
        TestFramework::<LeaveBook>::with(())
            .given_no_previous_events()
            .when(LeaveCommand::Decline {
                request_id: "x".into(),
                by: "m".into(),
                reason: "busy".into(),
            })
            .then_expect_error(HrError::LeaveRequestNotFound("x".into()));
    }

    proptest! {
        /// Whatever is asked, the days held (pending and approved) of a kind never
        /// pass what the cycle gives: a request over the balance is refused.
        #[test]
        fn held_days_never_pass_the_entitlement(
            asks in proptest::collection::vec((0usize..3, 0i64..700, 0i64..20, any::<bool>()), 1..25)
        ) {
            let kinds = [LeaveKind::Annual, LeaveKind::Sick, LeaveKind::FamilyResponsibility];
            let mut book = LeaveBook::default();
            for (n, (kind, start, length, approve)) in asks.into_iter().enumerate() {
                let from = day(2024, 3, 1) + chrono::Duration::days(start);
                let to = from + chrono::Duration::days(length);
                let id = format!("r{n}");
                if let Ok(event) = book.decide(request(&id, kinds[kind], from, to)) {
                    book.apply(event);
                    if approve {
                        book.apply(LeaveEvent::LeaveApproved { request_id: id, by: "m".into() });
                    }
                    let b = balance(&facts(), kinds[kind], from, book.entries()).expect("balance");
                    prop_assert!(b.taken + b.pending <= b.entitled, "{b:?}");
                }
            }
        }
    }
}
