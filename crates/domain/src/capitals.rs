//! The amount in words (大写金额) printed on a loan note.
//!
//! Follows the People's Bank of China rules for writing amounts on bills and
//! settlement vouchers: financial capitals, one 零 for a run of zeros inside
//! the number, 整 when the amount stops at the yuan, and 零 after 元 when the
//! jiao is zero but the fen is not. Where those rules allow writing 零 or not
//! (the yuan digit or the ten-thousands digit is zero but the next one is
//! not), this module always takes the form the rules list first: 零 after 元
//! before a jiao (1680.32 → 壹仟陆佰捌拾元零叁角贰分), no 零 after 万 before a
//! thousands digit (107000.53 → 壹拾万柒仟元零伍角叁分). It owns wording only.

use crate::Money;

/// The capital digits 零 to 玖.
const DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

/// The places inside a group of four digits, from the units up.
const PLACES: [&str; 4] = ["", "拾", "佰", "仟"];

const TEN_THOUSAND: u64 = 10_000;
const HUNDRED_MILLION: u64 = 100_000_000;

/// The amount in Chinese financial capitals, such as `人民币壹拾万元整` for
/// 100000.00. A negative amount reads `人民币负…`, the way `¥-100.00` puts the
/// currency before the sign.
pub fn amount_in_words(amount: Money) -> String {
    let (yuan, cents) = amount.yuan_and_fen();
    let mut words = String::from("人民币");
    if amount.is_negative() {
        words.push('负');
    }

    if yuan == 0 && cents == 0 {
        words.push_str("零元整");
        return words;
    }
    if yuan > 0 {
        words.push_str(&integer_words(yuan));
        words.push('元');
    }

    words.push_str(&cents_words(yuan, cents));
    words
}

/// The part after 元: 整, or the jiao and fen with the 零 the rules ask for.
fn cents_words(yuan: u64, cents: u8) -> String {
    if cents == 0 {
        return String::from("整");
    }
    let (jiao, fen) = (cents / 10, cents % 10);
    let mut words = String::new();

    // A zero jiao before a fen must be written; a zero yuan digit before a
    // jiao may be, and we always write it (see the module note).
    if yuan > 0 && (jiao == 0 || yuan.is_multiple_of(10)) {
        words.push('零');
    }
    if jiao > 0 {
        words.push(digit(u64::from(jiao)));
        words.push('角');
    }
    if fen > 0 {
        words.push(digit(u64::from(fen)));
        words.push('分');
    }
    words
}

/// A whole number above zero in capitals, grouped by 亿 and 万.
fn integer_words(number: u64) -> String {
    if number >= HUNDRED_MILLION {
        return joined(number, HUNDRED_MILLION, '亿');
    }
    if number >= TEN_THOUSAND {
        return joined(number, TEN_THOUSAND, '万');
    }
    group_words(number)
}

/// `high` + unit + `low`, with one 零 when `low` does not reach the digit
/// right below the unit (壹亿零伍佰, but 壹拾万柒仟).
fn joined(number: u64, unit_value: u64, unit: char) -> String {
    let (high, low) = (number / unit_value, number % unit_value);
    let mut words = integer_words(high);
    words.push(unit);

    if low == 0 {
        return words;
    }
    if low < unit_value / 10 {
        words.push('零');
    }
    words.push_str(&integer_words(low));
    words
}

/// A number below 10000: trailing zeros are silent and a run of zeros
/// between digits is one 零 (1001 → 壹仟零壹, 1010 → 壹仟零壹拾).
fn group_words(number: u64) -> String {
    let mut words = String::new();
    let mut zero_pending = false;
    for place in (0..4).rev() {
        let value = (number / 10_u64.pow(place)) % 10;
        if value == 0 {
            zero_pending = !words.is_empty();
            continue;
        }
        if zero_pending {
            words.push('零');
            zero_pending = false;
        }
        words.push(digit(value));
        words.push_str(PLACES[usize::try_from(place).unwrap_or(0)]);
    }
    words
}

