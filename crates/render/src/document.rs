//! The neutral shape every document takes before it becomes HTML or PDF.
//!
//! A view is first turned into a [`Document`]: a title, a reference line and
//! a list of blocks (headings, paragraphs, tables, signature boxes) holding
//! finished text. The HTML and PDF renderers each draw these blocks and know
//! nothing of loans, so both outputs always carry the same words, and a new
//! kind of notice needs no new drawing code.

/// A piece of text in Chinese with its English rendering beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Label {
    /// The Chinese text, printed first and larger.
    pub zh: String,
    /// The English text; may be empty.
    pub en: String,
}

impl Label {
    /// A label from its two texts.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// A whole document.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    /// The title, such as 借据 / Loan Note.
    pub title: Label,
    /// The line under the title naming the document, such as 编号 No. and
    /// the note number.
    pub reference: (Label, String),
    /// Short text for the page footer, such as "借据 LN-2026-0001".
    pub footer: String,
    /// The content, top to bottom.
    pub blocks: Vec<Block>,
}

/// One part of a document's content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A section heading.
    Heading(Label),
    /// A paragraph of body text.
    Paragraph(String),
    /// A paragraph in the smaller secondary style, for translations.
    Note(String),
    /// A ruled table.
    Table(Table),
    /// Boxes for seals and signatures, side by side; never split over pages.
    Signatures(Vec<SignatureBox>),
}

/// How a cell's text sits between its borders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Flush left, for words.
    Left,
    /// Centred, for numbers of rows and dates.
    Center,
    /// Flush right, for amounts.
    Right,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    /// The heading printed in the header row.
    pub head: Label,
    /// The column's share of the table's width, relative to the others.
    pub weight: f32,
    /// How the column's cells are aligned.
    pub align: Align,
}

/// One cell: its main text and an optional smaller line under it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Cell {
    /// The main text.
    pub main: String,
    /// The secondary text, such as an English label; may be empty.
    pub sub: String,
    /// True for a label cell, shaded and in the label colour.
    pub label: bool,
}

impl Cell {
    /// A cell with only main text.
    pub fn text(main: impl Into<String>) -> Self {
        Self {
            main: main.into(),
            ..Self::default()
        }
    }

    /// A cell with main and secondary text.
    pub fn pair(main: impl Into<String>, sub: impl Into<String>) -> Self {
        Self {
            main: main.into(),
            sub: sub.into(),
            label: false,
        }
    }

    /// A shaded label cell from a label.
    pub fn label(label: &Label) -> Self {
        Self {
            main: label.zh.clone(),
            sub: label.en.clone(),
            label: true,
        }
    }
}

/// A ruled table. Rows are never split; when a row does not fit on the
/// page, the table continues on the next one under a repeated header.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// What the table holds, for error messages.
    pub name: String,
    /// The columns, left to right.
    pub columns: Vec<Column>,
    /// Whether to print a header row of the column headings.
    pub header: bool,
    /// The body rows; each has one cell per column.
    pub rows: Vec<Vec<Cell>>,
    /// Rows printed in bold after the body, such as totals.
    pub footer: Vec<Vec<Cell>>,
    /// Smaller type and padding, for tables of many columns.
    pub compact: bool,
}

impl Table {
    /// A two-column table of labels and their values.
    pub fn fields(name: &str, fields: Vec<(Label, Cell)>) -> Self {
        let columns = vec![
            Column {
                head: Label::new("项目", "Item"),
                weight: 0.34,
                align: Align::Left,
            },
            Column {
                head: Label::new("内容", "Details"),
                weight: 0.66,
                align: Align::Left,
            },
        ];
        let rows = fields
            .into_iter()
            .map(|(label, value)| vec![Cell::label(&label), value]);
        Self {
            name: name.to_owned(),
            columns,
            header: false,
            rows: rows.collect(),
            footer: Vec::new(),
            compact: false,
        }
    }
}

/// A box for one party's seal and signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SignatureBox {
    /// The lines of the box, each a label followed by a filled-in value or,
    /// when the value is empty, a blank to sign or seal on.
    pub lines: Vec<(Label, String)>,
}
