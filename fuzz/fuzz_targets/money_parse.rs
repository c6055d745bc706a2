//! Amounts and rates: any text either parses to a value that prints back to
//! the same amount, or is refused — never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use loanbook_domain::{AnnualRate, Money};

fuzz_target!(|text: &str| {
    if let Ok(money) = Money::parse(text) {
        let printed = money.to_string();
        assert_eq!(
            Money::parse(&printed).ok(),
            Some(money),
            "{text:?} → {printed}"
        );
        let _ = loanbook_domain::amount_in_words(money);
    }
    if let Ok(rate) = AnnualRate::parse_percent(text) {
        let printed = rate.to_percent_string();
        assert_eq!(
            AnnualRate::parse_percent(&printed).ok(),
            Some(rate),
            "{text:?} → {printed}"
        );
    }
});
