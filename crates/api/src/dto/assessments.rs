//! Credit assessments and the scorecard behind their risk grade.

use loanbook_domain::assessment::{Band, CreditRating, Financials, RatingPoints, RiskRules};
use loanbook_persistence::repo::assessments::{AssessmentEntry, AssessmentRecord, CreditCheck};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{Fields, format_date, format_timestamp};
use crate::error::{ApiError, FieldError};

/// The external credit check's result.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditCheckBody {
    /// Who ran it, e.g. a credit bureau or data provider.
    #[schema(example = "中国人民银行征信中心")]
    pub source: String,
    /// When it was run (YYYY-MM-DD), not after the business date.
    #[schema(example = "2026-11-20")]
    pub checked_on: String,
    /// The rating on one five-step scale.
    #[schema(value_type = RatingName)]
    pub rating: String,
    /// What it found.
    #[schema(example = "无不良记录")]
    pub notes: Option<String>,
}

/// The ratings of an external credit check.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case", example = "good")]
#[allow(dead_code)]
pub enum RatingName {
    /// No negative records and strong standing.
    Excellent,
    /// No material negative records.
    Good,
    /// Minor or old negative records.
    Fair,
    /// Recent delays or several negative records.
    Poor,
    /// Defaults, enforcement or blacklisting: grade E by default.
    Adverse,
}

/// A reviewer's credit assessment of an application.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "revenue": "5000000.00", "net_profit": "600000.00",
    "total_assets": "8000000.00", "total_liabilities": "2800000.00",
    "years_in_business": 8,
    "credit_check": {"source": "中国人民银行征信中心", "checked_on": "2026-11-20",
        "rating": "good", "notes": "无不良记录"},
    "opinion": "经营稳定，现金流可覆盖还款"
}))]
pub struct AssessmentRequest {
    /// Revenue of the last financial year; not negative.
    pub revenue: String,
    /// Net profit of the same year; negative for a loss.
    pub net_profit: String,
    /// Total assets; not negative.
    pub total_assets: String,
    /// Total liabilities; not negative.
    pub total_liabilities: String,
    /// Whole years in business, 0 to 200.
    pub years_in_business: i64,
    /// The external credit check.
    pub credit_check: CreditCheckBody,
    /// The reviewer's opinion.
    pub opinion: String,
}

impl AssessmentRequest {
    /// Parses the request, listing every invalid field.
    pub fn parse(&self) -> Result<AssessmentEntry, ApiError> {
        let mut f = Fields::new();
        let revenue = f.money("revenue", &self.revenue);
        let net_profit = f.check(
            "net_profit",
            loanbook_domain::Money::parse(&self.net_profit),
        );
        let assets = f.money("total_assets", &self.total_assets);
        let liabilities = f.money("total_liabilities", &self.total_liabilities);
        let years = u32::try_from(self.years_in_business)
            .ok()
            .filter(|y| *y <= 200);
        if years.is_none() {
            f.push(FieldError::new(
                "years_in_business",
                "must be a whole number from 0 to 200",
                "须为 0 至 200 的整数",
            ));
        }
        let check = &self.credit_check;
        let source = f.text("credit_check.source", &check.source, 200);
        let checked_on = f.date("credit_check.checked_on", &check.checked_on);
        let rating = CreditRating::parse(&check.rating);
        if rating.is_none() {
            f.push(FieldError::new(
                "credit_check.rating",
                "must be one of excellent, good, fair, poor, adverse",
                "须为 excellent、good、fair、poor、adverse 之一",
            ));
        }
        let notes = optional_text(&mut f, "credit_check.notes", check.notes.as_deref());
        let opinion = f.text("opinion", &self.opinion, 4000);
        let (
            Some(revenue),
            Some(net_profit),
            Some(total_assets),
            Some(total_liabilities),
            Some(years_in_business),
            Some(source),
            Some(checked_on),
            Some(rating),
            Some(notes),
            Some(opinion),
        ) = (
            revenue,
            net_profit,
            assets,
            liabilities,
            years,
            source,
            checked_on,
            rating,
            notes,
            opinion,
        )
        else {
            return Err(f.into_error());
        };
        f.finish()?;
        Ok(AssessmentEntry {
            financials: Financials {
                revenue,
                net_profit,
                total_assets,
                total_liabilities,
                years_in_business,
            },
            credit_check: CreditCheck {
                source,
                checked_on,
                rating,
                notes,
            },
            opinion,
        })
    }
}

fn optional_text(f: &mut Fields, field: &str, text: Option<&str>) -> Option<String> {
    match text.map(str::trim) {
        None | Some("") => Some(String::new()),
        Some(text) => f.text(field, text, 4000),
    }
}

