//! Turning text into positioned glyphs, one glyph per character.
//!
//! Chinese text and the figures, dates and short English of these documents
//! need no ligatures, kerning or reordering, so a character maps straight to
//! its glyph and advances by the glyph's width. Keeping that here, rather
//! than in a shaping engine, makes measured widths exactly the drawn ones,
//! which right-aligned amounts depend on.

use krilla::text::{GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::TableProvider;
use skrifa::{FontRef, MetadataProvider};

use crate::error::RenderError;
use crate::font::CjkFont;

// Limitation: no font fallback and no complex shaping; a character the
// configured font lacks makes rendering fail with `MissingGlyph`, and
// scripts that need contextual forms would print in isolated forms.

/// Measures and shapes text in one font.
pub(crate) struct Shaper<'a> {
    charmap: skrifa::charmap::Charmap<'a>,
    metrics: GlyphMetrics<'a>,
    units_per_em: f32,
    font_name: String,
}

/// A run of text with its glyphs, ready to draw.
#[derive(Debug, Clone)]
pub(crate) struct Shaped {
    /// The text the glyphs stand for, which the PDF maps them back to.
    pub text: String,
    /// One glyph per character, advances in em.
    pub glyphs: Vec<KrillaGlyph>,
    /// The run's width in em.
    pub width_em: f32,
}

impl<'a> Shaper<'a> {
    /// A shaper for the given font.
    pub fn new(font: &'a CjkFont) -> Result<Self, RenderError> {
        let font_name = font.path().display().to_string();
        let face: FontRef<'a> = font.face().ok_or_else(|| RenderError::UnreadableFont {
            font: font_name.clone(),
        })?;
        let units_per_em = f32::from(face.head().map(|head| head.units_per_em()).unwrap_or(1000));
        Ok(Self {
            charmap: face.charmap(),
            metrics: face.glyph_metrics(Size::unscaled(), LocationRef::default()),
            units_per_em,
            font_name,
        })
    }

    /// The glyphs of a run of text without line breaks.
    pub fn shape(&self, text: &str) -> Result<Shaped, RenderError> {
        let mut glyphs = Vec::with_capacity(text.len());
        let mut width_em = 0.0;
        for (start, character) in text.char_indices() {
            let (id, advance) = self.glyph(character)?;
            let range = start..start + character.len_utf8();
            glyphs.push(KrillaGlyph::new(
                GlyphId::new(id),
                advance,
                0.0,
                0.0,
                0.0,
                range,
                None,
            ));
            width_em += advance;
        }
        Ok(Shaped {
            text: text.to_owned(),
            glyphs,
            width_em,
        })
    }

    /// The width of a run of text in em.
    pub fn width_em(&self, text: &str) -> Result<f32, RenderError> {
        text.chars()
            .map(|character| Ok(self.glyph(character)?.1))
            .sum()
    }

    /// A character's glyph id and advance in em.
    fn glyph(&self, character: char) -> Result<(u32, f32), RenderError> {
        let missing = || RenderError::MissingGlyph {
            character,
            font: self.font_name.clone(),
        };
        let id = self.charmap.map(character).ok_or_else(missing)?;
        let advance = self.metrics.advance_width(id).ok_or_else(missing)?;
        Ok((id.to_u32(), advance / self.units_per_em))
    }
}
