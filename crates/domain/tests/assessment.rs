//! Worked examples of the default scorecard, each figure worked out by hand
//! in the comment above it.

use loanbook_domain::Money;
use loanbook_domain::assessment::{
    AssessmentInput, CreditRating, Financials, RepaymentHistory, RiskGrade, RiskRules, assess,
};
use rust_decimal::Decimal;

fn yuan(text: &str) -> Money {
    Money::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e:?}"))
}

fn financials(
    revenue: &str,
    profit: &str,
    assets: &str,
    liabilities: &str,
    years: u32,
) -> Financials {
    Financials {
        revenue: yuan(revenue),
        net_profit: yuan(profit),
        total_assets: yuan(assets),
        total_liabilities: yuan(liabilities),
        years_in_business: years,
    }
}

fn history(loans: u32, late: u32, worst: u32) -> RepaymentHistory {
    RepaymentHistory {
        loans,
        late_installments: late,
        worst_days_past_due: worst,
    }
}

fn points(result: &loanbook_domain::assessment::RiskAssessment) -> Vec<u32> {
    result.reasons.iter().map(|r| r.points).collect()
}

/// 2,800,000 / 8,000,000 = 35.00 % ≤ 40 → 25; 600,000 / 5,000,000 = 12.00 %
/// ≥ 10 → 20; 8 years ≥ 5 → 15; good → 20; two loans never late → 15.
/// 25 + 20 + 15 + 20 + 15 = 95 ≥ 80 → A.
#[test]
fn a_sound_repeat_borrower_is_grade_a() {
    let input = AssessmentInput {
        financials: financials("5000000.00", "600000.00", "8000000.00", "2800000.00", 8),
        rating: CreditRating::Good,
        history: history(2, 0, 0),
    };

    let result = assess(&input, &RiskRules::standard());

    assert_eq!(result.debt_ratio_percent, Some(dec("35.00")));
    assert_eq!(result.profit_margin_percent, Some(dec("12.00")));
    assert_eq!(points(&result), vec![25, 20, 15, 20, 15]);
    assert_eq!(result.score, 95);
    assert_eq!(result.grade, RiskGrade::A);
    assert_eq!(
        result.reasons[0].text,
        "debt ratio 35.00 % is at most 40 %: 25 points"
    );
}

/// 1,100,000 / 2,000,000 = 55.00 % ≤ 60 → 15; 120,000 / 3,000,000 = 4.00 %
/// ≥ 0 → 8; 3 years ≥ 3 → 10; fair → 12; no loans → 10.
/// 15 + 8 + 10 + 12 + 10 = 55: ≥ 50, < 65 → C.
#[test]
fn a_new_customer_with_thin_margins_is_grade_c() {
    let input = AssessmentInput {
        financials: financials("3000000.00", "120000.00", "2000000.00", "1100000.00", 3),
        rating: CreditRating::Fair,
        history: RepaymentHistory::default(),
    };

    let result = assess(&input, &RiskRules::standard());

    assert_eq!(points(&result), vec![15, 8, 10, 12, 10]);
    assert_eq!(result.score, 55);
    assert_eq!(result.grade, RiskGrade::C);
    assert_eq!(result.reasons[4].text, "no loans with us yet: 10 points");
}

/// Points 25 + 20 + 15 + 0 + 15 = 75 would be B, but an adverse rating
/// knocks the grade down to E and says so in a sixth reason.
#[test]
fn an_adverse_rating_is_grade_e_whatever_the_points() {
    let input = AssessmentInput {
        financials: financials("5000000.00", "600000.00", "8000000.00", "2800000.00", 8),
        rating: CreditRating::Adverse,
        history: history(1, 0, 0),
    };

    let result = assess(&input, &RiskRules::standard());

    assert_eq!(result.score, 75);
    assert_eq!(result.grade, RiskGrade::E);
    assert_eq!(result.reasons.len(), 6);
    assert!(result.reasons[5].knockout);
}

