//! A notice to a customer (催款通知, 整改通知, …): salutation, body
//! paragraphs, the amounts concerned, the deadline and the account to pay
//! into, sealed by the issuer.

use crate::document::{Align, Block, Cell, Column, Document, Label, SignatureBox, Table};
use crate::format;
use crate::view::{NoticeAmountView, NoticeView, PaymentAccountView};

/// The notice as a document.
pub(crate) fn notice(view: &NoticeView) -> Document {
    let mut blocks = vec![Block::Paragraph(format!("{}：", view.addressee.name))];
    blocks.extend(view.paragraphs.iter().cloned().map(Block::Paragraph));
    if !view.amounts.is_empty() {
        blocks.push(Block::Table(amounts(&view.amounts)));
    }
    let fields = deadline_and_account(view);
    if !fields.is_empty() {
        blocks.push(Block::Table(Table::fields("payment details", fields)));
    }
    blocks.push(Block::Signatures(vec![issuer_box(view)]));
    Document {
        title: Label::new(view.title.as_str(), view.title_en.as_str()),
        reference: (Label::new("编号", "No."), view.number.clone()),
        footer: format!("{} {} {}", view.title, view.title_en, view.number),
        blocks,
    }
}

/// The amounts as a table of label, figures and words.
fn amounts(lines: &[NoticeAmountView]) -> Table {
    let columns = vec![
        Column {
            head: Label::new("项目", "Item"),
            weight: 0.3,
            align: Align::Left,
        },
        Column {
            head: Label::new("金额", "Amount"),
            weight: 0.25,
            align: Align::Right,
        },
        Column {
            head: Label::new("大写", "In words"),
            weight: 0.45,
            align: Align::Left,
        },
    ];
    let rows = lines.iter().map(|line| {
        vec![
            Cell::text(line.label.as_str()),
            Cell::text(format::money(line.amount)),
            Cell::text(line.amount_in_words.as_str()),
        ]
    });
    Table {
        name: "notice amounts".to_owned(),
        columns,
        header: true,
        rows: rows.collect(),
        footer: Vec::new(),
        compact: false,
    }
}

/// The deadline and the payment account, when the notice has them.
fn deadline_and_account(view: &NoticeView) -> Vec<(Label, Cell)> {
    let mut fields = Vec::new();
    if let Some(deadline) = view.deadline {
        fields.push((
            Label::new("期限", "Deadline"),
            Cell::text(format::date(deadline)),
        ));
    }
    if let Some(account) = &view.payment_account {
        fields.extend(account_fields(account));
    }
    fields
}

/// The rows naming the account to pay into.
fn account_fields(account: &PaymentAccountView) -> [(Label, Cell); 3] {
    [
        (
            Label::new("收款户名", "Account name"),
            Cell::text(account.account_name.as_str()),
        ),
        (
            Label::new("开户银行", "Bank"),
            Cell::text(account.bank.as_str()),
        ),
        (
            Label::new("收款账号", "Account number"),
            Cell::text(account.account_number.as_str()),
        ),
    ]
}

/// The issuer's seal and the date of the notice.
fn issuer_box(view: &NoticeView) -> SignatureBox {
    SignatureBox {
        lines: vec![
            (
                Label::new("出借人（盖章）", "Lender (seal)"),
                view.issuer.name.clone(),
            ),
            (Label::new("日期", "Date"), format::date(view.date)),
        ],
    }
}
