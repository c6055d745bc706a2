//! The unified social credit code (统一社会信用代码) of GB 32100-2015.
//!
//! Eighteen characters from 0-9 and A-Y without I, O, S, V and Z: the
//! registration authority (1st), the organization type within it (2nd), the
//! authority's administrative division (3rd to 8th, digits), the subject
//! identifier (9th to 17th) and a check character (18th, ISO 7064 mod 31).
//! This module checks structure and the check character; it cannot know
//! whether a code was ever issued.

use std::fmt;
use std::str::FromStr;

use crate::DomainError;

/// The 31 characters of a code in value order: a character's value is its index.
const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weight of each of the first 17 positions: 3^(i) mod 31.
const WEIGHTS: [usize; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The length of a full code.
const LENGTH: usize = 18;

/// A unified social credit code that passed every structural check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CreditCode(String);

impl CreditCode {
    /// Parses an 18-character code; lower-case letters and surrounding
    /// whitespace are accepted and normalized away.
    pub fn parse(text: &str) -> Result<CreditCode, DomainError> {
        let code = text.trim().to_ascii_uppercase();
        if code.chars().count() != LENGTH {
            return Err(DomainError::InvalidCreditCode("must be 18 characters long"));
        }
        let values = body_values(&code)?;

        if Some(&check_value(&values[..LENGTH - 1])) != values.last() {
            return Err(DomainError::InvalidCreditCode(
                "the check character (18th) does not match the first 17",
            ));
        }
        Ok(CreditCode(code))
    }

    /// Completes the first 17 characters with their check character, for
    /// minting valid codes (demo data, tests).
    pub fn with_check_character(first17: &str) -> Result<CreditCode, DomainError> {
        let mut code = first17.trim().to_ascii_uppercase();
        if code.chars().count() != LENGTH - 1 {
            return Err(DomainError::InvalidCreditCode(
                "needs exactly 17 characters to add a check character",
            ));
        }
        let values = body_values(&code)?;

        let check = CHARSET.get(check_value(&values)).copied().unwrap_or(b'0');
        code.push(char::from(check));
        Ok(CreditCode(code))
    }

    /// The code, upper case, 18 characters.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for CreditCode {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        CreditCode::parse(text)
    }
}

/// The values of an upper-cased code's characters, after checking the
/// character set, the authority and type codes and the division digits.
fn body_values(code: &str) -> Result<Vec<usize>, DomainError> {
    let values = code
        .bytes()
        .map(char_value)
        .collect::<Option<Vec<usize>>>()
        .ok_or(DomainError::InvalidCreditCode(
            "may only contain digits and capital letters other than I, O, S, V and Z",
        ))?;

    let bytes = code.as_bytes();
    let authority = bytes.first().copied().unwrap_or(b' ');
    let Some(types) = organization_types(authority) else {
        return Err(DomainError::InvalidCreditCode(
            "the registration authority code (1st character) is not in the standard",
        ));
    };
    if !bytes.get(1).is_some_and(|kind| types.contains(kind)) {
        return Err(DomainError::InvalidCreditCode(
            "the organization type code (2nd character) does not exist for its authority",
        ));
    }

    if !bytes
        .get(2..8)
        .is_some_and(|area| area.iter().all(u8::is_ascii_digit))
    {
        return Err(DomainError::InvalidCreditCode(
            "the administrative division code (3rd to 8th character) must be six digits",
        ));
    }
    Ok(values)
}

/// The organization type codes (2nd character) each registration authority
/// (1st character) may use, per GB 32100-2015 as amended.
fn organization_types(authority: u8) -> Option<&'static [u8]> {
    match authority {
        b'1' => Some(b"1239"),   // 机构编制: 机关, 事业单位, 群众团体, 其他
        b'2' => Some(b"19"),     // 外交: 外国常驻新闻机构, 其他
        b'3' => Some(b"123459"), // 司法行政: 律师执业机构 … 仲裁委员会, 其他
        b'4' => Some(b"19"),     // 文化: 外国在华文化中心, 其他
        b'5' => Some(b"1239"),   // 民政: 社会团体, 民办非企业单位, 基金会, 其他
        b'6' => Some(b"129"),    // 旅游: 外国 / 港澳台旅游部门代表机构, 其他
        b'7' => Some(b"129"),    // 宗教: 宗教活动场所, 宗教院校, 其他
        b'8' => Some(b"19"),     // 工会: 基层工会, 其他
        b'9' => Some(b"123"),    // 工商: 企业, 个体工商户, 农民专业合作社
        b'A' => Some(b"19"),     // 中央军委改革和编制办公室: 军队事业单位, 其他
        b'N' => Some(b"1239"),   // 农业: 组级, 村级, 乡镇级集体经济组织, 其他
        b'Y' => Some(b"1"),      // 其他: one type only
        _ => None,
    }
}

