//! Writing laid-out pages as a PDF file.
//!
//! The PDF writer (`krilla`) embeds a subset of the font holding only the
//! glyphs drawn, and a ToUnicode map from those glyphs back to the text, so
//! the document stays small and its text can be searched and copied.

use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::{Document, SerializeSettings};

use super::layout::{Op, PAGE_HEIGHT, PAGE_WIDTH, Style, shade};
use crate::error::{PdfWriteError, RenderError};
use crate::font::CjkFont;

/// The width of table rules and signature lines, in points.
const RULE_WIDTH: f32 = 0.5;

/// The PDF of the given pages.
pub(crate) fn write(
    pages: &[Vec<Op>],
    font: &CjkFont,
    title: &str,
) -> Result<Vec<u8>, RenderError> {
    // Limitation: the PDF is not tagged (no structure tree for screen
    // readers); its text is still extractable and searchable through the
    // ToUnicode map. Tagging would need headings and tables marked up here.
    let settings = SerializeSettings {
        enable_tagging: false,
        ..SerializeSettings::default()
    };
    let mut document = Document::new_with(settings);
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language("zh-CN".to_owned())
            .creator("Loanbook".to_owned()),
    );
    let page_settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PdfWriteError::new("the page size is not valid"))?;
    for ops in pages {
        let mut page = document.start_page_with(page_settings.clone());
        let mut surface = page.surface();
        draw_page(&mut surface, ops, font);
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|error| RenderError::Pdf(PdfWriteError::new(error)))
}

/// Draws a page's grounds and text in order, then all its rules as one path.
fn draw_page(surface: &mut Surface<'_>, ops: &[Op], font: &CjkFont) {
    let mut rules = PathBuilder::new();
    for op in ops {
        match op {
            Op::Text {
                x,
                baseline,
                style,
                run,
            } => {
                set_text_paint(surface, *style);
                let start = Point::from_xy(*x, *baseline);
                let font = font.pdf_font().clone();
                surface.draw_glyphs(start, &run.glyphs, font, &run.text, style.size, false);
            }
            Op::Fill {
                x,
                y,
                width,
                height,
                shade,
            } => fill_rect(surface, (*x, *y, *width, *height), *shade),
            Op::Rule { from, to } => {
                rules.move_to(from.0, from.1);
                rules.line_to(to.0, to.1);
            }
        }
    }
    if let Some(path) = rules.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            width: RULE_WIDTH,
            ..stroke(shade::RULE)
        }));
        surface.draw_path(&path);
    }
}

/// Fill for text, and for bold text a thin stroke of the same grey: the
/// usual CJK fonts on servers have no bold face.
fn set_text_paint(surface: &mut Surface<'_>, style: Style) {
    surface.set_fill(Some(fill(style.shade)));
    let stroke = style.bold.then(|| Stroke {
        width: style.size * 0.03,
        ..stroke(style.shade)
    });
    surface.set_stroke(stroke);
}

/// A grey rectangle.
fn fill_rect(surface: &mut Surface<'_>, (x, y, width, height): (f32, f32, f32, f32), shade: u8) {
    let Some(rect) = Rect::from_xywh(x, y, width, height) else {
        return;
    };
    let mut builder = PathBuilder::new();
    builder.push_rect(rect);
    if let Some(path) = builder.finish() {
        surface.set_stroke(None);
        surface.set_fill(Some(fill(shade)));
        surface.draw_path(&path);
    }
}

/// An opaque grey fill.
fn fill(shade: u8) -> Fill {
    Fill {
        paint: luma::Color::new(shade).into(),
        opacity: NormalizedF32::ONE,
        ..Fill::default()
    }
}

/// An opaque grey stroke of the default width.
fn stroke(shade: u8) -> Stroke {
    Stroke {
        paint: luma::Color::new(shade).into(),
        ..Stroke::default()
    }
}
