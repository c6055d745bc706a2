//! Ruled tables that continue over as many pages as they need.
//!
//! Every cell's text is wrapped to its column first, so each row's height
//! is known before it is placed. A row that does not fit on the page moves
//! to the next one, under a repeated header row; rows are never split.

use super::layout::{
    CONTENT_HEIGHT, CONTENT_WIDTH, Flow, MARGIN_X, Op, Place, Style, lines_height, shade,
};
use super::shaper::Shaper;
use super::wrap::wrap;
use crate::document::{Align, Cell, Column, Table};
use crate::error::RenderError;

/// Space between a cell's border and its text, down.
const PAD_Y: f32 = 2.5;

/// The type and padding of a table's cells.
#[derive(Debug, Clone, Copy)]
struct Metrics {
    /// A cell's main text.
    main: Style,
    /// A cell's secondary line.
    sub: Style,
    /// Space between a cell's border and its text, across.
    pad_x: f32,
}

/// Most tables.
const REGULAR: Metrics = Metrics {
    main: Style {
        size: 9.0,
        leading: 12.5,
        shade: shade::TEXT,
        bold: false,
    },
    sub: Style {
        size: 6.8,
        leading: 9.0,
        shade: shade::SECONDARY,
        bold: false,
    },
    pad_x: 4.0,
};

/// Tables of many columns.
const COMPACT: Metrics = Metrics {
    main: Style {
        size: 7.8,
        leading: 11.0,
        shade: shade::TEXT,
        bold: false,
    },
    sub: Style {
        size: 6.0,
        leading: 8.0,
        shade: shade::SECONDARY,
        bold: false,
    },
    pad_x: 3.0,
};

/// A cell with its text broken into lines.
struct LaidCell {
    main: Vec<String>,
    sub: Vec<String>,
    /// The height of the text alone, for centring it in the row.
    text_height: f32,
    fill: Option<u8>,
    place: Place,
}

/// A row ready to place.
struct LaidRow {
    cells: Vec<LaidCell>,
    height: f32,
    bold: bool,
    metrics: Metrics,
}

/// Places a table at the flow's position, continuing on new pages.
pub(crate) fn table(flow: &mut Flow<'_>, table: &Table) -> Result<(), RenderError> {
    let metrics = if table.compact { COMPACT } else { REGULAR };
    let widths = widths(&table.columns);
    let header = match table.header {
        true => Some(header_row(flow.shaper, &table.columns, (&widths, metrics))?),
        false => None,
    };
    let header_height = header.as_ref().map_or(0.0, |row| row.height);
    let body = table.rows.iter().map(|cells| (cells, false));
    let footer = table.footer.iter().map(|cells| (cells, true));
    let mut open = false;
    for (cells, bold) in body.chain(footer) {
        let row = lay_row(
            flow.shaper,
            (cells, bold),
            &table.columns,
            (&widths, metrics),
        )?;
        // Limitation: a row is never split, so one taller than a page (a
        // purpose of well over a thousand characters) is refused with an
        // error instead of being continued on the next page.
        if row.height + header_height > CONTENT_HEIGHT {
            return Err(RenderError::RowTooTall {
                what: table.name.clone(),
            });
        }
        if open && row.height > flow.remaining() {
            flow.new_page();
            open = false;
        }
        if !open {
            flow.make_room(row.height + header_height);
            if let Some(header) = &header {
                draw_row(flow, header, &widths, true)?;
            }
        }
        draw_row(flow, &row, &widths, !open && header.is_none())?;
        open = true;
    }
    Ok(())
}

/// The columns' widths in points, sharing the content width by weight.
fn widths(columns: &[Column]) -> Vec<f32> {
    let total: f32 = columns.iter().map(|column| column.weight).sum();
    columns
        .iter()
        .map(|column| CONTENT_WIDTH * column.weight / total)
        .collect()
}