/// The value of one code character, or `None` outside the character set.
fn char_value(byte: u8) -> Option<usize> {
    CHARSET.iter().position(|allowed| *allowed == byte)
}

/// The check value for the first 17 values: 31 − (Σ value × weight mod 31),
/// where 31 becomes 0.
fn check_value(values: &[usize]) -> usize {
    let sum: usize = values
        .iter()
        .zip(WEIGHTS)
        .map(|(value, weight)| value * weight)
        .sum();
    (31 - sum % 31) % 31
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(text: &str) -> &'static str {
        match CreditCode::parse(text) {
            Err(DomainError::InvalidCreditCode(reason)) => reason,
            Err(_) => "another error",
            Ok(_) => "valid",
        }
    }

    #[test]
    fn the_published_example_code_is_valid() {
        // Values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4 times the weights:
        // 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28;
        // 31 − 28 = 3, the 18th character.
        let code = CreditCode::parse("91350100M000100Y43");

        assert_eq!(
            code.as_ref().map(CreditCode::as_str),
            Ok("91350100M000100Y43")
        );
    }

    #[test]
    fn changing_the_check_character_makes_the_code_invalid() {
        for last in ["0", "4", "Y", "A"] {
            let text = format!("91350100M000100Y4{last}");
            assert!(reason(&text).starts_with("the check character"), "{text}");
        }
    }

    #[test]
    fn lower_case_input_is_accepted_and_upper_cased() {
        let code = CreditCode::parse(" 91350100m000100y43 ");

        assert_eq!(
            code.map(|c| c.to_string()),
            Ok("91350100M000100Y43".to_owned())
        );
    }

    #[test]
    fn a_check_sum_of_a_multiple_of_31_gives_check_character_zero() {
        // 9·1 + 1·3 + 1·9 + 1·27 + G=16·28 = 48 + 448 = 496 = 16 × 31,
        // so 31 − 0 = 31, which is written 0.
        let code = CreditCode::with_check_character("9111000000000000G");

        assert_eq!(
            code.as_ref().map(CreditCode::as_str),
            Ok("9111000000000000G0")
        );
        assert_eq!(reason("9111000000000000G0"), "valid");
    }

    #[test]
    fn a_check_value_of_thirty_is_the_letter_y() {
        // 48 + T=26·28 = 48 + 728 = 776 = 25 × 31 + 1, so 31 − 1 = 30 = Y.
        let code = CreditCode::with_check_character("9111000000000000T");

        assert_eq!(
            code.map(|c| c.to_string()),
            Ok("9111000000000000TY".to_owned())
        );
    }

    #[test]
    fn the_minted_check_character_is_the_published_one() {
        let code = CreditCode::with_check_character("91350100m000100y4");

        assert_eq!(
            code.map(|c| c.to_string()),
            Ok("91350100M000100Y43".to_owned())
        );
    }

    #[test]
    fn a_wrong_length_is_refused_before_anything_else() {
        assert_eq!(reason("91350100M000100Y4"), "must be 18 characters long");
        assert_eq!(reason("91350100M000100Y433"), "must be 18 characters long");
        assert_eq!(reason(""), "must be 18 characters long");
        assert!(CreditCode::with_check_character("91350100M000100Y43").is_err());
    }

    #[test]
    fn letters_outside_the_character_set_are_refused() {
        for bad in ["I", "O", "S", "V", "Z", "-", "中"] {
            let text = format!("91350100M000100{bad}43");
            let found = reason(&text);
            assert!(found.starts_with("may only contain"), "{text}: {found}");
        }
    }

    #[test]
    fn an_unknown_authority_or_type_code_is_refused() {
        // Structure is checked before the check character, so X is never read.
        assert!(reason("B1350100M000100Y4X").starts_with("the registration authority"));
        assert!(reason("94350100M000100Y4X").starts_with("the organization type"));
        assert!(reason("Y2350100M000100Y4X").starts_with("the organization type"));
        assert!(reason("9A350100M000100Y4X").starts_with("the organization type"));
    }

    #[test]
    fn every_authority_and_type_pair_of_the_standard_is_accepted() {
        let pairs = [
            "11", "12", "13", "19", "21", "29", "31", "32", "33", "34", "35", "39", "41", "49",
            "51", "52", "53", "59", "61", "62", "69", "71", "72", "79", "81", "89", "91", "92",
            "93", "A1", "A9", "N1", "N2", "N3", "N9", "Y1",
        ];
        for pair in pairs {
            let body = format!("{pair}350100M000100Y4");
            let code = CreditCode::with_check_character(&body);
            assert!(code.is_ok(), "{pair}");
        }
    }

    #[test]
    fn letters_in_the_division_code_are_refused() {
        assert!(reason("913501A0M000100Y43").starts_with("the administrative division"));
    }
}
