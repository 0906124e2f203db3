mod conversions;
pub use conversions::LeadConversions;
