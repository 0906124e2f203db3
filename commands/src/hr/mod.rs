//! HR commands: employee records and profiles, leave, timesheets and pay runs.

mod inputs;
mod leave;
mod pay_runs;
mod profiles;
mod service;
mod timesheets;

pub use inputs::HireEmployeeInput;
pub use leave::{facts_of, CancelLeaveInput, DecideLeaveInput, RequestLeaveInput};
pub use pay_runs::{Calculation, OpenPayRunInput, WhatIfCorrection, WhatIfLine};
pub use profiles::{BankAccountInput, SetProfileInput};
pub use service::HrCommands;
pub use timesheets::{SubmitTimesheetInput, TimeEntryInput, MAX_ENTRIES};
