//! Loan products (DESIGN §6): the ranges an application must fall in and the
//! rules a loan is booked with.

use rust_decimal::Decimal;

use crate::{AnnualRate, LoanRules, Money, RepaymentMethod, TermMonths};

/// A loan product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanProduct {
    /// Short code, also the API identifier (`default` for the default product).
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the product is for.
    pub description: String,
    /// Methods an application may choose.
    pub repayment_methods: Vec<RepaymentMethod>,
    /// Smallest amount.
    pub min_amount: Money,
    /// Largest amount.
    pub max_amount: Money,
    /// Shortest term in months.
    pub min_term_months: u32,
    /// Longest term in months.
    pub max_term_months: u32,
    /// Lowest annual rate.
    pub min_rate: AnnualRate,
    /// Highest annual rate (the legal cap applies besides).
    pub max_rate: AnnualRate,
    /// Days after a due date before an installment is past due.
    pub grace_days: u32,
    /// Penalty rate = contract rate × this.
    pub penalty_multiplier: Decimal,
    /// Also charge penalty on unpaid interest.
    pub penalty_on_interest: bool,
    /// Approval above this needs a manager as well.
    pub approval_threshold: Money,
    /// Days before a due date the reminder goes out.
    pub reminder_days_before: u32,
    /// Days after a due date each dunning notice goes out, ascending.
    pub dunning_days: Vec<u32>,
    /// Document types an application must carry before it is submitted.
    pub required_document_types: Vec<String>,
    /// Whether new applications may use it.
    pub active: bool,
}

/// An application's terms that fall outside a product, by API field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutOfRange {
    /// The API field, e.g. `amount`.
    pub field: &'static str,
    /// What the product allows, in English.
    pub allowed: String,
}

impl LoanProduct {
    /// The terms of an application that the product does not allow.
    pub fn check_terms(
        &self,
        amount: Money,
        term: TermMonths,
        method: RepaymentMethod,
        rate: AnnualRate,
    ) -> Vec<OutOfRange> {
        let mut found = Vec::new();
        if amount < self.min_amount || amount > self.max_amount {
            let allowed = format!("between {} and {}", self.min_amount, self.max_amount);
            found.push(OutOfRange {
                field: "amount",
                allowed,
            });
        }
        let months = term.months();
        if months < self.min_term_months || months > self.max_term_months {
            let allowed = format!(
                "between {} and {} months",
                self.min_term_months, self.max_term_months
            );
            found.push(OutOfRange {
                field: "term_months",
                allowed,
            });
        }
        if !self.repayment_methods.contains(&method) {
            let names: Vec<&str> = self.repayment_methods.iter().map(|m| m.as_str()).collect();
            let allowed = format!("one of {}", names.join(", "));
            found.push(OutOfRange {
                field: "repayment_method",
                allowed,
            });
        }
        if rate < self.min_rate || rate > self.max_rate {
            let allowed = format!(
                "between {} % and {} %",
                self.min_rate.to_percent_string(),
                self.max_rate.to_percent_string()
            );
            found.push(OutOfRange {
                field: "annual_rate_percent",
                allowed,
            });
        }
        found
    }

    /// The required document types not among `present`, in the product's order.
    pub fn missing_documents(&self, present: &[String]) -> Vec<String> {
        self.required_document_types
            .iter()
            .filter(|required| !present.contains(required))
            .cloned()
            .collect()
    }

    /// The rules a loan of this product is booked with, given its penalty
    /// rate (already multiplied and capped).
    pub fn loan_rules(&self, penalty_rate: AnnualRate) -> LoanRules {
        LoanRules {
            penalty_on_interest: self.penalty_on_interest,
            grace_days: self.grace_days,
            ..LoanRules::standard(penalty_rate)
        }
    }
}
