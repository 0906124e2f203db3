//! The identity read models: accounts and contacts.

mod projection;
mod queries;

pub use projection::IdentityProjection;
pub use queries::{
    AccountFilter, AccountRow, ContactRow, IdentityQueries, InvalidCursor, Page, MAX_PAGE,
};
