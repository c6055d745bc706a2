//! Loan products.

use loanbook_domain::document::DocumentType;
use loanbook_domain::{AnnualRate, LoanProduct, Money, RepaymentMethod};
use loanbook_persistence::repo::products::ProductRecord;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Fields, format_timestamp};
use crate::error::{ApiError, FieldError};

/// A product's terms. To create one, `id` and `name` are required and every
/// other field defaults to the default product's value; to change one
/// (PATCH), leave `id` out and send only what changes.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "id": "working-capital", "name": "流动资金借款",
    "repayment_methods": ["equal_installment", "interest_only"],
    "min_amount": "10000.00", "max_amount": "2000000.00",
    "min_term_months": 3, "max_term_months": 36,
    "min_annual_rate_percent": "3.00", "max_annual_rate_percent": "12.00",
    "grace_days": 3, "penalty_multiplier": "1.5",
    "approval_threshold": "500000.00",
    "required_document_types": ["business_licence", "financial_statements"]
}))]
pub struct ProductRequest {
    /// Short code: 1 to 40 lowercase letters, digits, `-` or `_`. Required
    /// when creating, absent when changing.
    pub id: Option<String>,
    /// Display name. Required when creating.
    pub name: Option<String>,
    /// What the product is for.
    pub description: Option<String>,
    /// Methods an application may choose.
    #[schema(value_type = Option<Vec<super::RepaymentMethodName>>)]
    pub repayment_methods: Option<Vec<String>>,
    /// Smallest amount.
    #[schema(example = "10000.00")]
    pub min_amount: Option<String>,
    /// Largest amount.
    #[schema(example = "2000000.00")]
    pub max_amount: Option<String>,
    /// Shortest term, 1 to 360 months.
    pub min_term_months: Option<u32>,
    /// Longest term, 1 to 360 months.
    pub max_term_months: Option<u32>,
    /// Lowest annual rate in percent.
    pub min_annual_rate_percent: Option<String>,
    /// Highest annual rate in percent (the legal cap applies besides).
    pub max_annual_rate_percent: Option<String>,
    /// Days after a due date before an installment is past due, 0 to 30.
    pub grace_days: Option<u32>,
    /// Penalty rate = contract rate × this, 1 to 4 decimals, 0 to 10.
    #[schema(example = "1.5")]
    pub penalty_multiplier: Option<String>,
    /// Charge penalty interest on unpaid interest too.
    pub penalty_on_interest: Option<bool>,
    /// Approval above this amount needs a manager as well.
    #[schema(example = "100000.00")]
    pub approval_threshold: Option<String>,
    /// Days before a due date the reminder goes out, 0 to 60.
    pub reminder_days_before: Option<u32>,
    /// Days after a due date each dunning notice goes out, ascending, 1 to 365.
    pub dunning_days: Option<Vec<u32>>,
    /// Document types an application must carry before it is submitted.
    pub required_document_types: Option<Vec<String>>,
    /// Whether new applications may use it.
    pub active: Option<bool>,
}

fn id_is_valid(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

fn methods(f: &mut Fields, names: &[String]) -> Option<Vec<RepaymentMethod>> {
    if names.is_empty() {
        f.push(FieldError::new(
            "repayment_methods",
            "name at least one repayment method",
            "至少须列出一种还款方式",
        ));
        return None;
    }
    let parsed: Vec<_> = names
        .iter()
        .map(|name| f.method("repayment_methods", name))
        .collect();
    parsed.into_iter().collect()
}

fn document_types(f: &mut Fields, names: &[String]) -> Option<Vec<String>> {
    let allowed: Vec<&str> = DocumentType::ALL.iter().map(DocumentType::as_str).collect();
    let unknown: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|name| !allowed.contains(name))
        .collect();
    if !unknown.is_empty() {
        f.push(FieldError::new(
            "required_document_types",
            format!(
                "unknown document types {}; allowed: {}",
                unknown.join(", "),
                allowed.join(", ")
            ),
            format!(
                "未知的资料类型 {}；可选：{}",
                unknown.join("、"),
                allowed.join("、")
            ),
        ));
        return None;
    }
    let mut unique: Vec<String> = Vec::new();
    for name in names {
        if !unique.contains(name) {
            unique.push(name.clone());
        }
    }
    Some(unique)
}

