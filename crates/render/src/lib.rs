//! Loanbook's printable documents: the loan note (借据), the repayment
//! schedule statement (还款计划表) and notices such as dunning (催款通知) and
//! rectification (整改通知) notices, each as a PDF file and as an HTML page.
//!
//! The API fills a view ([`LoanNoteView`], [`ScheduleView`], [`NoticeView`])
//! and calls [`html`] or [`pdf`]. Every document first becomes one neutral
//! description of its content, which both outputs draw, so the PDF and the
//! HTML always say the same thing. This crate computes nothing about loans
//! and does no I/O except reading the font file in [`CjkFont::discover`].

mod content;
mod document;
mod error;
pub mod font;
pub mod format;
pub mod html;
pub mod pdf;
mod view;

pub use error::{PdfWriteError, RenderError};
pub use font::{CjkFont, FontMissing};
pub use view::{
    LoanNoteView, NoticeAmountView, NoticeView, PaidAmounts, Party, PaymentAccountView,
    ScheduleLineView, ScheduleRowView, ScheduleTotals, ScheduleView,
};