/// The header row of the columns' headings, centred on a grey ground.
fn header_row(
    shaper: &Shaper<'_>,
    columns: &[Column],
    sizes: (&[f32], Metrics),
) -> Result<LaidRow, RenderError> {
    let cells: Vec<Cell> = columns
        .iter()
        .map(|column| Cell::pair(&column.head.zh, &column.head.en))
        .collect();
    let mut row = lay_row(shaper, (&cells, true), columns, sizes)?;
    for cell in &mut row.cells {
        cell.fill = Some(shade::HEADER_FILL);
        cell.place = Place::Center;
    }
    Ok(row)
}

/// Wraps each cell of a row to its column and measures the row.
fn lay_row(
    shaper: &Shaper<'_>,
    (cells, bold): (&[Cell], bool),
    columns: &[Column],
    (widths, metrics): (&[f32], Metrics),
) -> Result<LaidRow, RenderError> {
    let Metrics {
        main: main_style,
        sub: sub_style,
        pad_x,
    } = metrics;
    let mut laid = Vec::with_capacity(cells.len());
    let mut height = main_style.leading + 2.0 * PAD_Y;
    for ((cell, column), width) in cells.iter().zip(columns).zip(widths) {
        let inner = width - 2.0 * pad_x;
        let main = lines(shaper, &cell.main, main_style, inner)?;
        let sub = lines(shaper, &cell.sub, sub_style, inner)?;
        let text_height = lines_height(main.len(), main_style.leading)
            + lines_height(sub.len(), sub_style.leading);
        height = height.max(text_height + 2.0 * PAD_Y);
        laid.push(LaidCell {
            main,
            sub,
            text_height,
            fill: cell.label.then_some(shade::LABEL_FILL),
            place: if cell.label {
                Place::Left
            } else {
                place(column.align)
            },
        });
    }
    Ok(LaidRow {
        cells: laid,
        height,
        bold,
        metrics,
    })
}

/// The lines of a cell's text; none for an empty text.
fn lines(
    shaper: &Shaper<'_>,
    text: &str,
    style: Style,
    width: f32,
) -> Result<Vec<String>, RenderError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    wrap(shaper, text, style.size, width)
}

/// Where a column's alignment puts a line.
fn place(align: Align) -> Place {
    match align {
        Align::Left => Place::Left,
        Align::Center => Place::Center,
        Align::Right => Place::Right,
    }
}

/// Draws a row at the flow's position: grounds, text, then borders.
fn draw_row(
    flow: &mut Flow<'_>,
    row: &LaidRow,
    widths: &[f32],
    top_rule: bool,
) -> Result<(), RenderError> {
    let top = flow.y;
    let bottom = top + row.height;
    let mut x = MARGIN_X;
    for (cell, &width) in row.cells.iter().zip(widths) {
        if let Some(shade) = cell.fill {
            flow.push(Op::Fill {
                x,
                y: top,
                width,
                height: row.height,
                shade,
            });
        }
        let text_top = top + (row.height - cell.text_height) / 2.0;
        draw_cell(flow, cell, (x, width, text_top), (row.bold, row.metrics))?;
        flow.push(Op::Rule {
            from: (x, top),
            to: (x, bottom),
        });
        x += width;
    }
    flow.push(Op::Rule {
        from: (x, top),
        to: (x, bottom),
    });
    flow.push(Op::Rule {
        from: (MARGIN_X, bottom),
        to: (x, bottom),
    });
    if top_rule {
        flow.push(Op::Rule {
            from: (MARGIN_X, top),
            to: (x, top),
        });
    }
    flow.advance(row.height);
    Ok(())
}

/// Draws a cell's main lines, then its secondary lines under them, the
/// first line's top at `top`.
fn draw_cell(
    flow: &mut Flow<'_>,
    cell: &LaidCell,
    (x, width, top): (f32, f32, f32),
    (bold, metrics): (bool, Metrics),
) -> Result<(), RenderError> {
    let inner = (x + metrics.pad_x, width - 2.0 * metrics.pad_x);
    let mut line_top = top;
    let main = Style {
        bold,
        ..metrics.main
    };
    let main_lines = cell.main.iter().map(|text| (text, main));
    let sub_lines = cell.sub.iter().map(|text| (text, metrics.sub));
    for (text, style) in main_lines.chain(sub_lines) {
        flow.line(text, style, (inner.0, inner.1, line_top), cell.place)?;
        line_top += style.leading;
    }
    Ok(())
}
