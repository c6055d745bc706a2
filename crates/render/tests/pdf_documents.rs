//! PDF output: extractable text, a subset font, and long schedules over
//! several pages.

#![allow(clippy::unwrap_used)]

mod common;

use common::{BORROWER, font, pages_text};
use loanbook_render::{RenderError, pdf};

#[test]
fn a_loan_note_pdf_holds_its_key_texts_as_text_in_a_small_file() {
    let Some(font) = font() else { return };
    let view = common::loan_note(12);

    let bytes = pdf::loan_note(&view, font).unwrap();

    assert!(bytes.starts_with(b"%PDF-"));
    assert!(bytes.len() < 300 * 1024, "the PDF is {} bytes", bytes.len());
    let text = pages_text(&bytes).concat();
    assert!(text.contains(BORROWER), "no borrower in {text}");
    assert!(text.contains("人民币壹拾万元整"));
    assert!(text.contains("JJ-2026-000123"));
    assert!(text.contains("¥100,000.00"));
    assert!(text.contains("91330106MA2H0ABC3X"));
    assert!(text.contains("借款人（盖章）"));
    assert!(text.contains("法定代表人或授权代表（签字）"));
    assert!(text.contains("出借人（盖章）"));
    assert!(text.contains("7.35%"));
    assert!(text.contains("2027-01-15"));
}

#[test]
fn a_360_row_schedule_continues_over_several_pages() {
    let Some(font) = font() else { return };
    let view = common::loan_note(360);

    let bytes = pdf::loan_note(&view, font).unwrap();

    let pages = pages_text(&bytes);
    assert!(pages.len() > 1);
    let last_page = pages.last().unwrap();
    assert!(last_page.contains("出借人（盖章）"));
    let text = pages.concat();
    assert!(text.contains("2056-01-15"), "the last due date is missing");
    assert!(text.contains("280.57"), "the last principal is missing");
    assert!(bytes.len() < 600 * 1024, "the PDF is {} bytes", bytes.len());
}

#[test]
fn every_page_of_a_long_schedule_repeats_the_header_and_counts_pages() {
    let Some(font) = font() else { return };

    let bytes = pdf::loan_note(&common::loan_note(360), font).unwrap();

    let pages = pages_text(&bytes);
    let total = pages.len();
    for (index, page) in pages.iter().enumerate() {
        assert!(page.contains(&format!("Page {} of {total}", index + 1)));
    }
    let with_header = pages
        .iter()
        .filter(|page| page.contains("应还本金"))
        .count();
    assert!(
        with_header >= total - 1,
        "{with_header} of {total} pages have a header"
    );
}

#[test]
fn a_dunning_notice_pdf_holds_its_amounts_and_account() {
    let Some(font) = font() else { return };

    let bytes = pdf::notice(&common::dunning_notice(), font).unwrap();

    let text = pages_text(&bytes).concat();
    assert!(text.contains("催款通知"));
    assert!(text.contains("CK-2026-0007"));
    assert!(text.contains("8,333.33"));
    assert!(text.contains("人民币捌仟叁佰叁拾叁元叁角叁分"));
    assert!(text.contains("中国工商银行杭州西湖支行"));
    assert!(text.contains("2026-03-15"));
}

#[test]
fn a_schedule_statement_pdf_holds_the_paid_columns() {
    let Some(font) = font() else { return };

    let bytes = pdf::schedule(&common::schedule_view(), font).unwrap();

    let text = pages_text(&bytes).concat();
    assert!(text.contains("还款计划表"));
    assert!(text.contains("JK-2026-000045"));
    assert!(text.contains(BORROWER));
    assert!(text.contains("已还罚息"));
    assert!(text.contains("12.50"));
    assert!(text.contains("100,000.00"));
}

#[test]
fn a_table_row_taller_than_a_page_is_refused() {
    let Some(font) = font() else { return };
    let mut view = common::loan_note(12);
    view.purpose = "采购原材料".repeat(1_000);

    let error = pdf::loan_note(&view, font).unwrap_err();

    assert!(matches!(error, RenderError::RowTooTall { .. }), "{error:?}");
}

#[test]
fn text_the_font_cannot_show_is_refused() {
    let Some(font) = font() else { return };
    let mut view = common::loan_note(12);
    view.purpose = "购买设备 \u{1F600}".to_owned();

    let error = pdf::loan_note(&view, font).unwrap_err();

    assert!(error.to_string().contains("U+1F600"), "{error}");
}
