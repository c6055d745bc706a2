//! Loan applications and their transitions.

use loanbook_persistence::repo::applications::{ActionRecord, ApplicationRecord, LoanTerms};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Fields, format_timestamp};
use crate::error::{ApiError, FieldError};

/// A new application. Without `product_id` the default product applies.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "customer_id": "0193a1f0-0000-7000-8000-000000000001", "amount": "80000.00",
    "term_months": 12, "repayment_method": "equal_installment",
    "annual_rate_percent": "6.00", "purpose": "采购原材料", "repayment_source": "销售回款"
}))]
pub struct CreateApplicationRequest {
    /// The borrowing customer.
    pub customer_id: String,
    /// Amount applied for.
    #[schema(example = "80000.00")]
    pub amount: String,
    /// Term in months, 1 to 360.
    #[schema(example = 12)]
    pub term_months: i64,
    /// Repayment method.
    #[schema(value_type = super::RepaymentMethodName)]
    pub repayment_method: String,
    /// Annual rate in percent; above the legal cap (4 × one-year LPR) it is refused.
    #[schema(example = "6.00")]
    pub annual_rate_percent: String,
    /// What the money is for.
    pub purpose: String,
    /// Where repayment will come from.
    pub repayment_source: String,
    /// The loan product; `default` when absent.
    pub product_id: Option<String>,
}

/// The parsed application.
#[derive(Debug, Clone)]
pub struct ParsedApplication {
    /// The borrower.
    pub customer_id: Uuid,
    /// Applied terms.
    pub terms: LoanTerms,
    /// Purpose.
    pub purpose: String,
    /// Repayment source.
    pub repayment_source: String,
    /// Product.
    pub product_id: String,
}

impl CreateApplicationRequest {
    /// Parses the request, listing every invalid field.
    pub fn parse(&self) -> Result<ParsedApplication, ApiError> {
        let mut f = Fields::new();
        let customer = Uuid::parse_str(&self.customer_id).ok();
        if customer.is_none() {
            f.push(FieldError::new(
                "customer_id",
                "not a customer id",
                "不是有效的客户 ID",
            ));
        }
        let amount = f.positive_money("amount", &self.amount);
        let term = f.term("term_months", self.term_months);
        let method = f.method("repayment_method", &self.repayment_method);
        let rate = f.rate("annual_rate_percent", &self.annual_rate_percent);
        let purpose = f.text("purpose", &self.purpose, 500);
        let source = f.text("repayment_source", &self.repayment_source, 500);
        let product = self
            .product_id
            .as_deref()
            .map_or(Some("default".to_owned()), |id| {
                f.text("product_id", id, 40)
            });
        let (
            Some(customer_id),
            Some(amount),
            Some(term),
            Some(method),
            Some(rate),
            Some(purpose),
            Some(source),
            Some(product),
        ) = (
            customer, amount, term, method, rate, purpose, source, product,
        )
        else {
            return Err(f.into_error());
        };
        f.finish()?;
        let terms = LoanTerms {
            amount,
            term,
            method,
            annual_rate: rate,
        };
        Ok(ParsedApplication {
            customer_id,
            terms,
            purpose,
            repayment_source: source,
            product_id: product,
        })
    }
}

/// A review comment for return, reject, withdraw and cancel.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionRequest {
    /// Why.
    #[schema(example = "请补充近三个月的银行流水")]
    pub comment: Option<String>,
}

/// An approval, which may change the terms.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"comment": "经营稳定，同意", "amount": "60000.00"}))]
pub struct ApproveRequest {
    /// The approver's opinion.
    pub comment: String,
    /// Approved amount, when different from the applied one.
    pub amount: Option<String>,
    /// Approved term.
    pub term_months: Option<i64>,
    /// Approved rate.
    pub annual_rate_percent: Option<String>,
    /// Approved repayment method.
    #[schema(value_type = Option<super::RepaymentMethodName>)]
    pub repayment_method: Option<String>,
}

