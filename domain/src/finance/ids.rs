//! Ids finance derives from another domain's ids (UUID v5), so that the same source
//! always gives the same document — a redelivered event finds what it already raised,
//! and the source's domain can name the document without asking finance.

use uuid::Uuid;

const FINANCE_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_2a8e_5b3d_4c7f_9e21_0a4b_8c6d_2e10);

/// The id derived from `key` for documents of `kind`.
pub fn derived_id(kind: &str, key: &str) -> String {
    Uuid::new_v5(&FINANCE_NAMESPACE, format!("{kind}:{key}").as_bytes()).to_string()
}

/// The tax invoice finance raises for orders' approved progress claim `claim_id`.
pub fn invoice_id_for_claim(claim_id: &str) -> String {
    derived_id("claim", claim_id)
}