/// A worst delay of 91 days: beyond every history band (0 points) and beyond
/// the 90-day knock-out. 31 days: within "at most 90" → 3 points, no
/// knock-out.
#[test]
fn a_delay_beyond_ninety_days_is_grade_e_and_thirty_one_days_scores_three() {
    let base = AssessmentInput {
        financials: financials("5000000.00", "600000.00", "8000000.00", "2800000.00", 8),
        rating: CreditRating::Excellent,
        history: history(3, 4, 91),
    };
    let rules = RiskRules::standard();

    let late = assess(&base, &rules);
    let milder = assess(
        &AssessmentInput {
            history: history(3, 2, 31),
            ..base
        },
        &rules,
    );

    assert_eq!(points(&late), vec![25, 20, 15, 25, 0, 0]);
    assert_eq!(late.grade, RiskGrade::E);
    assert_eq!(
        milder.reasons[4].text,
        "3 loans, 2 late installments, worst delay 31 days is at most 90: 3 points"
    );
    // 25 + 20 + 15 + 25 + 3 = 88 → A.
    assert_eq!((milder.score, milder.grade), (88, RiskGrade::A));
}

/// Exactly 40.00 % is "at most 40" (25 points); a loss of 50,000 on
/// revenue 1,000,000 is −5.00 %, below every margin band; under a year
/// scores nothing. 25 + 0 + 0 + 4 (poor) + 10 = 39 → D.
#[test]
fn band_edges_losses_and_a_young_business() {
    let input = AssessmentInput {
        financials: financials("1000000.00", "-50000.00", "500000.00", "200000.00", 0),
        rating: CreditRating::Poor,
        history: RepaymentHistory::default(),
    };

    let result = assess(&input, &RiskRules::standard());

    assert_eq!(result.debt_ratio_percent, Some(dec("40.00")));
    assert_eq!(result.profit_margin_percent, Some(dec("-5.00")));
    assert_eq!(points(&result), vec![25, 0, 0, 4, 10]);
    assert_eq!(result.grade, RiskGrade::D);
    assert_eq!(
        result.reasons[1].text,
        "net profit margin -5.00 % is below every band: 0 points"
    );
}

/// 0.01 / 8.00 = 0.125 % rounds half up to 0.13 (half-to-even would give
/// 0.12); 2.00 / 3.00 = 66.666… % rounds to 66.67. Zero assets and zero
/// revenue leave both ratios undefined and score 0.
#[test]
fn ratios_round_half_up_and_zero_denominators_are_undefined() {
    let rules = RiskRules::standard();
    let tiny = AssessmentInput {
        financials: financials("3.00", "2.00", "8.00", "0.01", 1),
        rating: CreditRating::Good,
        history: RepaymentHistory::default(),
    };
    let empty = AssessmentInput {
        financials: financials("0.00", "0.00", "0.00", "0.00", 1),
        ..tiny
    };

    let tiny = assess(&tiny, &rules);
    let empty = assess(&empty, &rules);

    assert_eq!(tiny.debt_ratio_percent, Some(dec("0.13")));
    assert_eq!(tiny.profit_margin_percent, Some(dec("66.67")));
    assert_eq!(empty.debt_ratio_percent, None);
    assert_eq!(empty.profit_margin_percent, None);
    // 0 + 0 + 5 + 20 + 10 = 35 → D, the lowest D.
    assert_eq!((empty.score, empty.grade), (35, RiskGrade::D));
}

#[test]
fn rules_out_of_order_are_refused() {
    let mut rules = RiskRules::standard();
    rules.debt_ratio_at_most.swap(0, 1);
    let mut grades = RiskRules::standard();
    grades.grade_minimums = [80, 80, 50, 35];

    assert!(rules.check().is_err());
    assert!(grades.check().is_err());
    assert!(RiskRules::standard().check().is_ok());
}

#[test]
fn negative_assets_are_refused() {
    let bad = financials("1.00", "1.00", "-1.00", "0.00", 1);

    assert!(bad.check().is_err());
}