impl ApproveRequest {
    /// The terms to approve: the given changes over `base`.
    pub fn terms(&self, base: LoanTerms) -> Result<LoanTerms, ApiError> {
        let mut f = Fields::new();
        let mut terms = base;
        if let Some(v) = &self.amount {
            terms.amount = f.positive_money("amount", v).unwrap_or(base.amount);
        }
        if let Some(v) = self.term_months {
            terms.term = f.term("term_months", v).unwrap_or(base.term);
        }
        if let Some(v) = &self.annual_rate_percent {
            terms.annual_rate = f.rate("annual_rate_percent", v).unwrap_or(base.annual_rate);
        }
        if let Some(v) = &self.repayment_method {
            terms.method = f.method("repayment_method", v).unwrap_or(base.method);
        }
        f.finish()?;
        Ok(terms)
    }
}

/// Amount, term, method and rate.
#[derive(Debug, Serialize, ToSchema)]
pub struct TermsView {
    /// Amount.
    #[schema(example = "80000.00")]
    pub amount: String,
    /// Term in months.
    pub term_months: u32,
    /// Repayment method.
    #[schema(value_type = super::RepaymentMethodName)]
    pub repayment_method: String,
    /// Annual rate in percent.
    #[schema(example = "6.00")]
    pub annual_rate_percent: String,
}

impl From<&LoanTerms> for TermsView {
    fn from(t: &LoanTerms) -> Self {
        TermsView {
            amount: t.amount.to_string(),
            term_months: t.term.months(),
            repayment_method: t.method.as_str().to_owned(),
            annual_rate_percent: t.annual_rate.to_percent_string(),
        }
    }
}

/// One review action.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionView {
    /// `submitted`, `approved`, `returned`, `rejected`, `withdrawn`, `cancelled`.
    pub action: String,
    /// Who acted.
    pub actor_id: String,
    /// True for an approval given with the manager role.
    pub as_manager: bool,
    /// Comment.
    pub comment: String,
    /// When.
    pub at: String,
}

impl From<&ActionRecord> for ActionView {
    fn from(a: &ActionRecord) -> Self {
        ActionView {
            action: a.action.clone(),
            actor_id: a.actor_id.to_string(),
            as_manager: a.as_manager,
            comment: a.comment.clone(),
            at: format_timestamp(a.created_at),
        }
    }
}

/// An application with its history.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationView {
    /// Id.
    pub id: String,
    /// The borrower.
    pub customer_id: String,
    /// `draft`, `submitted`, `returned`, `approved`, `rejected`, `withdrawn`,
    /// `disbursed` or `cancelled`.
    #[schema(example = "submitted")]
    pub status: String,
    /// The loan product.
    pub product_id: String,
    /// What was applied for.
    pub applied_terms: TermsView,
    /// What was approved, once approved.
    pub approved_terms: Option<TermsView>,
    /// Purpose.
    pub purpose: String,
    /// Repayment source.
    pub repayment_source: String,
    /// Approvals given so far (a second may still be needed).
    pub approvals: Vec<ActionView>,
    /// Every action in order: submissions, returns, approvals, …
    pub history: Vec<ActionView>,
    /// Who created it.
    pub created_by: String,
    /// Creation time.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
}

impl ApplicationView {
    /// The view of an application and its actions.
    pub fn new(app: &ApplicationRecord, actions: &[ActionRecord]) -> Self {
        let approvals = actions
            .iter()
            .filter(|a| a.action == "approved")
            .map(ActionView::from);
        ApplicationView {
            id: app.id.to_string(),
            customer_id: app.customer_id.to_string(),
            status: app.status.as_str().to_owned(),
            product_id: app.product_id.clone(),
            applied_terms: TermsView::from(&app.applied),
            approved_terms: app.approved.as_ref().map(TermsView::from),
            purpose: app.purpose.clone(),
            repayment_source: app.repayment_source.clone(),
            approvals: approvals.collect(),
            history: actions.iter().map(ActionView::from).collect(),
            created_by: app.created_by.to_string(),
            created_at: format_timestamp(app.created_at),
            updated_at: format_timestamp(app.updated_at),
        }
    }
}

/// Disbursement of an approved application.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"disbursement_date": "2026-01-15", "bank_reference": "ICBC-20260115-0001"}))]
pub struct DisburseRequest {
    /// Value date of the transfer; not after the business date, earlier only
    /// with the `backdate` permission.
    #[schema(format = Date, example = "2026-01-15")]
    pub disbursement_date: String,
    /// First due date when not one month after disbursement.
    #[schema(format = Date)]
    pub first_due_date: Option<String>,
    /// The bank's reference of the transfer.
    #[schema(example = "ICBC-20260115-0001")]
    pub bank_reference: String,
}
