//! Placing each kind of block: the title, headings, paragraphs, tables and
//! signature boxes.

use super::layout::{CONTENT_WIDTH, Flow, MARGIN_X, Op, Place, Style, lines_height, shade};
use super::table::table;
use super::wrap::wrap;
use crate::document::{Block, Document, Label, SignatureBox};
use crate::error::RenderError;

/// The Chinese title.
const TITLE: Style = Style {
    size: 20.0,
    leading: 28.0,
    shade: shade::TEXT,
    bold: true,
};
/// The English title under it.
const SUBTITLE: Style = Style {
    size: 10.0,
    leading: 14.0,
    shade: shade::SECONDARY,
    bold: false,
};
/// The reference line.
const REFERENCE: Style = Style {
    size: 9.5,
    leading: 14.0,
    shade: shade::TEXT,
    bold: false,
};
/// A section heading.
const HEADING: Style = Style {
    size: 10.5,
    leading: 16.0,
    shade: shade::TEXT,
    bold: true,
};
/// The English beside a heading or under a signature label.
const HEADING_EN: Style = Style {
    size: 8.0,
    leading: 16.0,
    shade: shade::SECONDARY,
    bold: false,
};
/// A signature box's label.
const SIGN_LABEL: Style = Style {
    size: 9.5,
    leading: 13.0,
    shade: shade::TEXT,
    bold: false,
};
/// The English under a signature label.
const SIGN_LABEL_EN: Style = Style {
    size: 6.8,
    leading: 9.0,
    ..HEADING_EN
};
/// The space left under a signature label to sign, seal or write in.
const SIGN_SPACE: f32 = 26.0;
/// The space between one signature line's rule and the next label.
const LINE_GAP: f32 = 6.0;
/// A heading is not left at the foot of a page with less than this under it.
const KEEP_WITH_HEADING: f32 = 60.0;

/// Lays out a whole document.
pub(crate) fn document(flow: &mut Flow<'_>, document: &Document) -> Result<(), RenderError> {
    title(flow, document)?;
    for block in &document.blocks {
        match block {
            Block::Heading(label) => heading(flow, label)?,
            Block::Paragraph(text) => paragraph(flow, text, Style::BODY)?,
            Block::Note(text) => paragraph(flow, text, Style::NOTE)?,
            Block::Table(content) => {
                table(flow, content)?;
                flow.advance(6.0);
            }
            Block::Signatures(boxes) => signatures(flow, boxes)?,
        }
    }
    Ok(())
}

/// The title in both languages, and the reference line at the right.
fn title(flow: &mut Flow<'_>, document: &Document) -> Result<(), RenderError> {
    let full = |top: f32| (MARGIN_X, CONTENT_WIDTH, top);
    flow.line(&document.title.zh, TITLE, full(flow.y), Place::Center)?;
    flow.advance(TITLE.leading);
    if !document.title.en.is_empty() {
        flow.line(&document.title.en, SUBTITLE, full(flow.y), Place::Center)?;
        flow.advance(SUBTITLE.leading);
    }
    let (label, value) = &document.reference;
    let text = format!("{} {}：{}", label.zh, label.en, value);
    flow.advance(4.0);
    flow.line(&text, REFERENCE, full(flow.y), Place::Right)?;
    flow.advance(REFERENCE.leading + 4.0);
    Ok(())
}

/// A section heading, with its English beside it, kept with what follows.
fn heading(flow: &mut Flow<'_>, label: &Label) -> Result<(), RenderError> {
    flow.advance(4.0);
    flow.make_room(HEADING.leading + KEEP_WITH_HEADING);
    let top = flow.y;
    flow.line(
        &label.zh,
        HEADING,
        (MARGIN_X, CONTENT_WIDTH, top),
        Place::Left,
    )?;
    let zh_width = flow.shaper.width_em(&label.zh)? * HEADING.size;
    let en_left = MARGIN_X + zh_width + 6.0;
    flow.line(
        &label.en,
        HEADING_EN,
        (en_left, CONTENT_WIDTH, top),
        Place::Left,
    )?;
    flow.advance(HEADING.leading);
    Ok(())
}

