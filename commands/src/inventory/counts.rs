//! The inputs of stock counts: a count sheet opened for a location, counted quantities
//! recorded product by product, and the posting of the variances.

use constructos_domain::values::{Code, Reference, ValueError};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::inputs::uuid_of;

/// A count sheet to open.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OpenCountInput {
    pub location: String,
    /// The sheet's own reference, e.g. `CNT-2026-11`.
    pub reference: String,
}

impl OpenCountInput {
    pub(super) fn parsed(&self) -> Result<(String, String), ValueError> {
        Ok((
            Code::parse("location", &self.location)?.into_string(),
            Reference::parse("reference", &self.reference)?.into_string(),
        ))
    }
}

/// What was counted of one product.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordCountInput {
    pub count_id: String,
    pub product: String,
    pub counted: Decimal,
}

impl RecordCountInput {
    pub(super) fn parsed(&self) -> Result<(Uuid, String), ValueError> {
        Ok((
            count_id(&self.count_id)?,
            Code::parse("product", &self.product)?.into_string(),
        ))
    }
}

/// A count to post.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PostCountInput {
    pub count_id: String,
}

impl PostCountInput {
    pub(super) fn parsed(&self) -> Result<Uuid, ValueError> {
        count_id(&self.count_id)
    }
}

fn count_id(id: &str) -> Result<Uuid, ValueError> {
    uuid_of("countId", id, "a stock count id (a UUID)")
}
