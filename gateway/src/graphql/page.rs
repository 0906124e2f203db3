//! What every cursor-paged list in the schema shares.

use async_graphql::SimpleObject;

/// Where a page ends.
#[derive(SimpleObject)]
pub struct PageInfo {
    /// Pass as `after` for the next page.
    pub(crate) end_cursor: Option<String>,
    pub(crate) has_next_page: bool,
}
