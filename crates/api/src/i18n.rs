//! English and Chinese messages. Errors are English unless the request sends
//! `Accept-Language: zh…`; the language is chosen per request by the
//! [`localize`](crate::http::localize) middleware.

use loanbook_domain::DomainError;

/// The language of a response's messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English, the default.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The language an `Accept-Language` header prefers: Chinese when its
    /// first listed language is `zh`, otherwise English.
    pub fn from_accept_language(header: Option<&str>) -> Lang {
        let first = header
            .and_then(|value| value.split(',').next())
            .map(|tag| tag.trim().to_ascii_lowercase());
        match first {
            Some(tag) if tag.starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// One of two texts by language.
    pub fn pick<'a>(&self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// A domain error in English and Chinese.
pub fn domain_message(error: &DomainError) -> (String, String) {
    let en = error.to_string();
    let zh = match error {
        DomainError::TooManyDecimals => "金额最多保留两位小数".to_owned(),
        DomainError::NotPositive => "金额必须大于零".to_owned(),
        DomainError::Negative => "金额不能为负数".to_owned(),
        DomainError::NotADecimal(text) => format!("不是有效的金额：{text}"),
        DomainError::AmountTooLarge => "金额过大".to_owned(),
        DomainError::InvalidRate => "年利率须在 0 到 100 之间，最多四位小数".to_owned(),
        DomainError::RateAboveCap { rate, cap } => {
            format!("年利率 {rate}% 超过法定上限 {cap}%（一年期 LPR 的四倍）")
        }
        DomainError::InvalidTerm => "期限须为 1 至 360 个月".to_owned(),
        DomainError::UnknownRepaymentMethod(name) => format!("未知的还款方式：{name}"),
        DomainError::InvalidCreditCode(reason) => format!("统一社会信用代码无效：{reason}"),
        DomainError::InvalidDate(reason) => format!("日期无效：{reason}"),
        DomainError::IllegalTransition { state, event } => {
            format!("当前状态为 {state}，不能执行 {event}")
        }
        DomainError::ApprovalRule(rule) => format!("审批规则：{rule}"),
        DomainError::TransactionRule(rule) => format!("交易规则：{rule}"),
        DomainError::UnknownStatus(name) => format!("未知的状态：{name}"),
        DomainError::InvalidRules(_) => "风险评级规则无效：分档或等级门槛顺序不正确".to_owned(),
    };
    (en, zh)
}
