//! Wire types: what clients send and receive. Requests arrive with amounts,
//! rates, dates and enums as strings and are parsed into domain types here,
//! collecting every invalid field into one 422. Responses are built from
//! repository records; entities never reach this layer.

pub mod applications;
pub mod assessments;
pub mod auth;
pub mod customers;
pub mod documents;
pub mod loans;
pub mod products;
pub mod reports;
pub mod schedule;
pub mod users;

use std::str::FromStr;

use loanbook_domain::{AnnualRate, DomainError, Money, RepaymentMethod, TermMonths};
use time::Date;
use time::macros::format_description;

use crate::error::{ApiError, FieldError};

/// The earliest date Loanbook accepts anywhere.
pub const FIRST_SUPPORTED_DATE: Date = time::macros::date!(1990 - 01 - 01);

/// The latest date Loanbook accepts anywhere (far beyond any maturity).
pub const LAST_SUPPORTED_DATE: Date = time::macros::date!(2199 - 12 - 31);

/// Parses a `YYYY-MM-DD` date: exactly four year digits, no sign.
pub fn parse_date(text: &str) -> Option<Date> {
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    Date::parse(text, format_description!("[year]-[month]-[day]")).ok()
}

/// True for text that may be stored: no control characters.
pub fn is_clean(text: &str) -> bool {
    !text
        .chars()
        .any(|c| c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
}

/// Formats a date as `YYYY-MM-DD`.
pub fn format_date(date: Date) -> String {
    date.format(format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

/// Formats a timestamp as RFC 3339 UTC.
pub fn format_timestamp(at: time::OffsetDateTime) -> String {
    let utc = at.to_offset(time::UtcOffset::UTC);
    utc.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Collects field errors while a request is parsed, so that one response
/// lists every invalid field.
#[derive(Debug, Default)]
pub struct Fields {
    errors: Vec<FieldError>,
}

impl Fields {
    /// An empty collector.
    pub fn new() -> Self {
        Fields::default()
    }

    /// Records a field error.
    pub fn push(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    /// Keeps an `Ok` value or records the domain error against the field.
    pub fn check<T>(&mut self, field: &str, result: Result<T, DomainError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.errors.push(FieldError::domain(field, &error));
                None
            }
        }
    }

    /// A positive amount with at most two decimals.
    pub fn positive_money(&mut self, field: &str, text: &str) -> Option<Money> {
        self.check(field, Money::parse_positive(text))
    }

    /// A zero-or-more amount with at most two decimals.
    pub fn money(&mut self, field: &str, text: &str) -> Option<Money> {
        let money = self.check(field, Money::parse(text))?;
        if money.is_negative() {
            self.errors
                .push(FieldError::domain(field, &DomainError::Negative));
            return None;
        }
        Some(money)
    }

    /// An annual rate in percent.
    pub fn rate(&mut self, field: &str, text: &str) -> Option<AnnualRate> {
        self.check(field, AnnualRate::parse_percent(text))
    }

    /// A term in months.
    pub fn term(&mut self, field: &str, months: i64) -> Option<TermMonths> {
        let months = u32::try_from(months).unwrap_or(0);
        self.check(field, TermMonths::new(months))
    }

    /// A repayment method name.
    pub fn method(&mut self, field: &str, text: &str) -> Option<RepaymentMethod> {
        self.check(field, RepaymentMethod::from_str(text))
    }

    /// A `YYYY-MM-DD` calendar date that exists.
    pub fn date(&mut self, field: &str, text: &str) -> Option<Date> {
        let Some(date) = parse_date(text) else {
            self.errors.push(FieldError::new(
                field,
                format!("{text:?} is not a valid YYYY-MM-DD date"),
                format!("{text:?} 不是有效的日期（YYYY-MM-DD）"),
            ));
            return None;
        };
        if !(FIRST_SUPPORTED_DATE..=LAST_SUPPORTED_DATE).contains(&date) {
            self.errors.push(FieldError::new(
                field,
                format!("{text} is outside the supported range 1990-01-01 to 2199-12-31"),
                format!("{text} 超出支持的日期范围（1990-01-01 至 2199-12-31）"),
            ));
            return None;
        }
        Some(date)
    }

    /// A non-empty text of at most `max` characters.
    pub fn text(&mut self, field: &str, text: &str, max: usize) -> Option<String> {
        let trimmed = text.trim();
        if !is_clean(trimmed) {
            self.errors.push(FieldError::new(
                field,
                format!("{field} must not contain control characters"),
                format!("{field} 不能包含控制字符"),
            ));
            return None;
        }
        if trimmed.is_empty() || trimmed.chars().count() > max {
            self.errors.push(FieldError::new(
                field,
                format!("{field} must be 1 to {max} characters"),
                format!("{field} 须为 1 至 {max} 个字符"),
            ));
            return None;
        }
        Some(trimmed.to_owned())
    }

    /// Fails with every collected error, if there is any.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }

    /// The 422 for the collected errors (used when a value is unexpectedly
    /// missing after `finish`).
    pub fn into_error(self) -> ApiError {
        ApiError::Validation(self.errors)
    }
}

/// The repayment methods, for the API documentation.
#[derive(utoipa::ToSchema)]
#[schema(rename_all = "snake_case", example = "equal_installment")]
#[allow(dead_code)]
pub enum RepaymentMethodName {
    /// 等额本息: level payment.
    EqualInstallment,
    /// 等额本金: level principal.
    EqualPrincipal,
    /// 先息后本: interest only, principal at the end.
    InterestOnly,
    /// 到期一次还本付息: everything at maturity.
    Bullet,
}
