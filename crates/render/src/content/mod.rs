//! What each document says: views turned into [`Document`]s.
//!
//! The wording of every document lives here, in Chinese with English beside
//! it, and both renderers print it unchanged. Nothing here draws.

mod loan_note;
mod notice;
mod schedule;

pub(crate) use loan_note::loan_note;
pub(crate) use notice::notice;
pub(crate) use schedule::schedule;

use loanbook_domain::RepaymentMethod;

use crate::document::{Align, Cell, Column, Label};
use crate::format;
use crate::view::{Party, ScheduleRowView, ScheduleTotals};

/// Printed where an optional value is absent.
const NONE: &str = "—";

/// A labelled field of a two-column table.
fn field(zh: &str, en: &str, value: Cell) -> (Label, Cell) {
    (Label::new(zh, en), value)
}

/// The rows naming a party: its role and name, credit code and address.
fn party_fields(role: Label, party: &Party) -> Vec<(Label, Cell)> {
    let optional = |value: &Option<String>| Cell::text(value.as_deref().unwrap_or(NONE));
    vec![
        (role, Cell::text(&party.name)),
        (
            Label::new("统一社会信用代码", "Unified social credit code"),
            optional(&party.credit_code),
        ),
        (
            Label::new("住所", "Registered address"),
            optional(&party.address),
        ),
    ]
}

/// A repayment method in Chinese with its English name under it.
fn method_cell(method: RepaymentMethod) -> Cell {
    Cell::pair(method.chinese_name(), format::repayment_method_en(method))
}

/// The width share of an amount column in a compact schedule of nine
/// columns; the number and date columns take 0.05 and 0.115.
const AMOUNT_WEIGHT_COMPACT: f32 = 0.119;

/// The columns every schedule table starts with; `compact` for the
/// narrower columns of a table that has paid columns too.
fn schedule_columns(compact: bool) -> Vec<Column> {
    let column = |zh: &str, en: &str, weight: f32, align: Align| Column {
        head: Label::new(zh, en),
        weight,
        align,
    };
    let (number, date, amount) = match compact {
        true => (0.05, 0.115, AMOUNT_WEIGHT_COMPACT),
        false => (0.07, 0.15, 0.195),
    };
    vec![
        column("期数", "No.", number, Align::Center),
        column("还款日", "Due date", date, Align::Center),
        column("应还本金", "Principal", amount, Align::Right),
        column("应还利息", "Interest", amount, Align::Right),
        column("应还合计", "Payment", amount, Align::Right),
        column("剩余本金", "Balance after", amount, Align::Right),
    ]
}

/// The cells of one installment, in the order of [`schedule_columns`].
fn schedule_cells(row: &ScheduleRowView) -> Vec<Cell> {
    vec![
        Cell::text(row.number.to_string()),
        Cell::text(format::date(row.due_date)),
        Cell::text(format::money(row.principal)),
        Cell::text(format::money(row.interest)),
        Cell::text(format::money(row.payment)),
        Cell::text(format::money(row.balance_after)),
    ]
}

/// The totals row under a schedule, with blanks for the columns that have
/// no meaningful sum.
fn totals_cells(totals: &ScheduleTotals, extra_blank_columns: usize) -> Vec<Cell> {
    let mut cells = vec![
        Cell::pair("合计", "Total"),
        Cell::default(),
        Cell::text(format::money(totals.principal)),
        Cell::text(format::money(totals.interest)),
        Cell::text(format::money(totals.payment)),
        Cell::default(),
    ];
    cells.extend(std::iter::repeat_n(Cell::default(), extra_blank_columns));
    cells
}
