//! Credit assessment (信用评估): the figures a reviewer judges an application
//! by, and a risk grade A–E from a transparent scorecard.
//!
//! The scorecard adds points for five factors — debt ratio, net profit margin,
//! years in business, the external credit check's rating and the customer's
//! repayment history with the lender — and maps the total to a grade. Two
//! knock-outs force grade E whatever the points: an adverse external rating
//! and a past delay beyond a number of days. Every factor's points come with
//! a reason that names the value and the band it fell in, so a grade can be
//! explained to the customer and to an auditor. The bands live in
//! [`RiskRules`], which an operator may change; [`RiskRules::standard`] holds
//! the defaults.

use rust_decimal::{Decimal, RoundingStrategy};
use time::Date;

use crate::{DomainError, InstallmentPosition, LoanPosition, Money};

/// The customer's figures from its financial statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Financials {
    /// Revenue of the last financial year; not negative.
    pub revenue: Money,
    /// Net profit of the same year; negative for a loss.
    pub net_profit: Money,
    /// Total assets; not negative.
    pub total_assets: Money,
    /// Total liabilities; not negative.
    pub total_liabilities: Money,
    /// Whole years the business has traded.
    pub years_in_business: u32,
}

impl Financials {
    /// Checks that revenue, assets and liabilities are not negative.
    pub fn check(&self) -> Result<(), DomainError> {
        let figures = [self.revenue, self.total_assets, self.total_liabilities];
        if figures.iter().any(Money::is_negative) {
            return Err(DomainError::Negative);
        }
        Ok(())
    }
}

/// The rating an external credit check gave, on one five-step scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CreditRating {
    /// No negative records and strong standing.
    Excellent,
    /// No material negative records.
    Good,
    /// Minor or old negative records.
    Fair,
    /// Recent delays or several negative records.
    Poor,
    /// Defaults, enforcement or blacklisting.
    Adverse,
}

impl CreditRating {
    /// Every rating, best first.
    pub const ALL: [CreditRating; 5] = [
        CreditRating::Excellent,
        CreditRating::Good,
        CreditRating::Fair,
        CreditRating::Poor,
        CreditRating::Adverse,
    ];

    /// The API name.
    pub fn as_str(&self) -> &'static str {
        match self {
            CreditRating::Excellent => "excellent",
            CreditRating::Good => "good",
            CreditRating::Fair => "fair",
            CreditRating::Poor => "poor",
            CreditRating::Adverse => "adverse",
        }
    }

    /// Parses the API name.
    pub fn parse(text: &str) -> Option<CreditRating> {
        CreditRating::ALL
            .into_iter()
            .find(|rating| rating.as_str() == text)
    }
}

/// How the customer has repaid the lender before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RepaymentHistory {
    /// Loans the customer has had, in any status.
    pub loans: u32,
    /// Installments paid after their grace days, or past due now.
    pub late_installments: u32,
    /// The longest delay of any installment, in days.
    pub worst_days_past_due: u32,
}

impl RepaymentHistory {
    /// Adds one loan's position, derived as of the assessment date.
    pub fn add(&mut self, position: &LoanPosition, grace_days: u32) {
        self.loans += 1;
        for installment in &position.installments {
            if let Some(days) = delay(installment, grace_days) {
                self.late_installments += 1;
                self.worst_days_past_due = self.worst_days_past_due.max(days);
            }
        }
    }
}

/// The delay of an installment in days, when it was or is late.
fn delay(installment: &InstallmentPosition, grace_days: u32) -> Option<u32> {
    let due = installment.installment.due_date;
    let paid_late = installment
        .paid_off_on
        .map(|paid| days_between(due, paid))
        .filter(|days| *days > grace_days);
    let days = installment.days_overdue.max(paid_late.unwrap_or(0));
    let charged = installment.penalty_accrued.is_positive();
    (days > 0 || charged).then_some(days)
}

fn days_between(from: Date, to: Date) -> u32 {
    u32::try_from((to - from).whole_days()).unwrap_or(0)
}

/// The customer's standing with the lender against its credit limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exposure {
    /// The customer's credit limit.
    pub credit_limit: Money,
    /// Outstanding principal of the customer's active loans.
    pub outstanding_principal: Money,
    /// The amount the application asks for.
    pub requested: Money,
}

impl Exposure {
    /// What is left under the credit limit before this application;
    /// negative when the limit is already exceeded.
    pub fn headroom(&self) -> Money {
        self.credit_limit - self.outstanding_principal
    }

    /// Whether granting the requested amount would exceed the limit.
    pub fn exceeds_limit(&self) -> bool {
        self.outstanding_principal + self.requested > self.credit_limit
    }
}

