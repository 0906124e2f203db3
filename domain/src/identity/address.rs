//! South African postal addresses: lines, city, one of the nine provinces and a
//! four-digit postal code.

use serde::{Deserialize, Serialize};

use super::values::required_name;
use super::IdentityError;

/// The nine provinces of South Africa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Province {
    EasternCape,
    FreeState,
    Gauteng,
    KwazuluNatal,
    Limpopo,
    Mpumalanga,
    NorthernCape,
    NorthWest,
    WesternCape,
}

impl Province {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Province::EasternCape => "EASTERN_CAPE",
            Province::FreeState => "FREE_STATE",
            Province::Gauteng => "GAUTENG",
            Province::KwazuluNatal => "KWAZULU_NATAL",
            Province::Limpopo => "LIMPOPO",
            Province::Mpumalanga => "MPUMALANGA",
            Province::NorthernCape => "NORTHERN_CAPE",
            Province::NorthWest => "NORTH_WEST",
            Province::WesternCape => "WESTERN_CAPE",
        }
    }
}

/// Which of an account's addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AddressType {
    /// Where the business is (and where deliveries go unless a site says otherwise).
    Physical,
    /// Where post goes (often a PO Box or private bag).
    Postal,
    /// Where invoices and statements go.
    Billing,
}

impl AddressType {
    /// The wire name, as in the events' JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AddressType::Physical => "PHYSICAL",
            AddressType::Postal => "POSTAL",
            AddressType::Billing => "BILLING",
        }
    }
}

/// A postal address in South Africa.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Address {
    /// Street or box lines, first to last (1 to [`MAX_ADDRESS_LINES`]).
    pub lines: Vec<String>,
    pub city: String,
    pub province: Province,
    /// Four digits, e.g. `0181`.
    pub postal_code: String,
}

/// The most lines an address has above its city.
pub const MAX_ADDRESS_LINES: usize = 4;

impl Address {
    /// Trims every part, drops blank lines and checks the postal code.
    pub(crate) fn validated(self) -> Result<Address, IdentityError> {
        let lines: Vec<String> = self
            .lines
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(|l| required_name("address line", l))
            .collect::<Result<_, _>>()?;
        if lines.is_empty() || lines.len() > MAX_ADDRESS_LINES {
            return Err(IdentityError::AddressLines {
                max: MAX_ADDRESS_LINES,
            });
        }
        Ok(Address {
            lines,
            city: required_name("city", &self.city)?,
            province: self.province,
            postal_code: postal_code(&self.postal_code)?,
        })
    }
}

/// A South African postal code: exactly four digits.
pub(crate) fn postal_code(value: &str) -> Result<String, IdentityError> {
    let v = value.trim();
    if v.len() == 4 && v.chars().all(|c| c.is_ascii_digit()) {
        Ok(v.to_string())
    } else {
        Err(IdentityError::InvalidPostalCode(v.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn address(lines: &[&str], code: &str) -> Address {
        Address {
            lines: lines.iter().map(|l| l.to_string()).collect(),
            city: " Pretoria ".into(),
            province: Province::Gauteng,
            postal_code: code.into(),
        }
    }

    #[test]
    fn addresses_are_trimmed_and_checked() {
        let a = address(&[" 12 Church Street ", "", "Arcadia"], " 0083 ")
            .validated()
            .expect("valid");
        assert_eq!(a.lines, vec!["12 Church Street", "Arcadia"]);
        assert_eq!(
            (a.city.as_str(), a.postal_code.as_str()),
            ("Pretoria", "0083")
        );
        assert_eq!(
            address(&["x"], "83").validated(),
            Err(IdentityError::InvalidPostalCode("83".into()))
        );
        assert!(address(&[" "], "0083").validated().is_err());
        assert!(address(&["a", "b", "c", "d", "e"], "0083")
            .validated()
            .is_err());
    }

    proptest! {
        /// Whatever is typed, an accepted postal code is exactly four ASCII digits.
        #[test]
        fn accepted_postal_codes_are_four_digits(s in "\\PC{0,8}|[0-9 ]{2,6}") {
            if let Ok(code) = postal_code(&s) {
                prop_assert_eq!(code.len(), 4);
                prop_assert!(code.chars().all(|c| c.is_ascii_digit()));
            }
        }
    }
}
