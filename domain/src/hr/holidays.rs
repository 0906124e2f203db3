//! The public holidays of South Africa, as data: the fixed days of the Public Holidays
//! Act 36 of 1994 (Schedule 1) and the two that follow Easter, plus days the President
//! declares for one year (e.g. an election day). Section 2(1) of the Act: when a public
//! holiday falls on a Sunday, the Monday after it is a public holiday.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// A public holiday on a date, with its name; `observed` when it is the Monday after a
/// holiday that fell on a Sunday.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicHoliday {
    pub date: NaiveDate,
    pub name: String,
    pub observed: bool,
}

/// The holidays on the same day every year: (month, day, name).
pub const FIXED: [(u32, u32, &str); 10] = [
    (1, 1, "New Year's Day"),
    (3, 21, "Human Rights Day"),
    (4, 27, "Freedom Day"),
    (5, 1, "Workers' Day"),
    (6, 16, "Youth Day"),
    (8, 9, "National Women's Day"),
    (9, 24, "Heritage Day"),
    (12, 16, "Day of Reconciliation"),
    (12, 25, "Christmas Day"),
    (12, 26, "Day of Goodwill"),
];

/// Days declared a public holiday for one year only (section 2A of the Act).
pub const DECLARED: [(i32, u32, u32, &str); 3] = [
    (2016, 8, 3, "Local government elections"),
    (2019, 5, 8, "National and provincial elections"),
    (2024, 5, 29, "National and provincial elections"),
];

/// Easter Sunday of `year` (the Gregorian computus, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Every public holiday of `year`, in date order, with the Mondays observed for those
/// that fell on a Sunday.
pub fn public_holidays(year: i32) -> Vec<PublicHoliday> {
    let mut days: Vec<(NaiveDate, String)> = FIXED
        .iter()
        .filter_map(|(m, d, name)| Some((NaiveDate::from_ymd_opt(year, *m, *d)?, name.to_string())))
        .collect();
    if let Some(easter) = easter_sunday(year) {
        days.push((easter - Duration::days(2), "Good Friday".to_string()));
        days.push((easter + Duration::days(1), "Family Day".to_string()));
    }
    days.extend(
        DECLARED
            .iter()
            .filter(|(y, ..)| *y == year)
            .filter_map(|(y, m, d, name)| {
                Some((NaiveDate::from_ymd_opt(*y, *m, *d)?, name.to_string()))
            }),
    );
    let mut holidays: Vec<PublicHoliday> = days
        .iter()
        .map(|(date, name)| PublicHoliday {
            date: *date,
            name: name.clone(),
            observed: false,
        })
        .collect();
    for (date, name) in &days {
        if date.weekday() == Weekday::Sun {
            let monday = *date + Duration::days(1);
            if !days.iter().any(|(d, _)| *d == monday) {
                holidays.push(PublicHoliday {
                    date: monday,
                    name: format!("{name} (observed)"),
                    observed: true,
                });
            }
        }
    }
    holidays.sort_by_key(|h| h.date);
    holidays
}

/// Whether `date` is a public holiday (observed Mondays included).
pub fn is_public_holiday(date: NaiveDate) -> bool {
    public_holidays(date.year()).iter().any(|h| h.date == date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn easter_moves_good_friday_and_family_day() {
        assert_eq!(easter_sunday(2026), Some(day(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(day(2027, 3, 28)));
        let h = public_holidays(2026);
        assert!(h
            .iter()
            .any(|h| h.date == day(2026, 4, 3) && h.name == "Good Friday"));
        assert!(h
            .iter()
            .any(|h| h.date == day(2026, 4, 6) && h.name == "Family Day"));
    }

    #[test]
    fn a_holiday_on_a_sunday_is_observed_on_the_monday() {
        // Youth Day 2024 fell on a Sunday; Monday 17 June was a public holiday.
        let h = public_holidays(2024);
        assert!(h.iter().any(|h| h.date == day(2024, 6, 17) && h.observed));
        assert!(is_public_holiday(day(2024, 6, 17)));
        // Freedom Day 2025 (Sunday) → Monday 28 April 2025.
        assert!(is_public_holiday(day(2025, 4, 28)));
        // Human Rights Day 2026 is a Saturday: no Monday is added for it. Christmas
        // 2027 is a Saturday too, but the Day of Goodwill after it a Sunday: Monday 27th.
        assert!(!is_public_holiday(day(2026, 3, 23)));
        assert!(is_public_holiday(day(2027, 12, 27)));
        assert!(is_public_holiday(day(2024, 5, 29)));
        assert!(!is_public_holiday(day(2026, 6, 17)));
        // 2026: twelve holidays, and National Women's Day on a Sunday observed on
        // Monday 10 August.
        let twenty_six = public_holidays(2026);
        assert_eq!(twenty_six.len(), 13);
        assert!(is_public_holiday(day(2026, 8, 10)));
    }
}
