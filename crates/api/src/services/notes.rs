//! Printable loan documents: gathering what a loan note (借据) and a
//! schedule statement (还款计划表) print, rendering them, and issuing a loan
//! note's PDF once.
//!
//! A loan note's PDF is rendered when the loan is disbursed, stored in the
//! file store by SHA-256 and recorded in `loan_notes`; from then on the same
//! bytes are served, whatever changes later. HTML versions and schedule
//! statements are rendered on each request and never stored. Nothing here
//! decides who may read a loan: callers load the loan within the actor's
//! scope first.

use bytes::Bytes;
use loanbook_domain::ledger::InstallmentPosition;
use loanbook_domain::{Installment, amount_in_words};
use loanbook_persistence::ConnectionTrait;
use loanbook_persistence::files::StoredFile;
use loanbook_persistence::repo::customers::CustomerRecord;
use loanbook_persistence::repo::loan_notes::{self, CONTENT_TYPE, LoanNoteRecord};
use loanbook_persistence::repo::loans::LoanRecord;
use loanbook_persistence::repo::{Scope, applications, customers, loans, users};
use loanbook_render::{
    CjkFont, LoanNoteView, PaidAmounts, Party, RenderError, ScheduleLineView, ScheduleRowView,
    ScheduleTotals, ScheduleView,
};
use time::Date;
use tracing::{instrument, warn};
use uuid::Uuid;

use crate::error::ApiError;
use crate::services::applications::approvals_since_submission;
use crate::services::loans as loan_service;
use crate::state::AppState;

/// Everything a loan's note prints, from the loan, its customer, its
/// application and the people who approved it. The JSON note, the HTML
/// note and the PDF note are all made from this one view.
#[instrument(skip_all, fields(loan_id = %loan.id))]
pub async fn note_view(
    db: &impl ConnectionTrait,
    state: &AppState,
    loan: &LoanRecord,
) -> Result<LoanNoteView, ApiError> {
    let customer = customers::find(db, Scope::All, loan.customer_id).await?;
    let application = applications::find(db, Scope::All, loan.application_id).await?;
    let schedule: Vec<ScheduleRowView> = loans::schedule(db, loan.id)
        .await?
        .iter()
        .map(row_view)
        .collect();
    Ok(LoanNoteView {
        note_number: loan.note_number.clone(),
        lender: lender(state),
        borrower: borrower(&customer),
        amount: loan.terms.principal,
        amount_in_words: amount_in_words(loan.terms.principal),
        annual_rate_percent: loan.terms.annual_rate.to_percent_string(),
        penalty_rate_percent: loan.penalty_rate.to_percent_string(),
        repayment_method: loan.terms.method,
        term_months: loan.terms.term.months(),
        disbursement_date: loan.terms.disbursement_date,
        maturity_date: loan.maturity_date,
        purpose: application.purpose,
        repayment_source: application.repayment_source,
        bank_reference: loan.bank_reference.clone(),
        approvers: approvers(db, loan.application_id).await?,
        // The note is issued with the disbursement, so it bears its value
        // date however late the PDF itself is rendered.
        issued_at: loan.terms.disbursement_date,
        totals: ScheduleTotals::of(&schedule),
        schedule,
    })
}

/// The lending company as printed.
fn lender(state: &AppState) -> Party {
    Party {
        name: state.lender_name.clone(),
        credit_code: state.lender_credit_code.clone(),
        address: state.lender_address.clone(),
    }
}

/// The borrowing customer as printed.
fn borrower(customer: &CustomerRecord) -> Party {
    let details = &customer.details;
    let present = |text: &str| (!text.trim().is_empty()).then(|| text.to_owned());
    Party {
        name: details.name.clone(),
        credit_code: present(&details.credit_code),
        address: present(&details.address),
    }
}

/// One planned installment as printed.
fn row_view(installment: &Installment) -> ScheduleRowView {
    ScheduleRowView {
        number: installment.number,
        due_date: installment.due_date,
        principal: installment.principal,
        interest: installment.interest,
        payment: installment.payment,
        balance_after: installment.balance_after,
    }
}

/// The display names of the people whose approvals made the application
/// approved, in the order they approved, each once.
async fn approvers(
    db: &impl ConnectionTrait,
    application_id: Uuid,
) -> Result<Vec<String>, ApiError> {
    let actions = applications::actions(db, application_id).await?;
    let mut ids: Vec<Uuid> = Vec::new();
    for action in approvals_since_submission(&actions) {
        if !ids.contains(&action.actor_id) {
            ids.push(action.actor_id);
        }
    }
    let mut names = Vec::with_capacity(ids.len());
    for id in ids {
        names.push(users::find(db, id).await?.display_name);
    }
    Ok(names)
}