fn multiplier(f: &mut Fields, text: &str) -> Option<Decimal> {
    let value = text.parse::<Decimal>().ok().filter(|m| {
        m.scale() <= 4 && *m >= Decimal::ZERO && *m <= Decimal::TEN && !text.contains(['e', 'E'])
    });
    if value.is_none() {
        f.push(FieldError::new(
            "penalty_multiplier",
            "must be a decimal from 0 to 10 with at most 4 decimals",
            "须为 0 至 10 之间、最多 4 位小数的数",
        ));
    }
    value
}

fn within(f: &mut Fields, field: &str, value: u32, range: std::ops::RangeInclusive<u32>) {
    if !range.contains(&value) {
        f.push(FieldError::new(
            field,
            format!("must be from {} to {}", range.start(), range.end()),
            format!("须在 {} 至 {} 之间", range.start(), range.end()),
        ));
    }
}

impl ProductRequest {
    /// A new product: `id` and `name` from the request, everything else from
    /// it or else from `defaults`.
    pub fn create(&self, defaults: &LoanProduct) -> Result<LoanProduct, ApiError> {
        let mut f = Fields::new();
        let id = match self.id.as_deref() {
            Some(id) if id_is_valid(id) => Some(id.to_owned()),
            _ => {
                f.push(FieldError::new(
                    "id",
                    "required: 1 to 40 lowercase letters, digits, '-' or '_'",
                    "必填：1 至 40 个小写字母、数字、“-”或“_”",
                ));
                None
            }
        };
        if self.name.is_none() {
            f.push(FieldError::new("name", "required", "必填"));
        }
        let product = self.merge(f, defaults)?;
        Ok(LoanProduct {
            id: id.unwrap_or_default(),
            active: self.active.unwrap_or(true),
            ..product
        })
    }

    /// The product with this request's changes applied.
    pub fn update(&self, current: &LoanProduct) -> Result<LoanProduct, ApiError> {
        let mut f = Fields::new();
        if self.id.is_some() {
            f.push(FieldError::new(
                "id",
                "a product's id cannot change",
                "产品编号不可更改",
            ));
        }
        self.merge(f, current)
    }

    fn merge(&self, mut f: Fields, base: &LoanProduct) -> Result<LoanProduct, ApiError> {
        let mut p = base.clone();
        if let Some(name) = &self.name {
            p.name = f.text("name", name, 200).unwrap_or_default();
        }
        if let Some(description) = &self.description {
            p.description = description.trim().to_owned();
        }
        if let Some(names) = &self.repayment_methods {
            p.repayment_methods = methods(&mut f, names).unwrap_or_default();
        }
        let money = |f: &mut Fields, field, text: &Option<String>, old: Money| match text {
            Some(text) => f.positive_money(field, text).unwrap_or(old),
            None => old,
        };
        p.min_amount = money(&mut f, "min_amount", &self.min_amount, p.min_amount);
        p.max_amount = money(&mut f, "max_amount", &self.max_amount, p.max_amount);
        p.approval_threshold = money(
            &mut f,
            "approval_threshold",
            &self.approval_threshold,
            p.approval_threshold,
        );
        let rate = |f: &mut Fields, field, text: &Option<String>, old: AnnualRate| match text {
            Some(text) => f.rate(field, text).unwrap_or(old),
            None => old,
        };
        p.min_rate = rate(
            &mut f,
            "min_annual_rate_percent",
            &self.min_annual_rate_percent,
            p.min_rate,
        );
        p.max_rate = rate(
            &mut f,
            "max_annual_rate_percent",
            &self.max_annual_rate_percent,
            p.max_rate,
        );
        self.merge_counts(&mut f, &mut p);
        if let Some(text) = &self.penalty_multiplier {
            p.penalty_multiplier = multiplier(&mut f, text).unwrap_or(p.penalty_multiplier);
        }
        if let Some(types) = &self.required_document_types {
            p.required_document_types = document_types(&mut f, types).unwrap_or_default();
        }
        p.penalty_on_interest = self.penalty_on_interest.unwrap_or(p.penalty_on_interest);
        p.active = self.active.unwrap_or(p.active);
        check_ranges(&mut f, &p);
        f.finish()?;
        Ok(p)
    }

