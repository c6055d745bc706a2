//! The repayment schedule statement (还款计划表) sent to a customer.

use super::{AMOUNT_WEIGHT_COMPACT, method_cell, schedule_cells, schedule_columns, totals_cells};
use crate::document::{Align, Block, Cell, Column, Document, Label, Table};
use crate::format;
use crate::view::{PaidAmounts, ScheduleLineView, ScheduleView};

/// The schedule statement as a document.
pub(crate) fn schedule(view: &ScheduleView) -> Document {
    let with_paid = view.lines.iter().any(|line| line.paid.is_some());
    let mut blocks = vec![
        Block::Table(summary(view)),
        Block::Table(table(view, with_paid)),
    ];
    if with_paid {
        let as_of = format::date(view.as_of);
        blocks.push(Block::Note(format!(
            "已还金额为截至{as_of}已入账的还款。Paid amounts are the repayments booked up to \
             {as_of}."
        )));
    }
    Document {
        title: Label::new("还款计划表", "Repayment Schedule"),
        reference: (Label::new("借款编号", "Loan No."), view.loan_number.clone()),
        footer: format!("还款计划表 Repayment Schedule {}", view.loan_number),
        blocks,
    }
}

/// The loan's parties and terms above the table.
fn summary(view: &ScheduleView) -> Table {
    let text = |value: &str| Cell::text(value);
    let credit_code = view.borrower.credit_code.as_deref().unwrap_or(super::NONE);
    let fields = vec![
        (
            Label::new("借款人", "Borrower"),
            text(view.borrower.name.as_str()),
        ),
        (
            Label::new("统一社会信用代码", "Unified social credit code"),
            text(credit_code),
        ),
        (
            Label::new("出借人", "Lender"),
            text(view.lender.name.as_str()),
        ),
        (
            Label::new("借款金额", "Loan amount"),
            text(&format::money_with_sign(view.amount)),
        ),
        (
            Label::new("年利率", "Annual interest rate"),
            text(&format::percent(&view.annual_rate_percent)),
        ),
        (
            Label::new("还款方式", "Repayment method"),
            method_cell(view.repayment_method),
        ),
        (
            Label::new("截至日期", "As of"),
            text(&format::date(view.as_of)),
        ),
    ];
    Table::fields("schedule summary", fields)
}

/// The installments, with paid columns when any are known.
fn table(view: &ScheduleView, with_paid: bool) -> Table {
    let mut columns = schedule_columns(with_paid);
    let extra = if with_paid {
        paid_columns()
    } else {
        Vec::new()
    };
    let extra_count = extra.len();
    columns.extend(extra);
    let rows = view.lines.iter().map(|line| line_cells(line, with_paid));
    Table {
        name: "repayment schedule".to_owned(),
        columns,
        header: true,
        rows: rows.collect(),
        footer: vec![totals_cells(&view.totals, extra_count)],
        compact: with_paid,
    }
}

/// The columns of what has been paid.
fn paid_columns() -> Vec<Column> {
    let column = |zh: &str, en: &str| Column {
        head: Label::new(zh, en),
        weight: AMOUNT_WEIGHT_COMPACT,
        align: Align::Right,
    };
    vec![
        column("已还本金", "Principal paid"),
        column("已还利息", "Interest paid"),
        column("已还罚息", "Penalty paid"),
    ]
}

/// One installment's cells, with its paid amounts or blanks.
fn line_cells(line: &ScheduleLineView, with_paid: bool) -> Vec<Cell> {
    let mut cells = schedule_cells(&line.row);
    if with_paid {
        cells.extend(paid_cells(line.paid));
    }
    cells
}

/// The paid amounts, blank when nothing is known.
fn paid_cells(paid: Option<PaidAmounts>) -> Vec<Cell> {
    match paid {
        Some(paid) => [paid.principal, paid.interest, paid.penalty]
            .into_iter()
            .map(|amount| Cell::text(format::money(amount)))
            .collect(),
        None => vec![Cell::default(); 3],
    }
}