/// Why a factor scored what it did.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReasonView {
    /// `debt_ratio`, `profit_margin`, `years_in_business`, `credit_rating`
    /// or `repayment_history`.
    #[schema(example = "debt_ratio")]
    pub factor: String,
    /// Points given.
    #[schema(example = 25)]
    pub points: u32,
    /// Whether this reason forced grade E.
    pub knockout: bool,
    /// The value and band in words.
    #[schema(example = "debt ratio 35.00 % is at most 40 %: 25 points")]
    pub text: String,
}

/// The customer's repayment history with the lender.
#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryView {
    /// Loans the customer has had, in any status.
    pub loans: u32,
    /// Installments paid after their grace days, or past due now.
    pub late_installments: u32,
    /// The longest delay of any installment, in days.
    pub worst_days_past_due: u32,
}

/// A stored assessment with what Loanbook computed beside it.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentView {
    /// Identifier.
    pub id: String,
    /// The application.
    pub application_id: String,
    /// Its customer.
    pub customer_id: String,
    /// The business date the computed figures are for.
    pub as_of: String,
    /// Revenue.
    pub revenue: String,
    /// Net profit.
    pub net_profit: String,
    /// Total assets.
    pub total_assets: String,
    /// Total liabilities.
    pub total_liabilities: String,
    /// Years in business.
    pub years_in_business: u32,
    /// The external credit check.
    pub credit_check: CreditCheckBody,
    /// The reviewer's opinion.
    pub opinion: String,
    /// Total liabilities / total assets in percent, 2 decimals; null when
    /// total assets are zero.
    #[schema(example = "35.00")]
    pub debt_ratio_percent: Option<String>,
    /// Net profit / revenue in percent, 2 decimals; null when revenue is zero.
    #[schema(example = "12.00")]
    pub profit_margin_percent: Option<String>,
    /// The amount the application asks for (its approved amount when a
    /// first approval changed it).
    pub requested_amount: String,
    /// The customer's credit limit.
    pub credit_limit: String,
    /// Outstanding principal of the customer's active loans.
    pub current_exposure: String,
    /// Credit limit − current exposure; negative when already exceeded.
    pub headroom: String,
    /// Whether granting the request would exceed the credit limit (then a
    /// manager must approve).
    pub exceeds_credit_limit: bool,
    /// Repayment history with the lender.
    pub repayment_history: HistoryView,
    /// Scorecard points.
    #[schema(example = 95)]
    pub score: u32,
    /// Risk grade A (best) to E.
    #[schema(example = "A")]
    pub risk_grade: String,
    /// One reason per factor, then any knock-outs.
    pub reasons: Vec<ReasonView>,
    /// Who assessed.
    pub assessed_by: String,
    /// When.
    pub assessed_at: String,
}

fn percent_text(value: Option<Decimal>) -> Option<String> {
    value.map(|mut v| {
        v.rescale(2);
        v.to_string()
    })
}

impl From<&AssessmentRecord> for AssessmentView {
    fn from(record: &AssessmentRecord) -> Self {
        let a = &record.assessment;
        let f = &a.entry.financials;
        let check = &a.entry.credit_check;
        AssessmentView {
            id: record.id.to_string(),
            application_id: a.application_id.to_string(),
            customer_id: a.customer_id.to_string(),
            as_of: format_date(a.as_of),
            revenue: f.revenue.to_string(),
            net_profit: f.net_profit.to_string(),
            total_assets: f.total_assets.to_string(),
            total_liabilities: f.total_liabilities.to_string(),
            years_in_business: f.years_in_business,
            credit_check: CreditCheckBody {
                source: check.source.clone(),
                checked_on: format_date(check.checked_on),
                rating: check.rating.as_str().to_owned(),
                notes: Some(check.notes.clone()),
            },
            opinion: a.entry.opinion.clone(),
            debt_ratio_percent: percent_text(a.result.debt_ratio_percent),
            profit_margin_percent: percent_text(a.result.profit_margin_percent),
            requested_amount: a.exposure.requested.to_string(),
            credit_limit: a.exposure.credit_limit.to_string(),
            current_exposure: a.exposure.outstanding_principal.to_string(),
            headroom: a.exposure.headroom().to_string(),
            exceeds_credit_limit: a.exposure.exceeds_limit(),
            repayment_history: HistoryView {
                loans: a.history.loans,
                late_installments: a.history.late_installments,
                worst_days_past_due: a.history.worst_days_past_due,
            },
            score: a.result.score,
            risk_grade: a.result.grade.as_str().to_owned(),
            reasons: a
                .result
                .reasons
                .iter()
                .map(|r| ReasonView {
                    factor: r.factor.as_str().to_owned(),
                    points: r.points,
                    knockout: r.knockout,
                    text: r.text.clone(),
                })
                .collect(),
            assessed_by: a.assessed_by.to_string(),
            assessed_at: format_timestamp(record.assessed_at),
        }
    }
}