/// A band of a factor: points given when the value reaches the bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// For an "at most" factor the highest value in the band, for an "at
    /// least" factor the lowest.
    pub bound: Decimal,
    /// Points given in the band.
    pub points: u32,
}

/// Points for each external rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatingPoints {
    /// Points for `excellent`.
    pub excellent: u32,
    /// Points for `good`.
    pub good: u32,
    /// Points for `fair`.
    pub fair: u32,
    /// Points for `poor`.
    pub poor: u32,
    /// Points for `adverse`.
    pub adverse: u32,
}

impl RatingPoints {
    fn of(&self, rating: CreditRating) -> u32 {
        match rating {
            CreditRating::Excellent => self.excellent,
            CreditRating::Good => self.good,
            CreditRating::Fair => self.fair,
            CreditRating::Poor => self.poor,
            CreditRating::Adverse => self.adverse,
        }
    }
}

/// The scorecard: bands per factor, grade thresholds and knock-outs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskRules {
    /// Debt ratio in percent; the first band whose bound the ratio does not
    /// exceed scores. Bands in ascending order of bound.
    pub debt_ratio_at_most: Vec<Band>,
    /// Net profit margin in percent; the first band whose bound the margin
    /// reaches scores. Bands in descending order of bound.
    pub profit_margin_at_least: Vec<Band>,
    /// Years in business; the first band reached scores, descending.
    pub years_at_least: Vec<Band>,
    /// Points per external rating.
    pub rating: RatingPoints,
    /// Points for a customer with no loans yet.
    pub history_no_loans: u32,
    /// Worst delay in days; the first band not exceeded scores, ascending.
    pub worst_delay_at_most: Vec<Band>,
    /// The least points for grades A, B, C and D; below D's is E.
    pub grade_minimums: [u32; 4],
    /// An adverse external rating makes the grade E.
    pub adverse_rating_is_e: bool,
    /// A past delay of more than this many days makes the grade E.
    pub delay_knockout_days: Option<u32>,
}

impl RiskRules {
    /// The default scorecard (100 points at best):
    ///
    /// | factor | bands |
    /// |---|---|
    /// | debt ratio | ≤ 40 %: 25 · ≤ 60 %: 15 · ≤ 80 %: 5 · else 0 |
    /// | net profit margin | ≥ 10 %: 20 · ≥ 5 %: 15 · ≥ 0 %: 8 · else 0 |
    /// | years in business | ≥ 5: 15 · ≥ 3: 10 · ≥ 1: 5 · else 0 |
    /// | external rating | excellent 25 · good 20 · fair 12 · poor 4 · adverse 0 |
    /// | history | no loans: 10 · worst delay 0 days: 15 · ≤ 30: 8 · ≤ 90: 3 · else 0 |
    ///
    /// Grades: A ≥ 80, B ≥ 65, C ≥ 50, D ≥ 35, else E; an adverse rating or a
    /// delay beyond 90 days is E.
    pub fn standard() -> RiskRules {
        RiskRules {
            debt_ratio_at_most: bands(&[(40, 25), (60, 15), (80, 5)]),
            profit_margin_at_least: bands(&[(10, 20), (5, 15), (0, 8)]),
            years_at_least: bands(&[(5, 15), (3, 10), (1, 5)]),
            rating: RatingPoints {
                excellent: 25,
                good: 20,
                fair: 12,
                poor: 4,
                adverse: 0,
            },
            history_no_loans: 10,
            worst_delay_at_most: bands(&[(0, 15), (30, 8), (90, 3)]),
            grade_minimums: [80, 65, 50, 35],
            adverse_rating_is_e: true,
            delay_knockout_days: Some(90),
        }
    }

    /// Checks that bands are ordered as documented, points and thresholds
    /// make sense, and the grade thresholds fall from A to D.
    pub fn check(&self) -> Result<(), DomainError> {
        let ascending = |b: &[Band]| b.windows(2).all(|w| w[0].bound < w[1].bound);
        let descending = |b: &[Band]| b.windows(2).all(|w| w[0].bound > w[1].bound);
        if !ascending(&self.debt_ratio_at_most) || !ascending(&self.worst_delay_at_most) {
            return Err(DomainError::InvalidRules(
                "\"at most\" bands must have strictly ascending bounds",
            ));
        }
        if !descending(&self.profit_margin_at_least) || !descending(&self.years_at_least) {
            return Err(DomainError::InvalidRules(
                "\"at least\" bands must have strictly descending bounds",
            ));
        }
        if !self.grade_minimums.windows(2).all(|w| w[0] > w[1]) {
            return Err(DomainError::InvalidRules(
                "grade minimums must fall strictly from A to D",
            ));
        }
        Ok(())
    }
}

