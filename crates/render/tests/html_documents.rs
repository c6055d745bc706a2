//! HTML output: complete printable pages with every value escaped.

#![allow(clippy::unwrap_used)]

mod common;

use common::BORROWER;
use loanbook_render::html;

#[test]
fn a_borrower_name_with_markup_is_escaped() {
    let mut view = common::loan_note(12);
    view.borrower.name = "<script>alert(\"x\")</script> & Co".to_owned();

    let page = html::loan_note(&view);

    assert!(!page.contains("<script>"));
    assert!(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"));
}

#[test]
fn a_loan_note_page_is_a_complete_printable_document_with_its_key_texts() {
    let page = html::loan_note(&common::loan_note(12));

    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains(r#"<meta charset="utf-8">"#));
    assert!(page.contains("@page { size: A4;"));
    assert!(page.contains(BORROWER));
    assert!(page.contains("人民币壹拾万元整"));
    assert!(page.contains("JJ-2026-000123"));
    assert!(page.contains("¥100,000.00"));
    assert!(page.contains("102,654.17"));
    assert!(page.contains("借款人（盖章）"));
    assert!(page.contains("出借人（盖章）"));
    assert!(page.contains("法定代表人或授权代表（签字）"));
    assert!(page.contains("7.35%"));
    assert!(!page.contains("<script"));
    assert!(!page.contains("http"));
}

#[test]
fn a_schedule_page_shows_paid_columns_when_anything_is_paid() {
    let view = common::schedule_view();

    let page = html::schedule(&view);

    assert!(page.contains("还款计划表"));
    assert!(page.contains("JK-2026-000045"));
    assert!(page.contains("已还本金"));
    assert!(page.contains("408.33"));
    assert!(page.contains("12.50"));
    assert!(page.contains("2026-03-01"));
}

#[test]
fn a_notice_page_lists_its_paragraphs_amounts_and_account() {
    let page = html::notice(&common::dunning_notice());

    assert!(page.contains("催款通知"));
    assert!(page.contains("Dunning Notice"));
    assert!(page.contains(&format!("{BORROWER}：")));
    assert!(page.contains("已逾期"));
    assert!(page.contains("8,333.33"));
    assert!(page.contains("人民币捌仟叁佰叁拾叁元叁角叁分"));
    assert!(page.contains("1202 0210 0900 1234 567"));
    assert!(page.contains("2026-03-15"));
}
