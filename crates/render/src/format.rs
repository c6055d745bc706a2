//! How figures are written on documents: amounts with thousands separators,
//! rates with a percent sign, dates as `YYYY-MM-DD`.
//!
//! Both the HTML and the PDF output go through these, so the two always
//! print the same text.

use loanbook_domain::{Money, RepaymentMethod};
use time::Date;

/// An amount with thousands separators and two decimals, such as
/// `100,000.00` or `-1,234.50`.
pub fn money(amount: Money) -> String {
    let (yuan, fen) = amount.yuan_and_fen();
    let sign = if amount.is_negative() { "-" } else { "" };
    format!("{sign}{}.{fen:02}", grouped(yuan))
}

/// An amount with the yuan sign, such as `¥100,000.00`.
pub fn money_with_sign(amount: Money) -> String {
    format!("¥{}", money(amount))
}

/// The digits of a whole number in groups of three, joined by commas.
fn grouped(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        let remaining = digits.len() - index;
        if index > 0 && remaining.is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A rate as the API prints it, followed by a percent sign: `4.90%`.
pub fn percent(rate_percent: &str) -> String {
    format!("{}%", rate_percent.trim())
}

/// A date as `YYYY-MM-DD`.
pub fn date(day: Date) -> String {
    day.to_string()
}

/// The English name of a repayment method, to print beside the Chinese one.
pub fn repayment_method_en(method: RepaymentMethod) -> &'static str {
    match method {
        RepaymentMethod::EqualInstallment => "Equal installments of principal and interest",
        RepaymentMethod::EqualPrincipal => "Equal principal installments",
        RepaymentMethod::InterestOnly => "Interest monthly, principal at maturity",
        RepaymentMethod::Bullet => "Principal and interest in one payment at maturity",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_grouped_by_thousands() {
        assert_eq!(money(Money::from_fen(10_000_000)), "100,000.00");
        assert_eq!(money(Money::from_fen(5)), "0.05");
        assert_eq!(money(Money::from_fen(99_999)), "999.99");
        assert_eq!(money(Money::from_fen(123_456_789)), "1,234,567.89");
        assert_eq!(money(Money::from_fen(-123_450)), "-1,234.50");
    }

    #[test]
    fn signed_amounts_carry_the_yuan_sign() {
        assert_eq!(money_with_sign(Money::from_fen(100)), "¥1.00");
    }

    #[test]
    fn rates_get_a_percent_sign() {
        assert_eq!(percent("4.90"), "4.90%");
    }
}
