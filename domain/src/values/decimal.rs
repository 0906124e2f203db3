//! Decimals in strict syntax: an optional minus, digits, and optionally a point followed
//! by digits — `"1500.00"`, `"-3"`, `"0.5"`. Refused: surrounding spaces (`" 1.00"`), a
//! bare point at either end (`"1."`, `".5"`), a plus, exponents (`"1e3"`), thousands
//! separators, and anything too large for `rust_decimal`, with a message that says which.

use rust_decimal::Decimal;

use super::{Problem, ValueError};

/// The most digits accepted: what `rust_decimal` holds exactly.
const MAX_DIGITS: usize = 28;

/// Parses `text` for `field`, with at most `max_scale` decimal places.
pub fn strict_decimal(field: &str, text: &str, max_scale: u32) -> Result<Decimal, ValueError> {
    let not_a_decimal = || ValueError::new(field, Problem::NotADecimal(text.to_string()));
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || fraction.is_some_and(|f| !digits(f)) {
        return Err(not_a_decimal());
    }
    let scale = fraction.map_or(0, str::len);
    if scale > max_scale as usize {
        return Err(ValueError::new(
            field,
            Problem::TooPrecise {
                value: text.to_string(),
                max: max_scale,
            },
        ));
    }
    let significant = whole.trim_start_matches('0').len() + scale;
    if significant > MAX_DIGITS {
        return Err(ValueError::new(field, Problem::TooLarge(text.to_string())));
    }
    text.parse::<Decimal>()
        .map_err(|_| ValueError::new(field, Problem::TooLarge(text.to_string())))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn accepts_plain_decimals_only() {
        assert_eq!(
            strict_decimal("amount", "1500.50", 2),
            Ok(Decimal::new(150_050, 2))
        );
        assert_eq!(strict_decimal("amount", "-3", 2), Ok(Decimal::from(-3)));
        assert_eq!(strict_decimal("amount", "0.5", 2), Ok(Decimal::new(5, 1)));
        assert_eq!(strict_decimal("amount", "007", 2), Ok(Decimal::from(7)));
        for bad in [
            " 1.00", "1.00 ", "1.", ".5", "+1", "1e3", "1,000", "", "-", "--1", "1.2.3", "½", "NaN",
        ] {
            assert_eq!(
                strict_decimal("amount", bad, 2),
                Err(ValueError::new(
                    "amount",
                    Problem::NotADecimal(bad.to_string())
                )),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn too_precise_and_too_large_say_so() {
        assert_eq!(
            strict_decimal("amount", "1.005", 2).map_err(|e| e.to_string()),
            Err("amount: '1.005' has more than 2 decimal places".to_string())
        );
        let huge = format!("{}.00", "9".repeat(40));
        assert_eq!(
            strict_decimal("amount", &huge, 2).map_err(|e| e.to_string()),
            Err(format!("amount: '{huge}' is too large"))
        );
    }

    proptest! {
        /// Any text in: a decimal whose canonical text parses back to it, or a refusal
        /// naming the field — never a panic.
        #[test]
        fn any_text_is_a_decimal_or_a_refusal(text in any::<String>()) {
            match strict_decimal("q", &text, 6) {
                Ok(value) => prop_assert_eq!(strict_decimal("q", &value.to_string(), 28).ok(), Some(value)),
                Err(e) => prop_assert_eq!(e.field, "q"),
            }
        }

        #[test]
        fn well_formed_decimals_parse(whole in 0u64..10_000_000_000, cents in 0u32..100, negative: bool) {
            let text = format!("{}{whole}.{cents:02}", if negative { "-" } else { "" });
            let value = strict_decimal("amount", &text, 2).expect("well formed");
            let cents_total = i64::try_from(whole).expect("small") * 100 + i64::from(cents);
            let expected = Decimal::new(if negative { -cents_total } else { cents_total }, 2);
            prop_assert_eq!(value, expected);
        }
    }
}
