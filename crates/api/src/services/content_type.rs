//! Recognising an uploaded file's type from its bytes, never from its name
//! or the type the client declared: PDF, JPEG and PNG by their magic bytes;
//! XLSX and DOCX, which are ZIP files, by the parts their package holds.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// The file types Loanbook accepts as supporting documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Portable Document Format.
    Pdf,
    /// JPEG image.
    Jpeg,
    /// PNG image.
    Png,
    /// Office Open XML workbook (Excel).
    Xlsx,
    /// Office Open XML document (Word).
    Docx,
}

impl FileKind {
    /// Every accepted kind, in the order error messages list them.
    pub const ALL: [FileKind; 5] = [
        FileKind::Pdf,
        FileKind::Jpeg,
        FileKind::Png,
        FileKind::Xlsx,
        FileKind::Docx,
    ];

    /// The media type sent with the content.
    pub fn mime(&self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Png => "image/png",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }

    /// The short name people know it by.
    pub fn name(&self) -> &'static str {
        match self {
            FileKind::Pdf => "PDF",
            FileKind::Jpeg => "JPEG",
            FileKind::Png => "PNG",
            FileKind::Xlsx => "XLSX",
            FileKind::Docx => "DOCX",
        }
    }
}

/// The accepted types for an error message: `PDF (application/pdf), …`.
pub fn accepted_types() -> String {
    let names: Vec<String> = FileKind::ALL
        .iter()
        .map(|kind| format!("{} ({})", kind.name(), kind.mime()))
        .collect();
    names.join(", ")
}

const PDF: &[u8] = b"%PDF-";
const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF];
const PNG: &[u8] = &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
const ZIP: &[u8] = b"PK\x03\x04";

/// The kind of the file at `path`, or `None` when it is none of the
/// accepted kinds. Reads the first bytes, and for a ZIP its central
/// directory; blocking, so call it off the request's thread.
pub fn detect(path: &Path) -> std::io::Result<Option<FileKind>> {
    let mut head = [0_u8; 8];
    let mut file = File::open(path)?;
    let read = read_up_to(&mut file, &mut head)?;
    let head = &head[..read];
    let kind = if head.starts_with(PDF) {
        Some(FileKind::Pdf)
    } else if head.starts_with(PNG) {
        Some(FileKind::Png)
    } else if head.starts_with(JPEG) {
        Some(FileKind::Jpeg)
    } else if head.starts_with(ZIP) {
        office_kind(File::open(path)?)
    } else {
        None
    };
    Ok(kind)
}

fn read_up_to(file: &mut File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        let read = file.read(&mut buffer[filled..])?;
        if read == 0 {
            break;
        }
        filled += read;
    }
    Ok(filled)
}

/// An Office Open XML package names its parts in `[Content_Types].xml` and
/// keeps the workbook or the document at a fixed path. A ZIP that cannot
/// be read, or holds neither, is not accepted.
fn office_kind(file: File) -> Option<FileKind> {
    let archive = zip::ZipArchive::new(file).ok()?;
    archive.index_for_name("[Content_Types].xml")?;
    if archive.index_for_name("xl/workbook.xml").is_some() {
        Some(FileKind::Xlsx)
    } else if archive.index_for_name("word/document.xml").is_some() {
        Some(FileKind::Docx)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(bytes: &[u8]) -> Option<FileKind> {
        let path = std::env::temp_dir().join(format!("sniff-{}", uuid::Uuid::now_v7()));
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
        let kind = detect(&path).unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::remove_file(&path);
        kind
    }

    #[test]
    fn magic_bytes_decide_and_anything_else_is_refused() {
        assert_eq!(kind_of(b"%PDF-1.4\n%%EOF"), Some(FileKind::Pdf));
        assert_eq!(
            kind_of(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(FileKind::Jpeg)
        );
        assert_eq!(kind_of(PNG), Some(FileKind::Png));
        assert_eq!(kind_of(b"\x7fELF\x02\x01\x01\0"), None);
        assert_eq!(kind_of(b""), None);
        assert_eq!(kind_of(b"PK\x03\x04 not really a zip"), None);
    }

    #[test]
    fn the_accepted_types_name_each_media_type() {
        let text = accepted_types();

        assert!(text.starts_with("PDF (application/pdf), JPEG (image/jpeg)"));
        assert!(text.contains("DOCX (application/vnd.openxmlformats"));
    }
}
