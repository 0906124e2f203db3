//! The ids the sales domain derives.
//!
//! An opportunity's id is derived from the lead it was converted from (UUID v5 in the
//! sales namespace): a `LeadConverted` delivered twice, or replayed, addresses the same
//! opportunity, which refuses to open again. No read model is consulted.

use uuid::Uuid;

/// The namespace of ids the sales domain derives (UUID v5).
const SALES_NAMESPACE: Uuid = Uuid::from_u128(0x8c41_d2e7_5b93_4f1a_a6d0_2e7f_91c3_54b8);

/// The id of the opportunity opened for the lead `lead_id`: the same lead always gives
/// the same id. A lead id that is a UUID is taken in its canonical (lower-case,
/// hyphenated) form, so `0190…AB` and `0190…ab` are one lead.
pub fn opportunity_id(lead_id: &str) -> String {
    let lead = lead_id.trim();
    let canonical = Uuid::parse_str(lead).map_or_else(|_| lead.to_string(), |u| u.to_string());
    Uuid::new_v5(
        &SALES_NAMESPACE,
        format!("opportunity:{canonical}").as_bytes(),
    )
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_lead_one_opportunity_id() {
        let lead = "0190c7a2-5d1e-7b3a-9f00-1234567890ab";
        let id = opportunity_id(lead);
        assert_eq!(id, opportunity_id(lead));
        assert_eq!(id, opportunity_id(&lead.to_uppercase()));
        assert_eq!(id, opportunity_id(&format!(" {lead} ")));
        assert_ne!(id, opportunity_id("0190c7a2-5d1e-7b3a-9f00-1234567890ac"));
        assert_eq!(
            Uuid::parse_str(&id).map(|u| u.get_version_num()).ok(),
            Some(5)
        );
    }
}
