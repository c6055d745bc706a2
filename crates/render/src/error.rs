//! The errors of rendering a document.
//!
//! [`RenderError`] is this crate's one error type for rendering; a font that
//! cannot be found or loaded is [`crate::FontMissing`], raised once at
//! start-up rather than on every document. The API maps both to a 500 with
//! a body that says nothing internal.

use std::fmt;

/// A document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The text holds a character the font has no glyph for; printing it as
    /// a blank box on a document people sign is not acceptable.
    #[error("the font {font} has no glyph for {character:?} (U+{:04X})", u32::from(*.character))]
    MissingGlyph {
        /// The character.
        character: char,
        /// The font file's path, for the message.
        font: String,
    },
    /// The font's tables could not be read while measuring text.
    #[error("the font {font} could not be read while laying out text")]
    UnreadableFont {
        /// The font file's path, for the message.
        font: String,
    },
    /// One table row is taller than a whole page, so it cannot be placed.
    #[error("a table row of {what} is taller than a page; shorten its text")]
    RowTooTall {
        /// Which table, for the message.
        what: String,
    },
    /// The PDF writer refused the document.
    #[error("the PDF could not be written: {0}")]
    Pdf(#[from] PdfWriteError),
}

/// Why the PDF writer refused a document, kept opaque so that this crate's
/// API does not expose the writer's own types.
#[derive(Debug)]
pub struct PdfWriteError(String);

impl PdfWriteError {
    /// Wraps the writer's message.
    pub(crate) fn new(message: impl fmt::Display) -> Self {
        Self(message.to_string())
    }
}

impl fmt::Display for PdfWriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PdfWriteError {}
