//! Page geometry and the flow of content down A4 pages.
//!
//! Layout happens before anything is written: blocks become drawing
//! operations on a list of pages, starting a new page whenever the next
//! piece does not fit. Only then is the page count known, so the footers
//! ("page 2 of 5") are added last, and the writer just draws what it is
//! given. Coordinates are PDF points from the page's top-left corner.

use super::shaper::{Shaped, Shaper};
use super::wrap::wrap;
use crate::error::RenderError;

/// A4 width in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
/// A4 height in points.
pub(crate) const PAGE_HEIGHT: f32 = 841.89;
/// Left and right margin (18 mm).
pub(crate) const MARGIN_X: f32 = 51.0;
/// Top margin (18 mm).
const MARGIN_TOP: f32 = 51.0;
/// Bottom margin (22 mm), leaving room for the footer.
const MARGIN_BOTTOM: f32 = 62.0;
/// Where the footer's text sits.
const FOOTER_BASELINE: f32 = PAGE_HEIGHT - 32.0;
/// The width between the margins.
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN_X;
/// The lowest point content may reach.
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - MARGIN_BOTTOM;
/// The height available to content on an empty page.
pub(crate) const CONTENT_HEIGHT: f32 = CONTENT_BOTTOM - MARGIN_TOP;

/// Grey levels, 0 black to 255 white.
pub(crate) mod shade {
    /// Body text.
    pub const TEXT: u8 = 0x11;
    /// English translations and footers.
    pub const SECONDARY: u8 = 0x55;
    /// Table rules and signature lines.
    pub const RULE: u8 = 0x44;
    /// Header row background.
    pub const HEADER_FILL: u8 = 0xEB;
    /// Label cell background.
    pub const LABEL_FILL: u8 = 0xF5;
}

/// A style of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    /// Font size in points.
    pub size: f32,
    /// Distance between baselines, in points.
    pub leading: f32,
    /// Grey level.
    pub shade: u8,
    /// Drawn heavier, by stroking the outline as well.
    pub bold: bool,
}

impl Style {
    /// Body text.
    pub const BODY: Style = Style {
        size: 10.0,
        leading: 15.0,
        shade: shade::TEXT,
        bold: false,
    };
    /// Translations under body text.
    pub const NOTE: Style = Style {
        size: 8.0,
        leading: 11.5,
        shade: shade::SECONDARY,
        bold: false,
    };
}

/// One thing to draw on a page.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    /// A run of text with its left end of baseline at (`x`, `baseline`).
    Text {
        x: f32,
        baseline: f32,
        style: Style,
        run: Shaped,
    },
    /// A straight rule between two points, drawn after everything else.
    Rule { from: (f32, f32), to: (f32, f32) },
    /// A filled rectangle behind later content.
    Fill {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        shade: u8,
    },
}

/// Where a line of text sits horizontally within its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// From the box's left edge.
    Left,
    /// Centred in the box.
    Center,
    /// Ending at the box's right edge.
    Right,
}

/// Content flowing down pages.
pub(crate) struct Flow<'a> {
    /// Measures and shapes text.
    pub shaper: &'a Shaper<'a>,
    pages: Vec<Vec<Op>>,
    /// The top of the free space on the current page.
    pub y: f32,
}

impl<'a> Flow<'a> {
    /// A flow starting at the top of a first page.
    pub fn new(shaper: &'a Shaper<'a>) -> Self {
        Self {
            shaper,
            pages: vec![Vec::new()],
            y: MARGIN_TOP,
        }
    }

    /// The free height left on the current page.
    pub fn remaining(&self) -> f32 {
        CONTENT_BOTTOM - self.y
    }

    /// True when nothing has been placed on the current page yet.
    pub fn at_page_top(&self) -> bool {
        self.pages.last().is_none_or(Vec::is_empty)
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN_TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn make_room(&mut self, height: f32) {
        if height > self.remaining() && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Moves down by `height`, without starting a page.
    pub fn advance(&mut self, height: f32) {
        self.y += height;
    }

    /// Adds an operation to the current page.
    pub fn push(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Draws one line of text in the box from `left` to `left + width`, with
    /// the line's top at `top`.
    pub fn line(
        &mut self,
        text: &str,
        style: Style,
        (left, width, top): (f32, f32, f32),
        place: Place,
    ) -> Result<(), RenderError> {
        let run = self.shaper.shape(text)?;
        let run_width = run.width_em * style.size;
        let x = match place {
            Place::Left => left,
            Place::Center => left + (width - run_width) / 2.0,
            Place::Right => left + width - run_width,
        };
        self.push(Op::Text {
            x,
            baseline: baseline(top, style),
            style,
            run,
        });
        Ok(())
    }

    /// A paragraph across the content width, breaking pages between lines.
    pub fn paragraph(&mut self, text: &str, style: Style) -> Result<(), RenderError> {
        for line in wrap(self.shaper, text, style.size, CONTENT_WIDTH)? {
            self.make_room(style.leading);
            let top = self.y;
            self.line(&line, style, (MARGIN_X, CONTENT_WIDTH, top), Place::Left)?;
            self.advance(style.leading);
        }
        Ok(())
    }

    /// The pages, each with a footer naming the document and the page.
    pub fn finish(mut self, footer: &str) -> Result<Vec<Vec<Op>>, RenderError> {
        let total = self.pages.len();
        for number in 1..=total {
            let text =
                format!("{footer}  ·  第{number}页 共{total}页  ·  Page {number} of {total}");
            let run = self.shaper.shape(&text)?;
            let style = Style {
                size: 7.5,
                leading: 10.0,
                shade: shade::SECONDARY,
                bold: false,
            };
            let x = (PAGE_WIDTH - run.width_em * style.size) / 2.0;
            if let Some(page) = self.pages.get_mut(number - 1) {
                page.push(Op::Text {
                    x,
                    baseline: FOOTER_BASELINE,
                    style,
                    run,
                });
            }
        }
        Ok(self.pages)
    }
}

/// The height of `count` lines at `leading` points apart.
pub(crate) fn lines_height(count: usize, leading: f32) -> f32 {
    // A block holds a handful of lines; the count is exact in an f32.
    f32::from(u16::try_from(count).unwrap_or(u16::MAX)) * leading
}

/// The baseline of a line of `style` whose box starts at `top`: the
/// ideographs' em box, which spans about 0.88 em above the baseline to
/// 0.12 em below it, is centred in the line's height.
pub(crate) fn baseline(top: f32, style: Style) -> f32 {
    top + style.leading / 2.0 + 0.38 * style.size
}
