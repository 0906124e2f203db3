//! The identity read models: accounts (with addresses and status history), contacts,
//! leads and users; and identity's copies of HR's employees and orders' projects.

mod account_queries;
mod apply_account;
mod apply_contact;
mod apply_lead;
mod known_employees;
mod lead_queries;
mod projection;
mod queries;
mod rows;

pub use known_employees::KnownEmployeesProjection;
pub use projection::IdentityProjection;
pub use queries::{IdentityQueries, MAX_PAGE};
pub use rows::{
    AccountFilter, AccountRow, AddressRow, ContactRow, LeadFilter, LeadRow, Page, StatusChangeRow,
    UserRow,
};