/// A band of the scorecard: `points` when the value reaches `bound`.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BandBody {
    /// The band's bound, a decimal string (percent or days or years).
    #[schema(example = "40")]
    pub bound: String,
    /// Points in the band.
    #[schema(example = 25)]
    pub points: u32,
}

/// Points per external rating.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingPointsBody {
    /// `excellent`.
    pub excellent: u32,
    /// `good`.
    pub good: u32,
    /// `fair`.
    pub fair: u32,
    /// `poor`.
    pub poor: u32,
    /// `adverse`.
    pub adverse: u32,
}

/// The scorecard that grades every new assessment (kept in settings).
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskRulesBody {
    /// Debt ratio (%) bands, ascending: the first whose bound the ratio does
    /// not exceed scores.
    pub debt_ratio_at_most: Vec<BandBody>,
    /// Net profit margin (%) bands, descending: the first reached scores.
    pub profit_margin_at_least: Vec<BandBody>,
    /// Years-in-business bands, descending: the first reached scores.
    pub years_at_least: Vec<BandBody>,
    /// Points per external rating.
    pub rating: RatingPointsBody,
    /// Points for a customer with no loans yet.
    pub history_no_loans: u32,
    /// Worst-delay (days) bands, ascending: the first not exceeded scores.
    pub worst_delay_at_most: Vec<BandBody>,
    /// Least points for grades A, B, C and D, falling; below D is E.
    pub grade_minimums: [u32; 4],
    /// An adverse external rating makes the grade E.
    pub adverse_rating_is_e: bool,
    /// A past delay beyond this many days makes the grade E; null for none.
    pub delay_knockout_days: Option<u32>,
}

fn band_bodies(bands: &[Band]) -> Vec<BandBody> {
    bands
        .iter()
        .map(|b| BandBody {
            bound: b.bound.normalize().to_string(),
            points: b.points,
        })
        .collect()
}

fn parse_bands(f: &mut Fields, field: &str, bodies: &[BandBody]) -> Vec<Band> {
    let mut bands = Vec::new();
    for body in bodies {
        match body.bound.parse::<Decimal>() {
            Ok(bound) if !body.bound.contains(['e', 'E']) => bands.push(Band {
                bound,
                points: body.points,
            }),
            _ => f.push(FieldError::new(
                field,
                format!("{:?} is not a decimal bound", body.bound),
                format!("{:?} 不是有效的分档界限", body.bound),
            )),
        }
    }
    bands
}

impl From<&RiskRules> for RiskRulesBody {
    fn from(rules: &RiskRules) -> Self {
        let r = &rules.rating;
        RiskRulesBody {
            debt_ratio_at_most: band_bodies(&rules.debt_ratio_at_most),
            profit_margin_at_least: band_bodies(&rules.profit_margin_at_least),
            years_at_least: band_bodies(&rules.years_at_least),
            rating: RatingPointsBody {
                excellent: r.excellent,
                good: r.good,
                fair: r.fair,
                poor: r.poor,
                adverse: r.adverse,
            },
            history_no_loans: rules.history_no_loans,
            worst_delay_at_most: band_bodies(&rules.worst_delay_at_most),
            grade_minimums: rules.grade_minimums,
            adverse_rating_is_e: rules.adverse_rating_is_e,
            delay_knockout_days: rules.delay_knockout_days,
        }
    }
}

impl RiskRulesBody {
    /// Parses and checks the scorecard.
    pub fn parse(&self) -> Result<RiskRules, ApiError> {
        let mut f = Fields::new();
        let r = &self.rating;
        let rules = RiskRules {
            debt_ratio_at_most: parse_bands(&mut f, "debt_ratio_at_most", &self.debt_ratio_at_most),
            profit_margin_at_least: parse_bands(
                &mut f,
                "profit_margin_at_least",
                &self.profit_margin_at_least,
            ),
            years_at_least: parse_bands(&mut f, "years_at_least", &self.years_at_least),
            rating: RatingPoints {
                excellent: r.excellent,
                good: r.good,
                fair: r.fair,
                poor: r.poor,
                adverse: r.adverse,
            },
            history_no_loans: self.history_no_loans,
            worst_delay_at_most: parse_bands(
                &mut f,
                "worst_delay_at_most",
                &self.worst_delay_at_most,
            ),
            grade_minimums: self.grade_minimums,
            adverse_rating_is_e: self.adverse_rating_is_e,
            delay_knockout_days: self.delay_knockout_days,
        };
        f.finish()?;
        rules
            .check()
            .map_err(|e| ApiError::Validation(vec![FieldError::domain("rules", &e)]))?;
        Ok(rules)
    }
}
