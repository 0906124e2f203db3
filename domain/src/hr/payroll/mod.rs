//! Payroll by South African law, as pure rules: PAYE from SARS's tax tables for the
//! tax year of the pay date ([`tables`]), UIF and SDL ([`paye`]), and the COIDA
//! assessment estimate ([`coida`]). The tables are data (`tables/<tax year>.json` and
//! `tables/coida.json`, each citing its source), so a new year is a new entry.

pub mod coida;
pub mod pay_run;
pub mod paye;
pub mod tables;

pub use pay_run::{PayRun, PayRunCommand, PayRunEvent, PayRunStatus, PAY_RUN_AGGREGATE};
pub use paye::{calculate, calculate_under, MonthlyDeductions, PayeInput};
pub use tables::{tax_year_of, TaxTable, TAX_TABLES};