    fn merge_counts(&self, f: &mut Fields, p: &mut LoanProduct) {
        p.min_term_months = self.min_term_months.unwrap_or(p.min_term_months);
        p.max_term_months = self.max_term_months.unwrap_or(p.max_term_months);
        p.grace_days = self.grace_days.unwrap_or(p.grace_days);
        p.reminder_days_before = self.reminder_days_before.unwrap_or(p.reminder_days_before);
        within(f, "min_term_months", p.min_term_months, 1..=360);
        within(f, "max_term_months", p.max_term_months, 1..=360);
        within(f, "grace_days", p.grace_days, 0..=30);
        within(f, "reminder_days_before", p.reminder_days_before, 0..=60);
        if let Some(days) = &self.dunning_days {
            let ascending = days.windows(2).all(|w| w[0] < w[1]);
            let in_range = days.iter().all(|d| (1..=365).contains(d));
            if !ascending || !in_range {
                f.push(FieldError::new(
                    "dunning_days",
                    "days must be strictly ascending, each from 1 to 365",
                    "天数须严格递增，每个在 1 至 365 之间",
                ));
            }
            p.dunning_days = days.clone();
        }
    }
}

fn check_ranges(f: &mut Fields, p: &LoanProduct) {
    let pairs = [
        ("max_amount", p.min_amount <= p.max_amount),
        ("max_term_months", p.min_term_months <= p.max_term_months),
        ("max_annual_rate_percent", p.min_rate <= p.max_rate),
    ];
    for (field, ordered) in pairs {
        if !ordered {
            f.push(FieldError::new(
                field,
                "the maximum must not be below the minimum",
                "最大值不得小于最小值",
            ));
        }
    }
}

/// A loan product as the API returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProductView {
    /// Short code.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Allowed repayment methods.
    #[schema(value_type = Vec<super::RepaymentMethodName>)]
    pub repayment_methods: Vec<String>,
    /// Smallest amount.
    #[schema(example = "0.01")]
    pub min_amount: String,
    /// Largest amount.
    #[schema(example = "100000000.00")]
    pub max_amount: String,
    /// Shortest term.
    pub min_term_months: u32,
    /// Longest term.
    pub max_term_months: u32,
    /// Lowest annual rate in percent.
    pub min_annual_rate_percent: String,
    /// Highest annual rate in percent.
    pub max_annual_rate_percent: String,
    /// Grace days.
    pub grace_days: u32,
    /// Penalty multiplier.
    #[schema(example = "1.5")]
    pub penalty_multiplier: String,
    /// Penalty on unpaid interest too.
    pub penalty_on_interest: bool,
    /// Manager approval needed above this.
    pub approval_threshold: String,
    /// Reminder days before a due date.
    pub reminder_days_before: u32,
    /// Dunning days after a due date.
    pub dunning_days: Vec<u32>,
    /// Documents an application must carry before submission.
    pub required_document_types: Vec<String>,
    /// Open for new applications.
    pub active: bool,
    /// Creation time.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
    /// Version, also in the ETag.
    pub version: i32,
}

impl From<&ProductRecord> for ProductView {
    fn from(record: &ProductRecord) -> Self {
        let p = &record.product;
        ProductView {
            id: p.id.clone(),
            name: p.name.clone(),
            description: p.description.clone(),
            repayment_methods: p
                .repayment_methods
                .iter()
                .map(|m| m.as_str().to_owned())
                .collect(),
            min_amount: p.min_amount.to_string(),
            max_amount: p.max_amount.to_string(),
            min_term_months: p.min_term_months,
            max_term_months: p.max_term_months,
            min_annual_rate_percent: p.min_rate.to_percent_string(),
            max_annual_rate_percent: p.max_rate.to_percent_string(),
            grace_days: p.grace_days,
            penalty_multiplier: p.penalty_multiplier.normalize().to_string(),
            penalty_on_interest: p.penalty_on_interest,
            approval_threshold: p.approval_threshold.to_string(),
            reminder_days_before: p.reminder_days_before,
            dunning_days: p.dunning_days.clone(),
            required_document_types: p.required_document_types.clone(),
            active: p.active,
            created_at: format_timestamp(record.created_at),
            updated_at: format_timestamp(record.updated_at),
            version: record.version,
        }
    }
}
