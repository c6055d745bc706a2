//! How long a loan note takes to render, with a one-year and a thirty-year
//! schedule, as PDF and as HTML.

#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use loanbook_render::{html, pdf};

fn loan_note(c: &mut Criterion) {
    for months in [12, 360] {
        let view = common::loan_note(months);
        c.bench_function(&format!("html loan note, {months} rows"), |b| {
            b.iter(|| html::loan_note(black_box(&view)))
        });
        let Some(font) = common::font() else { continue };
        c.bench_function(&format!("pdf loan note, {months} rows"), |b| {
            b.iter(|| pdf::loan_note(black_box(&view), font).unwrap())
        });
    }
}

criterion_group!(benches, loan_note);
criterion_main!(benches);
