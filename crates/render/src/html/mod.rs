//! Documents as self-contained, printable HTML5 pages.
//!
//! Each function returns one complete page: UTF-8, inline CSS with A4 print
//! rules (repeated table headers, rows and signature boxes kept whole), no
//! scripts and no external resources, so it prints the same from a browser
//! or an archive.
//!
//! The markup is written with `maud`: its templates are compiled Rust, and
//! every value interpolated into them is HTML-escaped unless it is wrapped
//! in `PreEscaped`, which here wraps only this crate's own style sheet.
//! Forgetting to escape a customer's name is therefore not possible, and
//! there are no template files to ship or load at run time.

mod style;

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::content;
use crate::document::{Align, Block, Cell, Column, Document, Label, SignatureBox, Table};
use crate::view::{LoanNoteView, NoticeView, ScheduleView};

/// The loan note (借据) as an HTML page.
pub fn loan_note(view: &LoanNoteView) -> String {
    page(&content::loan_note(view))
}

/// The repayment schedule statement (还款计划表) as an HTML page.
pub fn schedule(view: &ScheduleView) -> String {
    page(&content::schedule(view))
}

/// A notice (催款通知, 整改通知, …) as an HTML page.
pub fn notice(view: &NoticeView) -> String {
    page(&content::notice(view))
}

/// A whole page around a document.
fn page(document: &Document) -> String {
    let title = title_text(&document.title);
    let markup = html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " " (document.reference.1) }
                style { (PreEscaped(style::CSS)) }
            }
            body {
                article.document {
                    (header(document))
                    @for block in &document.blocks { (block_markup(block)) }
                    footer.doc-footer { (document.footer) }
                }
            }
        }
    };
    markup.into_string()
}

/// The title in both languages for the window title.
fn title_text(title: &Label) -> String {
    if title.en.is_empty() {
        title.zh.clone()
    } else {
        format!("{} {}", title.zh, title.en)
    }
}

/// The title and the reference line.
fn header(document: &Document) -> Markup {
    let (label, value) = &document.reference;
    html! {
        header.doc-header {
            h1 {
                span.zh { (document.title.zh) }
                @if !document.title.en.is_empty() { span.en { (document.title.en) } }
            }
            p.reference {
                (label.zh) " " span.en-inline { (label.en) } "：" strong { (value) }
            }
        }
    }
}

/// One block of content.
fn block_markup(block: &Block) -> Markup {
    match block {
        Block::Heading(label) => html! {
            h2 { (label.zh) " " span.en-inline { (label.en) } }
        },
        Block::Paragraph(text) => html! { p { (text) } },
        Block::Note(text) => html! { p.note { (text) } },
        Block::Table(table) => table_markup(table),
        Block::Signatures(boxes) => signatures(boxes),
    }
}

/// A table with its column widths, header and footer rows.
fn table_markup(table: &Table) -> Markup {
    let class = match (table.header, table.compact) {
        (false, _) => "grid fields",
        (true, false) => "grid data",
        (true, true) => "grid data compact",
    };
    html! {
        table class=(class) {
            colgroup {
                @for width in column_widths(&table.columns) { col style=(width); }
            }
            @if table.header {
                thead { tr { @for column in &table.columns { (head_cell(&column.head)) } } }
            }
            tbody {
                @for row in &table.rows { (row_markup(row, &table.columns, "")) }
                @for row in &table.footer { (row_markup(row, &table.columns, "total")) }
            }
        }
    }
}

/// `width: …%` for each column, from the columns' weights.
fn column_widths(columns: &[Column]) -> Vec<String> {
    let total: f32 = columns.iter().map(|column| column.weight).sum();
    columns
        .iter()
        .map(|column| format!("width: {:.1}%", 100.0 * column.weight / total))
        .collect()
}

/// A header cell.
fn head_cell(head: &Label) -> Markup {
    html! { th { (head.zh) @if !head.en.is_empty() { span.sub { (head.en) } } } }
}

/// One row, each cell aligned as its column says.
fn row_markup(row: &[Cell], columns: &[Column], class: &str) -> Markup {
    html! {
        tr class=[(!class.is_empty()).then_some(class)] {
            @for (cell, column) in row.iter().zip(columns) { (cell_markup(cell, column.align)) }
        }
    }
}

/// One cell: main text and the smaller secondary line.
fn cell_markup(cell: &Cell, align: Align) -> Markup {
    let class = match (cell.label, align) {
        (true, _) => "label",
        (false, Align::Left) => "left",
        (false, Align::Center) => "center",
        (false, Align::Right) => "num",
    };
    html! {
        td class=(class) {
            (cell.main)
            @if !cell.sub.is_empty() { span.sub { (cell.sub) } }
        }
    }
}

/// The seal and signature boxes.
fn signatures(boxes: &[SignatureBox]) -> Markup {
    html! {
        div.signatures {
            @for sign_box in boxes {
                div.sign-box {
                    @for (label, value) in &sign_box.lines {
                        div.sign-line {
                            span.sign-label {
                                (label.zh) " " span.en-inline { (label.en) } "："
                            }
                            span.sign-value { (value) }
                        }
                    }
                }
            }
        }
    }
}