/// The capital for one decimal digit.
fn digit(value: u64) -> char {
    usize::try_from(value)
        .ok()
        .and_then(|index| DIGITS.get(index))
        .copied()
        .unwrap_or('零')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> String {
        Money::parse(text).map(amount_in_words).unwrap_or_default()
    }

    #[test]
    fn the_loan_note_examples_of_the_brief_are_written_as_given() {
        assert_eq!(words("100000.00"), "人民币壹拾万元整");
        assert_eq!(words("1005.06"), "人民币壹仟零伍元零陆分");
        assert_eq!(words("0.05"), "人民币伍分");
        assert_eq!(words("0.00"), "人民币零元整");
        assert_eq!(words("100000000.00"), "人民币壹亿元整");
        assert_eq!(words("1000.10"), "人民币壹仟元零壹角");
    }

    #[test]
    fn every_digit_and_place_is_written_when_no_digit_is_zero() {
        assert_eq!(
            words("123456789.12"),
            "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"
        );
    }

    #[test]
    fn the_central_bank_examples_take_their_first_listed_form() {
        // The examples of the rules for filling in bills and vouchers.
        assert_eq!(words("1409.50"), "人民币壹仟肆佰零玖元伍角");
        assert_eq!(words("6007.14"), "人民币陆仟零柒元壹角肆分");
        assert_eq!(words("1680.32"), "人民币壹仟陆佰捌拾元零叁角贰分");
        assert_eq!(words("107000.53"), "人民币壹拾万柒仟元零伍角叁分");
        assert_eq!(words("16409.02"), "人民币壹万陆仟肆佰零玖元零贰分");
        assert_eq!(words("325.04"), "人民币叁佰贰拾伍元零肆分");
    }

    #[test]
    fn a_zero_yuan_digit_before_a_jiao_is_always_written_as_zero() {
        // 10.50 ends its yuan in 0 exactly like 1680.32 and 1000.10, so it
        // takes the same 零.
        assert_eq!(words("10.50"), "人民币壹拾元零伍角");
        assert_eq!(words("20.55"), "人民币贰拾元零伍角伍分");
        assert_eq!(words("11.50"), "人民币壹拾壹元伍角");
    }

    #[test]
    fn zeros_across_the_wan_and_yi_groups_are_one_ling() {
        assert_eq!(words("1010101.01"), "人民币壹佰零壹万零壹佰零壹元零壹分");
        assert_eq!(words("30000500.00"), "人民币叁仟万零伍佰元整");
        assert_eq!(words("100000001.00"), "人民币壹亿零壹元整");
        assert_eq!(words("100010000.00"), "人民币壹亿零壹万元整");
        assert_eq!(words("110000000.00"), "人民币壹亿壹仟万元整");
        assert_eq!(words("100001000.00"), "人民币壹亿零壹仟元整");
        assert_eq!(words("1000700.00"), "人民币壹佰万零柒佰元整");
        assert_eq!(words("1001.00"), "人民币壹仟零壹元整");
        assert_eq!(words("1010.00"), "人民币壹仟零壹拾元整");
    }

    #[test]
    fn amounts_below_one_yuan_have_no_yuan_part() {
        assert_eq!(words("0.50"), "人民币伍角");
        assert_eq!(words("0.55"), "人民币伍角伍分");
        assert_eq!(words("0.01"), "人民币壹分");
    }

    #[test]
    fn ten_is_written_with_its_leading_one() {
        assert_eq!(words("10.00"), "人民币壹拾元整");
        assert_eq!(words("15.00"), "人民币壹拾伍元整");
        assert_eq!(words("110000.00"), "人民币壹拾壹万元整");
    }

    #[test]
    fn the_largest_amounts_read_wan_yi() {
        assert_eq!(words("1000000000000.00"), "人民币壹万亿元整");
        assert_eq!(words("1234500000000.00"), "人民币壹万贰仟叁佰肆拾伍亿元整");
        // Fifteen digits group from the right as 999|9999|9999|9999.
        assert_eq!(
            words("999999999999999.99"),
            "人民币玖佰玖拾玖万玖仟玖佰玖拾玖亿\
             玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"
        );
    }

    #[test]
    fn a_negative_amount_puts_fu_after_the_currency() {
        assert_eq!(words("-100.00"), "人民币负壹佰元整");
        assert_eq!(words("-0.05"), "人民币负伍分");
    }
}