/// A paragraph followed by a little space.
fn paragraph(flow: &mut Flow<'_>, text: &str, style: Style) -> Result<(), RenderError> {
    flow.paragraph(text, style)?;
    flow.advance(3.0);
    Ok(())
}

/// The signature boxes side by side, all on one page; a single box sits in
/// the right half.
fn signatures(flow: &mut Flow<'_>, boxes: &[SignatureBox]) -> Result<(), RenderError> {
    let gap = 24.0;
    let width = (CONTENT_WIDTH - gap) / 2.0;
    let lefts: Vec<f32> = match boxes.len() {
        1 => vec![MARGIN_X + width + gap],
        _ => vec![MARGIN_X, MARGIN_X + width + gap],
    };
    let mut height: f32 = 0.0;
    for sign_box in boxes {
        height = height.max(box_height(flow, sign_box, width)?);
    }
    flow.advance(14.0);
    flow.make_room(height);
    let top = flow.y;
    for (sign_box, &left) in boxes.iter().zip(lefts.iter().cycle()) {
        draw_box(flow, sign_box, (left, width, top))?;
    }
    flow.y = top + height;
    Ok(())
}

/// The height a signature box takes at a width.
fn box_height(flow: &Flow<'_>, sign_box: &SignatureBox, width: f32) -> Result<f32, RenderError> {
    let mut height = 0.0;
    for (label, value) in &sign_box.lines {
        height += line_parts(flow, label, value, width)?.height();
    }
    Ok(height)
}

/// A signature line's label, its English and its value, each wrapped.
struct LineParts {
    zh: Vec<String>,
    en: Vec<String>,
    value: Vec<String>,
}

impl LineParts {
    /// The height of the label, the English and the space under them.
    fn height(&self) -> f32 {
        let value_height = lines_height(self.value.len(), Style::BODY.leading) + 8.0;
        lines_height(self.zh.len(), SIGN_LABEL.leading)
            + lines_height(self.en.len(), SIGN_LABEL_EN.leading)
            + value_height.max(SIGN_SPACE)
            + LINE_GAP
    }
}

/// Wraps a signature line's texts to the box's width.
fn line_parts(
    flow: &Flow<'_>,
    label: &Label,
    value: &str,
    width: f32,
) -> Result<LineParts, RenderError> {
    let wrapped = |text: &str, style: Style| -> Result<Vec<String>, RenderError> {
        if text.is_empty() {
            Ok(Vec::new())
        } else {
            wrap(flow.shaper, text, style.size, width)
        }
    };
    Ok(LineParts {
        zh: wrapped(&format!("{}：", label.zh), SIGN_LABEL)?,
        en: wrapped(&label.en, SIGN_LABEL_EN)?,
        value: wrapped(value, Style::BODY)?,
    })
}

/// Draws one box: for each line its label, then the value over a rule.
fn draw_box(
    flow: &mut Flow<'_>,
    sign_box: &SignatureBox,
    (left, width, top): (f32, f32, f32),
) -> Result<(), RenderError> {
    let mut y = top;
    for (label, value) in &sign_box.lines {
        let parts = line_parts(flow, label, value, width)?;
        let bottom = y + parts.height() - LINE_GAP;
        let styled = [(&parts.zh, SIGN_LABEL), (&parts.en, SIGN_LABEL_EN)];
        for (lines, style) in styled {
            for line in lines {
                flow.line(line, style, (left, width, y), Place::Left)?;
                y += style.leading;
            }
        }
        for line in &parts.value {
            flow.line(line, Style::BODY, (left + 4.0, width, y + 2.0), Place::Left)?;
            y += Style::BODY.leading;
        }
        flow.push(Op::Rule {
            from: (left, bottom),
            to: (left + width, bottom),
        });
        y = bottom + LINE_GAP;
    }
    Ok(())
}
