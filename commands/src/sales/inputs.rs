//! The inputs of sales commands as the service API carries them, and the builders that
//! turn them into domain commands: every field parsed into its value type, named as the
//! caller knows it (the GraphQL argument), before anything is read or written.

use constructos_domain::identity::Opportunity as LeadOpportunity;
use constructos_domain::sales::{opportunity_id, OpportunityCommand};
use constructos_domain::values::{Identifier, Name, Problem, Reason, ValueError};
use uuid::Uuid;

/// An id that must be a UUID (an opportunity's, a lead's, an account's, a contact's):
/// returned in canonical form, lower-case and hyphenated.
pub fn opportunity_uuid(field: &str, value: &str) -> Result<Identifier, ValueError> {
    // The identifier rule first: what a refusal repeats is then plain, short ASCII.
    let given = Identifier::parse(field, value)?;
    match Uuid::parse_str(given.as_str()) {
        Ok(uuid) => Identifier::parse(field, &uuid.hyphenated().to_string()),
        Err(_) => Err(ValueError::new(
            field,
            Problem::Malformed {
                value: given.into_string(),
                expected: "a UUID",
            },
        )),
    }
}

/// The command that opens the opportunity the lead `lead_id` was converted into, and
/// the id it is sent to (derived from the lead, so a repeated conversion lands on it);
/// `probability` is qualification's as configured.
pub fn open_from_lead(
    lead_id: &str,
    account_id: &str,
    contact_id: &str,
    opportunity: &LeadOpportunity,
    probability: u8,
) -> Result<(String, OpportunityCommand), ValueError> {
    let lead_id = opportunity_uuid("leadId", lead_id)?;
    let id = opportunity_id(lead_id.as_str());
    let command = OpportunityCommand::OpenFromLead {
        lead_id,
        account_id: opportunity_uuid("accountId", account_id)?,
        contact_id: opportunity_uuid("contactId", contact_id)?,
        name: Name::parse("opportunity.companyName", &opportunity.company_name)?,
        estimated_value: opportunity.estimated_value,
        owner: Name::parse("opportunity.owner", &opportunity.owner)?,
        source: opportunity.source,
        probability,
    };
    Ok((id, command))
}

/// The command that closes an opportunity as lost.
pub fn lose(
    reason: &str,
    competitor: Option<&str>,
    owned_by: Option<String>,
) -> Result<OpportunityCommand, ValueError> {
    Ok(OpportunityCommand::Lose {
        reason: Reason::parse("reason", reason)?,
        competitor: Name::parse_optional("competitor", competitor)?,
        owned_by,
    })
}

#[cfg(test)]
mod tests {
    use constructos_domain::identity::LeadSource;
    use proptest::prelude::*;

    use super::*;

    const LEAD: &str = "0190c7a2-5d1e-7b3a-9f00-1234567890ab";
    const ACCOUNT: &str = "0190c7a2-5d1e-7b3a-9f00-0000000000a1";
    const CONTACT: &str = "0190c7a2-5d1e-7b3a-9f00-0000000000c1";

    fn lead() -> LeadOpportunity {
        LeadOpportunity {
            company_name: "Mahlangu Developments".into(),
            contact_name: "Nomsa Mahlangu".into(),
            source: LeadSource::Referral,
            estimated_value: None,
            owner: "rep-1".into(),
        }
    }

    #[test]
    fn ids_must_be_uuids_and_are_kept_canonical() {
        assert_eq!(
            opportunity_uuid("id", &format!(" {} ", LEAD.to_uppercase())).map(String::from),
            Ok(LEAD.to_string())
        );
        for bad in [
            "acc-1",
            "",
            "0190c7a2",
            "0190c7a2-5d1e-7b3a-9f00-1234567890ab\u{0}",
        ] {
            assert_eq!(
                opportunity_uuid("id", bad).map_err(|e| e.field),
                Err("id".to_string()),
                "{bad:?}"
            );
        }
        assert_eq!(
            opportunity_uuid("id", "acc-1").map_err(|e| e.to_string()),
            Err("id: 'acc-1' is not a UUID".to_string())
        );
    }

    #[test]
    fn the_opportunity_id_follows_the_lead() {
        let (a, _) = open_from_lead(LEAD, ACCOUNT, CONTACT, &lead(), 10).expect("valid");
        let (b, _) =
            open_from_lead(&LEAD.to_uppercase(), ACCOUNT, CONTACT, &lead(), 10).expect("valid");
        assert_eq!(a, b);
        assert_eq!(a, opportunity_id(LEAD));
    }

    #[test]
    fn each_field_is_named() {
        let mut long = lead();
        long.company_name = "x".repeat(201);
        let mut blank = lead();
        blank.owner = " ".into();
        let cases = [
            (
                open_from_lead("lead-1", ACCOUNT, CONTACT, &lead(), 10),
                "leadId",
            ),
            (
                open_from_lead(LEAD, "acc-1", CONTACT, &lead(), 10),
                "accountId",
            ),
            (open_from_lead(LEAD, ACCOUNT, "c", &lead(), 10), "contactId"),
            (
                open_from_lead(LEAD, ACCOUNT, CONTACT, &long, 10),
                "opportunity.companyName",
            ),
            (
                open_from_lead(LEAD, ACCOUNT, CONTACT, &blank, 10),
                "opportunity.owner",
            ),
        ];
        for (result, field) in cases {
            assert_eq!(result.map(|_| ()).map_err(|e| e.field), Err(field.into()));
        }
        assert_eq!(
            lose(" ", None, None).map_err(|e| e.field),
            Err("reason".into())
        );
        assert_eq!(
            lose("price", Some("a\u{202E}b"), None).map_err(|e| e.field),
            Err("competitor".into())
        );
        assert!(lose("price", Some("  "), None).is_ok());
    }

    proptest! {
        /// Any text is a canonical UUID or a refusal naming the field, never a panic.
        #[test]
        fn any_text_is_a_uuid_or_a_named_refusal(text in prop_oneof![any::<String>(), "[0-9a-fA-F-]{30,40}"]) {
            match opportunity_uuid("id", &text) {
                Ok(id) => prop_assert!(Uuid::parse_str(id.as_str()).is_ok_and(|u| u.hyphenated().to_string() == id.as_str())),
                Err(e) => prop_assert_eq!(e.field, "id"),
            }
        }
    }
}
