//! Views and the font shared by the render tests.
//!
//! Tests that need the font skip with a message when none is installed,
//! unless `LOANBOOK_REQUIRE_FONT=1` (as in CI), where a missing font fails.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::sync::OnceLock;

use loanbook_domain::{Money, RepaymentMethod};
use loanbook_render::{
    CjkFont, LoanNoteView, NoticeAmountView, NoticeView, PaidAmounts, Party, PaymentAccountView,
    ScheduleLineView, ScheduleRowView, ScheduleTotals, ScheduleView,
};
use time::{Date, Month};

/// The borrower of every sample.
pub const BORROWER: &str = "杭州示例贸易有限公司";

/// The font from `LOANBOOK_PDF_FONT` or the default paths, or `None` (with
/// a message) when there is none and none is required.
pub fn font() -> Option<&'static CjkFont> {
    static FONT: OnceLock<Option<CjkFont>> = OnceLock::new();
    FONT.get_or_init(load_font).as_ref()
}

fn load_font() -> Option<CjkFont> {
    let configured = std::env::var_os("LOANBOOK_PDF_FONT").map(PathBuf::from);
    match CjkFont::discover(configured.as_deref()) {
        Ok(font) => Some(font),
        Err(error) if std::env::var("LOANBOOK_REQUIRE_FONT").as_deref() == Ok("1") => {
            panic!("LOANBOOK_REQUIRE_FONT=1 but no font: {error}")
        }
        Err(error) => {
            eprintln!("skipping a PDF test: {error}");
            None
        }
    }
}

/// The lender of every sample.
pub fn lender() -> Party {
    Party {
        name: "浙江示例投资集团有限公司".to_owned(),
        credit_code: Some("91330000MA27XXXX1Q".to_owned()),
        address: Some("浙江省杭州市西湖区文三路100号".to_owned()),
    }
}

/// The borrower of every sample.
pub fn borrower() -> Party {
    Party {
        name: BORROWER.to_owned(),
        credit_code: Some("91330106MA2H0ABC3X".to_owned()),
        address: Some("浙江省杭州市上城区解放路8号".to_owned()),
    }
}

/// The first day of the month `months` after January 2026, on the 15th.
fn due_date(months: u32) -> Date {
    let index = 12 * 2026 + months;
    let year = i32::try_from(index / 12).unwrap();
    let month = Month::try_from(u8::try_from(index % 12 + 1).unwrap()).unwrap();
    Date::from_calendar_date(year, month, 15).unwrap()
}

/// An equal-principal schedule of 100000.00 at 4.90 % over `months`,
/// disbursed 2026-01-15; the last installment takes the residue.
pub fn schedule(months: u32) -> Vec<ScheduleRowView> {
    let total: i64 = 10_000_000;
    let regular = total / i64::from(months);
    let mut balance = total;
    (1..=months)
        .map(|number| {
            let principal = if number == months { balance } else { regular };
            // balance × 4.9 % / 12, half-up to the fen.
            let interest = (balance * 49 + 6_000) / 12_000;
            balance -= principal;
            ScheduleRowView {
                number,
                due_date: due_date(number),
                principal: Money::from_fen(principal),
                interest: Money::from_fen(interest),
                payment: Money::from_fen(principal + interest),
                balance_after: Money::from_fen(balance),
            }
        })
        .collect()
}

/// A loan note of 100000.00 with a schedule of `months` rows.
pub fn loan_note(months: u32) -> LoanNoteView {
    let schedule = schedule(months);
    LoanNoteView {
        note_number: "JJ-2026-000123".to_owned(),
        lender: lender(),
        borrower: borrower(),
        amount: Money::from_fen(10_000_000),
        amount_in_words: "人民币壹拾万元整".to_owned(),
        annual_rate_percent: "4.90".to_owned(),
        penalty_rate_percent: "7.35".to_owned(),
        repayment_method: RepaymentMethod::EqualPrincipal,
        term_months: months,
        disbursement_date: due_date(0),
        maturity_date: due_date(months),
        purpose: "采购原材料（钢材、铝材），用于2026年第一季度生产经营".to_owned(),
        repayment_source: "销售回款".to_owned(),
        bank_reference: "ICBC-20260115-778899".to_owned(),
        approvers: vec!["王审核".to_owned(), "李经理".to_owned()],
        issued_at: due_date(0),
        totals: ScheduleTotals::of(&schedule),
        schedule,
    }
}

/// A 12-month schedule statement as of 2026-03-01 with the first
/// installment paid, with 12.50 of penalty.
pub fn schedule_view() -> ScheduleView {
    let rows = schedule(12);
    let mut lines: Vec<ScheduleLineView> = rows
        .iter()
        .map(|row| ScheduleLineView {
            row: *row,
            paid: None,
        })
        .collect();
    lines[0].paid = Some(PaidAmounts {
        principal: Money::from_fen(833_333),
        interest: Money::from_fen(40_833),
        penalty: Money::from_fen(1_250),
    });
    ScheduleView {
        loan_number: "JK-2026-000045".to_owned(),
        lender: lender(),
        borrower: borrower(),
        as_of: Date::from_calendar_date(2026, Month::March, 1).unwrap(),
        amount: Money::from_fen(10_000_000),
        annual_rate_percent: "4.90".to_owned(),
        repayment_method: RepaymentMethod::EqualPrincipal,
        totals: ScheduleTotals::of(&rows),
        lines,
    }
}

/// A dunning notice for one overdue installment.
pub fn dunning_notice() -> NoticeView {
    NoticeView {
        title: "催款通知".to_owned(),
        title_en: "Dunning Notice".to_owned(),
        number: "CK-2026-0007".to_owned(),
        issuer: lender(),
        addressee: borrower(),
        date: Date::from_calendar_date(2026, Month::March, 1).unwrap(),
        paragraphs: vec![
            "贵司于2026-02-15到期的第1期借款本息尚未足额归还，已逾期。".to_owned(),
            "请于期限前将下列款项汇入我司账户，逾期本金将继续按约定计收罚息。".to_owned(),
        ],
        amounts: vec![NoticeAmountView {
            label: "逾期本金".to_owned(),
            amount: Money::from_fen(833_333),
            amount_in_words: "人民币捌仟叁佰叁拾叁元叁角叁分".to_owned(),
        }],
        deadline: Some(Date::from_calendar_date(2026, Month::March, 15).unwrap()),
        payment_account: Some(PaymentAccountView {
            account_name: "浙江示例投资集团有限公司".to_owned(),
            bank: "中国工商银行杭州西湖支行".to_owned(),
            account_number: "1202 0210 0900 1234 567".to_owned(),
        }),
    }
}

/// The text of each page of a PDF.
pub fn pages_text(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf).unwrap()
}
