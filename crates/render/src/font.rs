//! Finding and loading the CJK font that PDF documents are set in.
//!
//! No Rust PDF library ships a Chinese font, so the server loads one from
//! the file system once at start-up: the path set in `LOANBOOK_PDF_FONT`,
//! or else the first of the usual Debian locations that exists. This module
//! reads that one file and nothing else. It does not subset: the PDF writer
//! embeds only the glyphs a document uses.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::raw::FileRef;
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};

/// The setting that names the font file.
pub const FONT_SETTING: &str = "LOANBOOK_PDF_FONT";

/// Where Debian and Ubuntu packages put CJK fonts, in order of preference.
pub const DEFAULT_FONT_PATHS: [&str; 9] = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansSC-Regular.otf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
];

/// Characters a usable font must have: those of the loan note's title.
const PROBE_CHARACTERS: [char; 2] = ['借', '据'];

/// A loaded CJK font, ready to set PDF documents in.
///
/// Cloning is cheap: the file's bytes and the parsed font are shared.
#[derive(Clone)]
pub struct CjkFont {
    path: PathBuf,
    data: Arc<Vec<u8>>,
    index: u32,
    pdf_font: krilla::text::Font,
}

impl CjkFont {
    /// Loads the configured font file, or when `configured` is `None` the
    /// first of [`DEFAULT_FONT_PATHS`] that exists.
    ///
    /// A configured path that cannot be read is an error even when a default
    /// font exists, so a typo in the setting does not go unnoticed.
    pub fn discover(configured: Option<&Path>) -> Result<CjkFont, FontMissing> {
        if let Some(path) = configured {
            return Self::load(path);
        }
        let defaults: Vec<PathBuf> = DEFAULT_FONT_PATHS.iter().map(PathBuf::from).collect();
        match defaults.iter().find(|path| path.is_file()) {
            Some(path) => Self::load(path),
            None => Err(FontMissing::NoneFound { tried: defaults }),
        }
    }

    /// Loads a font file. In a collection (`.ttc`) it takes the Simplified
    /// Chinese face when one is named so, else the first face.
    pub fn load(path: &Path) -> Result<CjkFont, FontMissing> {
        let data = std::fs::read(path).map_err(|error| FontMissing::Unreadable {
            path: path.to_owned(),
            reason: error.to_string(),
        })?;
        Self::from_bytes(path, data)
    }

    /// Builds a font from bytes already read from `path`, which is kept only
    /// to name the font in messages.
    pub fn from_bytes(path: &Path, data: Vec<u8>) -> Result<CjkFont, FontMissing> {
        let unusable = |reason: &str| FontMissing::Unusable {
            path: path.to_owned(),
            reason: reason.to_owned(),
        };
        let index = simplified_chinese_face(&data).ok_or_else(|| unusable("not a font file"))?;
        let data = Arc::new(data);
        let pdf_font = krilla::text::Font::new(data.clone().into(), index)
            .ok_or_else(|| unusable("the PDF writer cannot read this font"))?;
        Ok(CjkFont {
            path: path.to_owned(),
            data,
            index,
            pdf_font,
        })
    }

    /// The file the font was loaded from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The face's index within its file (0 unless the file is a collection).
    pub fn index(&self) -> u32 {
        self.index
    }

    /// The face as the font reader sees it, for measuring text.
    pub(crate) fn face(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(self.data.as_slice(), self.index).ok()
    }

    /// The face as the PDF writer sees it.
    pub(crate) fn pdf_font(&self) -> &krilla::text::Font {
        &self.pdf_font
    }
}

impl fmt::Debug for CjkFont {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CjkFont")
            .field("path", &self.path)
            .field("index", &self.index)
            .field("bytes", &self.data.len())
            .finish()
    }
}

/// The index of the face to use, or `None` when no face of the file can set
/// Chinese text.
fn simplified_chinese_face(data: &[u8]) -> Option<u32> {
    let faces: Vec<(u32, FontRef<'_>)> = match FileRef::new(data).ok()? {
        FileRef::Font(font) => vec![(0, font)],
        FileRef::Collection(collection) => (0..collection.len())
            .filter_map(|index| Some((index, collection.get(index).ok()?)))
            .collect(),
    };
    let usable: Vec<&(u32, FontRef<'_>)> =
        faces.iter().filter(|(_, face)| has_chinese(face)).collect();
    let simplified = usable.iter().find(|(_, face)| is_simplified_chinese(face));
    simplified.or(usable.first()).map(|(index, _)| *index)
}

/// True when the face has glyphs for common Chinese characters.
fn has_chinese(face: &FontRef<'_>) -> bool {
    let charmap = face.charmap();
    PROBE_CHARACTERS
        .iter()
        .all(|&character| charmap.map(character).is_some())
}

/// True when the face's family name marks it as Simplified Chinese, as in
/// "Noto Sans CJK SC".
fn is_simplified_chinese(face: &FontRef<'_>) -> bool {
    face.localized_strings(StringId::FAMILY_NAME)
        .english_or_first()
        .is_some_and(|name| {
            let name = name.to_string();
            name.ends_with(" SC") || name.contains(" SC ")
        })
}

/// No CJK font could be loaded, so no PDF can be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FontMissing {
    /// No font was configured and none of the default paths exists.
    #[error(
        "no CJK font found for PDF documents; tried {}. Install the Debian package \
         fonts-wqy-microhei (or fonts-noto-cjk), or set {FONT_SETTING} to the path of \
         a TrueType or OpenType font with Chinese characters",
        joined(.tried)
    )]
    NoneFound {
        /// The paths looked at, in order.
        tried: Vec<PathBuf>,
    },
    /// The font file could not be read, for example because it does not exist.
    #[error(
        "the PDF font {} could not be read ({reason}); check {FONT_SETTING}, or unset it \
         and install the Debian package fonts-wqy-microhei (or fonts-noto-cjk)",
        .path.display()
    )]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
    /// The file was read but cannot set Chinese text.
    #[error(
        "the PDF font {} cannot be used ({reason}); set {FONT_SETTING} to a TrueType or \
         OpenType font with Chinese characters, such as those of the Debian package \
         fonts-wqy-microhei (or fonts-noto-cjk)",
        .path.display()
    )]
    Unusable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

/// Paths for a message, separated by commas.
fn joined(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    names.join(", ")
}
