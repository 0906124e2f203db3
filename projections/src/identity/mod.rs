//! The identity read models: accounts, contacts and users.

mod projection;
mod queries;

pub use projection::IdentityProjection;
pub use queries::{
    AccountFilter, AccountRow, ContactRow, IdentityQueries, InvalidCursor, Page, UserRow, MAX_PAGE,
};
