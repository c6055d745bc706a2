//! Documents as A4 PDF files set in a CJK font.
//!
//! Each function lays the document out on as many pages as it needs (long
//! schedules continue under a repeated header, signature boxes are never
//! split) and writes it with the font subset to the glyphs used and a
//! ToUnicode map, so the text can be extracted and searched and a
//! twelve-row loan note stays in the tens of kilobytes.
//!
//! Text is set one glyph per character: enough for Chinese, figures and
//! short English, and not for scripts that need shaping. A character the
//! font lacks is an error rather than a blank box.

mod blocks;
mod emit;
mod layout;
mod shaper;
mod table;
mod wrap;

use crate::content;
use crate::document::Document;
use crate::error::RenderError;
use crate::font::CjkFont;
use crate::view::{LoanNoteView, NoticeView, ScheduleView};

/// The loan note (借据) as a PDF file.
pub fn loan_note(view: &LoanNoteView, font: &CjkFont) -> Result<Vec<u8>, RenderError> {
    render(&content::loan_note(view), font)
}

/// The repayment schedule statement (还款计划表) as a PDF file.
pub fn schedule(view: &ScheduleView, font: &CjkFont) -> Result<Vec<u8>, RenderError> {
    render(&content::schedule(view), font)
}

/// A notice (催款通知, 整改通知, …) as a PDF file.
pub fn notice(view: &NoticeView, font: &CjkFont) -> Result<Vec<u8>, RenderError> {
    render(&content::notice(view), font)
}

/// Lays out a document and writes it.
fn render(document: &Document, font: &CjkFont) -> Result<Vec<u8>, RenderError> {
    let shaper = shaper::Shaper::new(font)?;
    let mut flow = layout::Flow::new(&shaper);
    blocks::document(&mut flow, document)?;
    let pages = flow.finish(&document.footer)?;
    let title = format!(
        "{} {} {}",
        document.title.zh, document.title.en, document.reference.1
    );
    emit::write(&pages, font, &title)
}
