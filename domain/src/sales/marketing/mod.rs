//! Marketing: campaigns and the leads they bring in, each lead's profile (sector,
//! province, CIDB grade), and lead scoring — transparent rules, every score explained
//! factor by factor ([`scoring`]).

mod campaign;
mod profile;
pub mod scoring;
mod values;

#[cfg(test)]
mod tests;

pub use campaign::{
    Campaign, CampaignCommand, CampaignEvent, CampaignTerms, ResponseKind, CAMPAIGN_AGGREGATE,
};
pub use profile::{LeadProfile, LeadProfileEvent, ProfileLead, LEAD_PROFILE_AGGREGATE};
pub use values::{Channel, CidbGrade, Province, Sector, Segment};