fn bands(pairs: &[(i64, u32)]) -> Vec<Band> {
    pairs
        .iter()
        .map(|&(bound, points)| Band {
            bound: Decimal::from(bound),
            points,
        })
        .collect()
}

/// A risk grade, A best and E worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RiskGrade {
    /// Lowest risk.
    A,
    /// Low risk.
    B,
    /// Moderate risk.
    C,
    /// High risk.
    D,
    /// Very high risk.
    E,
}

impl RiskGrade {
    /// The API name, one capital letter.
    pub fn as_str(&self) -> &'static str {
        match self {
            RiskGrade::A => "A",
            RiskGrade::B => "B",
            RiskGrade::C => "C",
            RiskGrade::D => "D",
            RiskGrade::E => "E",
        }
    }

    /// Parses the API name.
    pub fn parse(text: &str) -> Option<RiskGrade> {
        [
            RiskGrade::A,
            RiskGrade::B,
            RiskGrade::C,
            RiskGrade::D,
            RiskGrade::E,
        ]
        .into_iter()
        .find(|grade| grade.as_str() == text)
    }
}

/// A factor of the scorecard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Factor {
    /// Total liabilities over total assets.
    DebtRatio,
    /// Net profit over revenue.
    ProfitMargin,
    /// Years in business.
    YearsInBusiness,
    /// The external credit check's rating.
    CreditRating,
    /// Repayment history with the lender.
    RepaymentHistory,
}

impl Factor {
    /// The API name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Factor::DebtRatio => "debt_ratio",
            Factor::ProfitMargin => "profit_margin",
            Factor::YearsInBusiness => "years_in_business",
            Factor::CreditRating => "credit_rating",
            Factor::RepaymentHistory => "repayment_history",
        }
    }

    /// Parses the API name.
    pub fn parse(text: &str) -> Option<Factor> {
        [
            Factor::DebtRatio,
            Factor::ProfitMargin,
            Factor::YearsInBusiness,
            Factor::CreditRating,
            Factor::RepaymentHistory,
        ]
        .into_iter()
        .find(|factor| factor.as_str() == text)
    }
}

/// Why a factor scored what it did, or why a knock-out applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The factor.
    pub factor: Factor,
    /// Points given (zero for a knock-out).
    pub points: u32,
    /// Whether this reason forced grade E.
    pub knockout: bool,
    /// The value and band in words, in English.
    pub text: String,
}

/// Everything the assessment judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessmentInput {
    /// The customer's figures.
    pub financials: Financials,
    /// The external rating.
    pub rating: CreditRating,
    /// History with the lender.
    pub history: RepaymentHistory,
}

/// The computed side of an assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskAssessment {
    /// Total liabilities / total assets in percent, 2 decimals, half up;
    /// none when total assets are zero.
    pub debt_ratio_percent: Option<Decimal>,
    /// Net profit / revenue in percent, 2 decimals, half up; none when
    /// revenue is zero.
    pub profit_margin_percent: Option<Decimal>,
    /// The scorecard's total.
    pub score: u32,
    /// The grade.
    pub grade: RiskGrade,
    /// One reason per factor, then any knock-outs.
    pub reasons: Vec<Reason>,
}

/// Scores `input` with `rules`.
pub fn assess(input: &AssessmentInput, rules: &RiskRules) -> RiskAssessment {
    let f = &input.financials;
    let debt_ratio = percent(f.total_liabilities, f.total_assets);
    let margin = percent(f.net_profit, f.revenue);
    let mut reasons = vec![
        debt_ratio_reason(debt_ratio, rules),
        margin_reason(margin, rules),
        years_reason(f.years_in_business, rules),
        rating_reason(input.rating, rules),
        history_reason(&input.history, rules),
    ];
    let score = reasons.iter().map(|r| r.points).sum();

    let knockouts = knockouts(input, rules);
    let grade = if knockouts.is_empty() {
        grade_for(score, rules)
    } else {
        RiskGrade::E
    };
    reasons.extend(knockouts);
    RiskAssessment {
        debt_ratio_percent: debt_ratio,
        profit_margin_percent: margin,
        score,
        grade,
        reasons,
    }
}

/// `part / whole` in percent, 2 decimals, half up; none for a zero whole.
fn percent(part: Money, whole: Money) -> Option<Decimal> {
    if whole.is_zero() {
        return None;
    }
    let ratio = Decimal::from(part.fen()) * Decimal::ONE_HUNDRED / Decimal::from(whole.fen());
    let mut rounded = ratio.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    Some(rounded)
}

