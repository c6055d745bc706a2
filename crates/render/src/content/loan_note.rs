//! The loan note (借据): the borrower's signed acknowledgement of the loan,
//! with its terms, overdue terms and schedule.

use super::{field, method_cell, party_fields, schedule_cells, schedule_columns, totals_cells};
use crate::document::{Block, Cell, Document, Label, SignatureBox, Table};
use crate::format;
use crate::view::LoanNoteView;

/// The loan note as a document.
pub(crate) fn loan_note(view: &LoanNoteView) -> Document {
    let mut blocks = vec![
        Block::Heading(Label::new("一、当事人", "1. Parties")),
        Block::Table(parties(view)),
        Block::Heading(Label::new("二、借款条件", "2. Terms of the loan")),
        Block::Table(terms(view)),
        Block::Heading(Label::new("三、逾期条款", "3. Overdue terms")),
    ];
    blocks.extend(overdue_terms(&view.penalty_rate_percent));
    blocks.push(Block::Heading(Label::new(
        "四、还款计划",
        "4. Repayment schedule",
    )));
    blocks.push(Block::Table(schedule(view)));
    blocks.push(Block::Table(approval(view)));
    blocks.extend(acknowledgement());
    blocks.push(Block::Signatures(signatures(view)));
    Document {
        title: Label::new("借据", "Loan Note"),
        reference: (Label::new("借据编号", "Note No."), view.note_number.clone()),
        footer: format!("借据 Loan Note {}", view.note_number),
        blocks,
    }
}

/// Lender and borrower, each with name, credit code and address.
fn parties(view: &LoanNoteView) -> Table {
    let mut fields = party_fields(Label::new("出借人", "Lender"), &view.lender);
    fields.extend(party_fields(
        Label::new("借款人", "Borrower"),
        &view.borrower,
    ));
    Table::fields("parties", fields)
}

/// Amount, rate, method, term, dates, purpose and source.
fn terms(view: &LoanNoteView) -> Table {
    let text = |value: String| Cell::text(value);
    let months = view.term_months;
    let fields = vec![
        field(
            "借款金额（大写）",
            "Amount in words",
            text(view.amount_in_words.clone()),
        ),
        field(
            "借款金额（小写）",
            "Amount in figures",
            text(format::money_with_sign(view.amount)),
        ),
        field(
            "年利率",
            "Annual interest rate",
            text(format::percent(&view.annual_rate_percent)),
        ),
        field(
            "还款方式",
            "Repayment method",
            method_cell(view.repayment_method),
        ),
        field(
            "借款期限",
            "Term",
            Cell::pair(format!("{months}个月"), format!("{months} months")),
        ),
        field(
            "放款日",
            "Disbursement date",
            text(format::date(view.disbursement_date)),
        ),
        field(
            "到期日",
            "Maturity date",
            text(format::date(view.maturity_date)),
        ),
        field("借款用途", "Purpose", text(view.purpose.clone())),
        field(
            "还款来源",
            "Source of repayment",
            text(view.repayment_source.clone()),
        ),
        field(
            "放款凭证号",
            "Disbursement reference",
            text(view.bank_reference.clone()),
        ),
    ];
    Table::fields("loan terms", fields)
}

/// The penalty interest sentence, in Chinese and English.
fn overdue_terms(penalty_rate_percent: &str) -> [Block; 2] {
    let rate = format::percent(penalty_rate_percent);
    [
        Block::Paragraph(format!(
            "借款人未按期足额偿还本金的，逾期本金自应还日次日起按年利率{rate}计收罚息，\
             按日计算，日罚息率为年罚息率除以360，直至逾期本金清偿之日止。"
        )),
        Block::Note(format!(
            "Principal not repaid in full when due bears penalty interest at {rate} a year \
             from the day after its due date until it is repaid, charged per day at the \
             annual penalty rate divided by 360."
        )),
    ]
}

/// The schedule with its totals.
fn schedule(view: &LoanNoteView) -> Table {
    Table {
        name: "repayment schedule".to_owned(),
        columns: schedule_columns(false),
        header: true,
        rows: view.schedule.iter().map(schedule_cells).collect(),
        footer: vec![totals_cells(&view.totals, 0)],
        compact: false,
    }
}

/// Who approved the loan and when the note was issued.
fn approval(view: &LoanNoteView) -> Table {
    let approvers = if view.approvers.is_empty() {
        super::NONE.to_owned()
    } else {
        view.approvers.join("、")
    };
    let fields = vec![
        (Label::new("审批人", "Approved by"), Cell::text(approvers)),
        (
            Label::new("出具日期", "Issued on"),
            Cell::text(format::date(view.issued_at)),
        ),
    ];
    Table::fields("approval", fields)
}

/// The borrower's acknowledgement above the signatures.
fn acknowledgement() -> [Block; 2] {
    [
        Block::Paragraph(
            "借款人确认已收到上述借款，并承诺按本借据约定的还款计划按期足额偿还本金和利息。"
                .to_owned(),
        ),
        Block::Note(
            "The borrower confirms receipt of the loan above and undertakes to repay \
             principal and interest in full when due under the schedule of this note."
                .to_owned(),
        ),
    ]
}

/// The borrower's and the lender's seal and signature boxes.
fn signatures(view: &LoanNoteView) -> Vec<SignatureBox> {
    let representative = || {
        (
            Label::new(
                "法定代表人或授权代表（签字）",
                "Legal or authorised representative (signature)",
            ),
            String::new(),
        )
    };
    let date = || (Label::new("日期", "Date"), String::new());
    vec![
        SignatureBox {
            lines: vec![
                (
                    Label::new("借款人（盖章）", "Borrower (seal)"),
                    view.borrower.name.clone(),
                ),
                representative(),
                date(),
            ],
        },
        SignatureBox {
            lines: vec![
                (
                    Label::new("出借人（盖章）", "Lender (seal)"),
                    view.lender.name.clone(),
                ),
                representative(),
                date(),
            ],
        },
    ]
}
