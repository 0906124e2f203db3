//! The projects stock is issued to and site stores belong to, named by id or code and
//! resolved against inventory's copy of orders' projects (`read_model.known_projects`,
//! kept from orders' topic), so every event carries the project's id.

use sqlx::PgPool;

use crate::decide::internal;
use crate::CommandError;

/// The id of the project `named` (its id or its code); `NOT_FOUND` naming `field` when
/// inventory has not heard of it.
pub(super) async fn project_id(
    pool: &PgPool,
    field: &str,
    named: &str,
) -> Result<String, CommandError> {
    let id: Option<String> = sqlx::query_scalar(
        "SELECT id FROM read_model.known_projects WHERE id = $1 OR code = $1
          ORDER BY id = $1 DESC LIMIT 1",
    )
    .bind(named)
    .fetch_optional(pool)
    .await
    .map_err(|e| internal("Failed to read the known projects", e))?;
    id.ok_or_else(|| CommandError::NotFound(format!("{field}: {named} is not a known project")))
}
