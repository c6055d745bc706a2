//! Unified social credit codes: a parsed code is 18 characters and parses
//! again; any other text is refused without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use loanbook_domain::CreditCode;

fuzz_target!(|text: &str| {
    if let Ok(code) = CreditCode::parse(text) {
        let printed = code.to_string();
        assert_eq!(printed.chars().count(), 18, "{text:?}");
        assert!(CreditCode::parse(&printed).is_ok(), "{text:?} → {printed}");
    }
    let _ = CreditCode::with_check_character(text);
});
