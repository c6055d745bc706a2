//! Finding the CJK font, and what the errors tell an operator.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use loanbook_render::{CjkFont, FontMissing};

#[test]
fn a_configured_font_that_does_not_exist_is_an_error_naming_the_path() {
    let path = Path::new("/nonexistent/fonts/missing-cjk.ttc");

    let error = CjkFont::discover(Some(path)).unwrap_err();

    assert!(matches!(error, FontMissing::Unreadable { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("/nonexistent/fonts/missing-cjk.ttc"),
        "{message}"
    );
    assert!(message.contains("LOANBOOK_PDF_FONT"), "{message}");
    assert!(message.contains("fonts-wqy-microhei"), "{message}");
}

#[test]
fn finding_no_default_font_names_the_paths_the_package_and_the_setting() {
    let error = FontMissing::NoneFound {
        tried: vec![PathBuf::from("/a/one.ttc"), PathBuf::from("/b/two.ttf")],
    };

    let message = error.to_string();

    assert!(message.contains("/a/one.ttc, /b/two.ttf"), "{message}");
    assert!(message.contains("fonts-wqy-microhei"), "{message}");
    assert!(message.contains("fonts-noto-cjk"), "{message}");
    assert!(message.contains("LOANBOOK_PDF_FONT"), "{message}");
}

#[test]
fn bytes_that_are_not_a_font_are_unusable() {
    let path = Path::new("/etc/not-a-font.ttf");

    let error = CjkFont::from_bytes(path, b"plain text".to_vec()).unwrap_err();

    assert!(matches!(error, FontMissing::Unusable { .. }), "{error:?}");
    assert!(error.to_string().contains("/etc/not-a-font.ttf"));
}

#[test]
fn the_discovered_font_has_a_chinese_face() {
    let Some(font) = common::font() else { return };

    let reloaded = CjkFont::load(font.path()).unwrap();

    assert_eq!(reloaded.index(), font.index());
    assert!(font.path().is_file());
}

#[test]
fn a_font_can_be_shared_between_server_threads() {
    fn shareable<T: Send + Sync + Clone + 'static>() {}

    shareable::<CjkFont>();
}