/// A customer's repayment schedule for a loan as of `as_of`, with what has
/// been paid on each installment by then.
#[instrument(skip_all, fields(loan_id = %loan_id, as_of = %as_of))]
pub async fn schedule_view(
    state: &AppState,
    scope: Scope,
    loan_id: Uuid,
    as_of: Date,
) -> Result<ScheduleView, ApiError> {
    let loaded = loan_service::load(&state.db, scope, loan_id, as_of).await?;
    let customer = customers::find(&state.db, Scope::All, loaded.loan.customer_id).await?;
    let lines: Vec<ScheduleLineView> = loaded.position.installments.iter().map(line_view).collect();
    let rows: Vec<ScheduleRowView> = lines.iter().map(|line| line.row).collect();
    let loan = &loaded.loan;
    Ok(ScheduleView {
        loan_number: loan.loan_number.clone(),
        lender: lender(state),
        borrower: borrower(&customer),
        as_of: loaded.position.as_of,
        amount: loan.terms.principal,
        annual_rate_percent: loan.terms.annual_rate.to_percent_string(),
        repayment_method: loan.terms.method,
        totals: ScheduleTotals::of(&rows),
        lines,
    })
}

/// One installment in force with what has been paid on it.
fn line_view(position: &InstallmentPosition) -> ScheduleLineView {
    ScheduleLineView {
        row: row_view(&position.installment),
        paid: Some(PaidAmounts {
            principal: position.principal_paid,
            interest: position.interest_paid,
            penalty: position.penalty_paid,
        }),
    }
}

/// Renders a PDF on a blocking thread, so that a long schedule does not
/// hold up the requests sharing this worker.
pub async fn render_pdf<V>(
    font: &CjkFont,
    view: V,
    render: fn(&V, &CjkFont) -> Result<Vec<u8>, RenderError>,
) -> Result<Vec<u8>, ApiError>
where
    V: Send + 'static,
{
    let font = font.clone();
    let rendered = tokio::task::spawn_blocking(move || render(&view, &font))
        .await
        .map_err(|error| ApiError::Internal(error.into()))?;
    Ok(rendered?)
}

/// Renders a loan note's PDF.
async fn note_pdf(font: &CjkFont, view: LoanNoteView) -> Result<Vec<u8>, ApiError> {
    render_pdf(font, view, loanbook_render::pdf::loan_note).await
}

/// Puts a rendered loan note in the file store.
async fn store(state: &AppState, pdf: Vec<u8>) -> Result<StoredFile, ApiError> {
    Ok(state
        .files
        .put_bytes(Bytes::from(pdf), CONTENT_TYPE)
        .await?)
}

/// Issues the loan note of a loan being disbursed, inside the
/// disbursement's transaction `db`: renders the PDF, uploads it (before the
/// commit; an object left behind by a rollback is harmless, objects being
/// named by their content) and records it.
///
/// The loan is booked whether or not its note can be rendered now. Without
/// a PDF font no note is recorded and `None` is returned; the note is then
/// rendered, stored and recorded the first time its PDF is requested while
/// a font is loaded (see [`stored_note`]), and served unchanged after that.
/// When rendering itself fails (a character the font lacks, say) the same
/// happens: the failure is logged, and each request of the PDF tries again
/// and reports it until the note renders. A failure of the file store or
/// the database still fails the disbursement.
#[instrument(skip_all, fields(loan_id = %loan.id))]
pub async fn issue_at_disbursement(
    db: &impl ConnectionTrait,
    state: &AppState,
    loan: &LoanRecord,
) -> Result<Option<LoanNoteRecord>, ApiError> {
    let font = match &state.pdf_font {
        Ok(font) => font,
        Err(missing) => {
            warn!(reason = %missing, "loan note not rendered at disbursement; no PDF font");
            return Ok(None);
        }
    };
    let view = note_view(db, state, loan).await?;
    let pdf = match note_pdf(font, view).await {
        Ok(pdf) => pdf,
        Err(error) => {
            let error = format!("{:#}", anyhow::Error::new(error));
            warn!(error, "loan note not rendered at disbursement");
            return Ok(None);
        }
    };
    let stored = store(state, pdf).await?;
    Ok(Some(loan_notes::record_once(db, loan.id, &stored).await?))
}

/// The loan's stored note. A loan disbursed while no font was loaded has
/// none yet: its note is rendered, stored and recorded now, in a
/// transaction of its own, and the first note recorded for a loan is the
/// one every later request gets. Without a font that is a 503 naming what
/// is missing.
#[instrument(skip_all, fields(loan_id = %loan.id))]
pub async fn stored_note(state: &AppState, loan: &LoanRecord) -> Result<LoanNoteRecord, ApiError> {
    if let Some(note) = loan_notes::find(&state.db, loan.id).await? {
        return Ok(note);
    }
    let font = state.pdf_font()?;
    let view = note_view(&state.db, state, loan).await?;
    let stored = store(state, note_pdf(font, view).await?).await?;
    let txn = loanbook_persistence::begin_write(&state.db).await?;
    let note = loan_notes::record_once(&txn, loan.id, &stored).await?;
    txn.commit().await?;
    Ok(note)
}