fn at_most(value: Decimal, bands: &[Band]) -> Option<Band> {
    bands.iter().copied().find(|band| value <= band.bound)
}

fn at_least(value: Decimal, bands: &[Band]) -> Option<Band> {
    bands.iter().copied().find(|band| value >= band.bound)
}

fn reason(factor: Factor, points: u32, text: String) -> Reason {
    Reason {
        factor,
        points,
        knockout: false,
        text,
    }
}

fn debt_ratio_reason(ratio: Option<Decimal>, rules: &RiskRules) -> Reason {
    let Some(ratio) = ratio else {
        let text = "total assets are zero, so the debt ratio is undefined: 0 points".to_owned();
        return reason(Factor::DebtRatio, 0, text);
    };
    let band = at_most(ratio, &rules.debt_ratio_at_most);
    let text = match band {
        Some(band) => format!(
            "debt ratio {ratio} % is at most {} %: {} points",
            band.bound, band.points
        ),
        None => format!("debt ratio {ratio} % is above every band: 0 points"),
    };
    reason(Factor::DebtRatio, band.map_or(0, |b| b.points), text)
}

fn margin_reason(margin: Option<Decimal>, rules: &RiskRules) -> Reason {
    let Some(margin) = margin else {
        let text = "revenue is zero, so the profit margin is undefined: 0 points".to_owned();
        return reason(Factor::ProfitMargin, 0, text);
    };
    let band = at_least(margin, &rules.profit_margin_at_least);
    let text = match band {
        Some(band) => format!(
            "net profit margin {margin} % is at least {} %: {} points",
            band.bound, band.points
        ),
        None => format!("net profit margin {margin} % is below every band: 0 points"),
    };
    reason(Factor::ProfitMargin, band.map_or(0, |b| b.points), text)
}

fn years_reason(years: u32, rules: &RiskRules) -> Reason {
    let band = at_least(Decimal::from(years), &rules.years_at_least);
    let text = match band {
        Some(band) => format!(
            "{years} years in business is at least {}: {} points",
            band.bound, band.points
        ),
        None => format!("{years} years in business is below every band: 0 points"),
    };
    reason(Factor::YearsInBusiness, band.map_or(0, |b| b.points), text)
}

fn rating_reason(rating: CreditRating, rules: &RiskRules) -> Reason {
    let points = rules.rating.of(rating);
    let text = format!(
        "external credit rating {}: {points} points",
        rating.as_str()
    );
    reason(Factor::CreditRating, points, text)
}

fn history_reason(history: &RepaymentHistory, rules: &RiskRules) -> Reason {
    if history.loans == 0 {
        let points = rules.history_no_loans;
        let text = format!("no loans with us yet: {points} points");
        return reason(Factor::RepaymentHistory, points, text);
    }
    let worst = history.worst_days_past_due;
    let band = at_most(Decimal::from(worst), &rules.worst_delay_at_most);
    let text = match band {
        Some(band) => format!(
            "{} loans, {} late installments, worst delay {worst} days is at most {}: {} points",
            history.loans, history.late_installments, band.bound, band.points
        ),
        None => format!(
            "{} loans, {} late installments, worst delay {worst} days is beyond every band: 0 points",
            history.loans, history.late_installments
        ),
    };
    reason(Factor::RepaymentHistory, band.map_or(0, |b| b.points), text)
}

fn knockouts(input: &AssessmentInput, rules: &RiskRules) -> Vec<Reason> {
    let mut found = Vec::new();
    if rules.adverse_rating_is_e && input.rating == CreditRating::Adverse {
        found.push(Reason {
            factor: Factor::CreditRating,
            points: 0,
            knockout: true,
            text: "an adverse external credit rating makes the grade E".to_owned(),
        });
    }
    let worst = input.history.worst_days_past_due;
    if let Some(limit) = rules.delay_knockout_days.filter(|limit| worst > *limit) {
        found.push(Reason {
            factor: Factor::RepaymentHistory,
            points: 0,
            knockout: true,
            text: format!("a delay of {worst} days, beyond {limit}, makes the grade E"),
        });
    }
    found
}

fn grade_for(score: u32, rules: &RiskRules) -> RiskGrade {
    let [a, b, c, d] = rules.grade_minimums;
    match score {
        s if s >= a => RiskGrade::A,
        s if s >= b => RiskGrade::B,
        s if s >= c => RiskGrade::C,
        s if s >= d => RiskGrade::D,
        _ => RiskGrade::E,
    }
}
