//! The loan note (借据) issued as a PDF at disbursement and served byte for
//! byte ever after, its HTML version, and the customer's schedule as PDF
//! and HTML, all within the reader's scope.
//!
//! Tests that need a CJK font skip with a message when none is installed,
//! unless `LOANBOOK_REQUIRE_FONT=1`, where a missing font fails them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use loanbook_api::{Application, Config};
use loanbook_render::CjkFont;
use loanbook_tests::{ADMIN_PASSWORD, CREDIT_CODE, Staff, TestApp};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The borrower's name, as the harness creates every customer.
const BORROWER: &str = "福州闽江贸易有限公司";

/// A font path that does not exist.
const MISSING_FONT: &str = "/nonexistent/loanbook-test-font.ttc";

/// True when the server will find a font; otherwise prints why the test is
/// skipped, or fails when `LOANBOOK_REQUIRE_FONT=1`.
fn font_available() -> bool {
    let configured = std::env::var_os("LOANBOOK_PDF_FONT").map(PathBuf::from);
    match CjkFont::discover(configured.as_deref()) {
        Ok(_) => true,
        Err(error) if std::env::var("LOANBOOK_REQUIRE_FONT").as_deref() == Ok("1") => {
            panic!("LOANBOOK_REQUIRE_FONT=1 but no PDF font: {error}")
        }
        Err(error) => {
            eprintln!("SKIPPED: this test needs a PDF font: {error}");
            false
        }
    }
}

/// The lender named on the notes of the first test.
const LENDER: &str = "厦门示例投资有限公司";

/// The server settings that find the font the tests found: the test
/// process's `LOANBOOK_PDF_FONT`, if set (servers read no environment).
fn font_settings() -> HashMap<&'static str, String> {
    let configured = std::env::var("LOANBOOK_PDF_FONT").ok();
    configured
        .map(|path| ("PDF_FONT", path))
        .into_iter()
        .collect()
}

/// Staff and a loan of 100000.00 to the harness customer, disbursed on
/// 2026-03-01; returns the loan as the disbursement answered.
async fn disbursed_loan(app: &TestApp, staff: &Staff) -> Value {
    app.set_business_date("2026-03-01").await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let terms = json!({"amount": "100000.00", "term_months": 12,
        "repayment_method": "equal_installment", "annual_rate_percent": "5.00"});
    let application = app
        .submitted_application(&staff.sales, &customer, terms)
        .await;
    let approve = format!("/api/v1/loan-applications/{application}/approve");
    app.post(&staff.reviewer, &approve, json!({"comment": "ok"}))
        .await
        .expect(200);
    let disburse = format!("/api/v1/loan-applications/{application}/disburse");
    let body = json!({"disbursement_date": "2026-03-01", "bank_reference": "B-1"});
    app.post(&staff.cashier, &disburse, body)
        .await
        .expect(201)
        .body
}

/// A GET answered with raw bytes.
struct Download {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Download {
    fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }
}

async fn download(address: &str, token: &str, path: &str) -> Download {
    let response = reqwest::Client::new()
        .get(format!("{address}{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {path}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .unwrap_or_else(|e| panic!("body of {path}: {e}"))
        .to_vec();
    Download {
        status,
        headers,
        body,
    }
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The RFC 5987 `filename*=UTF-8''…` of a Content-Disposition, decoded.
fn extended_file_name(disposition: &str) -> String {
    let encoded = disposition
        .split_once("filename*=UTF-8''")
        .map_or("", |(_, rest)| rest.split(';').next().unwrap_or_default());
    let mut bytes = Vec::new();
    let mut rest = encoded.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        let hex = tail.get(..2).and_then(|h| std::str::from_utf8(h).ok());
        match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(byte) if first == b'%' => {
                bytes.push(byte);
                rest = &tail[2..];
            }
            _ => {
                bytes.push(first);
                rest = tail;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes).unwrap_or_else(|e| panic!("not a PDF: {e}"))
}

/// How many objects the file store under `data_dir` holds.
fn stored_objects(data_dir: &Path) -> usize {
    let root = data_dir.join("files").join("sha256");
    let Ok(prefixes) = std::fs::read_dir(root) else {
        return 0;
    };
    prefixes
        .filter_map(Result::ok)
        .filter_map(|prefix| std::fs::read_dir(prefix.path()).ok())
        .map(Iterator::count)
        .sum()
}

#[tokio::test]
async fn the_loan_note_pdf_is_issued_at_disbursement_and_served_unchanged() {
    if !font_available() {
        return;
    }
    let mut settings = font_settings();
    settings.insert("LENDER_NAME", LENDER.into());
    // Check character by the GB 32100 weights: sum 2424, 31 − 2424 mod 31 = 25 → R.
    settings.insert("LENDER_CREDIT_CODE", "91350200MA31X7Q2RR".into());
    let app = TestApp::spawn_with(settings).await;
    let staff = app.staff().await;
    let loan = disbursed_loan(&app, &staff).await;
    let note_number = loan["note_number"].as_str().unwrap_or_default().to_owned();
    let path = format!(
        "/api/v1/loans/{}/note.pdf",
        loan["id"].as_str().unwrap_or_default()
    );
    let stored_at_disbursement = stored_objects(&app.data_dir);

    let first = download(&app.address, &staff.auditor, &path).await;
    let second = download(&app.address, &staff.cashier, &path).await;

    assert_eq!(
        stored_at_disbursement, 1,
        "the note is stored at disbursement"
    );
    assert_eq!(first.status, 200, "{}", first.text());
    assert_eq!(first.header("content-type"), "application/pdf");
    assert!(first.body.starts_with(b"%PDF-"));
    let text = pdf_text(&first.body);
    assert!(text.contains(BORROWER), "no borrower in {text}");
    assert!(text.contains(LENDER), "no lender in {text}");
    assert!(
        text.contains("91350200MA31X7Q2RR"),
        "no lender code in {text}"
    );
    assert!(
        text.contains("91350100M000100Y43"),
        "no borrower code in {text}"
    );
    assert!(note_number.starts_with("JJ2026"), "{loan}");
    assert!(text.contains(&note_number), "no {note_number} in {text}");
    assert!(
        text.contains("人民币壹拾万元整"),
        "no amount in words in {text}"
    );
    assert_eq!(second.status, 200);
    assert_eq!(
        second.body, first.body,
        "the note changed between downloads"
    );
    assert_eq!(second.header("etag"), first.header("etag"));
    assert_eq!(first.header("etag"), format!("\"{}\"", sha256(&first.body)));
    let disposition = first.header("content-disposition");
    assert!(disposition.starts_with("inline;"), "{disposition}");
    assert_eq!(
        extended_file_name(&disposition),
        format!("借据-{note_number}.pdf"),
        "{disposition}"
    );
    assert_eq!(stored_objects(&app.data_dir), 1);
}

#[tokio::test]
async fn the_schedule_pdf_is_rendered_for_staff_as_of_a_date() {
    if !font_available() {
        return;
    }
    let app = TestApp::spawn_with(font_settings()).await;
    let staff = app.staff().await;
    let loan = disbursed_loan(&app, &staff).await;
    let id = loan["id"].as_str().unwrap_or_default();

    let pdf = download(
        &app.address,
        &staff.auditor,
        &format!("/api/v1/loans/{id}/schedule.pdf?as_of=2026-06-30"),
    )
    .await;

    assert_eq!(pdf.status, 200, "{}", pdf.text());
    assert_eq!(pdf.header("content-type"), "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf.body);
    assert!(text.contains(BORROWER), "no borrower in {text}");
    assert!(text.contains("2026-06-30"), "no as-of date in {text}");
}

#[tokio::test]
async fn the_html_note_and_schedule_are_rendered_for_staff() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let loan = disbursed_loan(&app, &staff).await;
    let id = loan["id"].as_str().unwrap_or_default();

    let note = download(
        &app.address,
        &staff.auditor,
        &format!("/api/v1/loans/{id}/note.html"),
    )
    .await;
    let schedule = download(
        &app.address,
        &staff.cashier,
        &format!("/api/v1/loans/{id}/schedule.html"),
    )
    .await;
    let bad_date = download(
        &app.address,
        &staff.cashier,
        &format!("/api/v1/loans/{id}/schedule.html?as_of=2026-13-01"),
    )
    .await;

    assert_eq!(note.status, 200, "{}", note.text());
    assert_eq!(note.header("content-type"), "text/html; charset=utf-8");
    assert!(note.text().contains(BORROWER));
    assert!(note.text().contains("人民币壹拾万元整"));
    assert!(
        note.text()
            .contains(loan["note_number"].as_str().unwrap_or("?"))
    );
    assert_eq!(schedule.status, 200, "{}", schedule.text());
    assert_eq!(schedule.header("content-type"), "text/html; charset=utf-8");
    assert!(schedule.text().contains(BORROWER));
    assert_eq!(bad_date.status, 422, "{}", bad_date.text());
}

#[tokio::test]
async fn a_customer_user_of_another_customer_gets_404_for_every_document() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let loan = disbursed_loan(&app, &staff).await;
    let id = loan["id"].as_str().unwrap_or_default();
    let other = app
        .customer(&staff.sales, "91110000MA0000001L", "500000.00")
        .await;
    let outsider = app.user("outsider1", &["customer"], Some(&other)).await;

    let mut statuses = Vec::new();
    for document in ["note.pdf", "note.html", "schedule.pdf", "schedule.html"] {
        let path = format!("/api/v1/loans/{id}/{document}");
        let reply = download(&app.address, &outsider, &path).await;
        statuses.push((document, reply.status));
    }

    for (document, status) in statuses {
        assert_eq!(status, 404, "{document}");
    }
}

#[tokio::test]
async fn without_a_font_pdfs_are_503_naming_what_is_missing_and_html_still_works() {
    let settings = HashMap::from([("PDF_FONT", MISSING_FONT.to_owned())]);
    let app = TestApp::spawn_with(settings).await;
    let staff = app.staff().await;
    let loan = disbursed_loan(&app, &staff).await;
    let id = loan["id"].as_str().unwrap_or_default();

    let pdf = download(
        &app.address,
        &staff.auditor,
        &format!("/api/v1/loans/{id}/note.pdf"),
    )
    .await;
    let schedule = download(
        &app.address,
        &staff.auditor,
        &format!("/api/v1/loans/{id}/schedule.pdf"),
    )
    .await;
    let html = download(
        &app.address,
        &staff.auditor,
        &format!("/api/v1/loans/{id}/note.html"),
    )
    .await;

    assert_eq!(
        loan["status"], "active",
        "the loan is booked without a font"
    );
    assert_eq!(stored_objects(&app.data_dir), 0, "no note without a font");
    for reply in [&pdf, &schedule] {
        assert_eq!(reply.status, 503, "{}", reply.text());
        assert_eq!(reply.header("content-type"), "application/problem+json");
        let detail = reply.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(detail.contains(MISSING_FONT), "{detail}");
        assert!(detail.contains("fonts-wqy-microhei"), "{detail}");
    }
    assert_eq!(html.status, 200, "{}", html.text());
    assert!(html.text().contains("人民币壹拾万元整"));
}

/// A second server on `app`'s database and data directory (the same token
/// secret, so tokens stay valid), with the font the tests found.
async fn restart_with_font(app: &TestApp) -> String {
    let mut vars: HashMap<String, String> = HashMap::from([
        ("LOANBOOK_BIND".into(), "127.0.0.1:0".into()),
        (
            "LOANBOOK_DATA_DIR".into(),
            app.data_dir.display().to_string(),
        ),
        ("LOANBOOK_DATABASE_URL".into(), app.database_url.clone()),
        ("LOANBOOK_ADMIN_PASSWORD".into(), ADMIN_PASSWORD.into()),
        ("LOANBOOK_DATABASE_MAX_CONNECTIONS".into(), "4".into()),
    ]);
    for (key, value) in font_settings() {
        vars.insert(format!("LOANBOOK_{key}"), value);
    }
    let config = Config::from_lookup(|name| vars.get(name).cloned())
        .unwrap_or_else(|e| panic!("config: {e}"));
    let server = Application::build(&config)
        .await
        .unwrap_or_else(|e| panic!("restart: {e:#}"));
    let address = format!("http://127.0.0.1:{}", server.port());
    tokio::spawn(server.run());
    address
}

#[tokio::test]
async fn a_loan_disbursed_without_a_font_gets_its_note_once_a_font_is_loaded() {
    if !font_available() {
        return;
    }
    let settings = HashMap::from([("PDF_FONT", MISSING_FONT.to_owned())]);
    let app = TestApp::spawn_with(settings).await;
    let staff = app.staff().await;
    let loan = disbursed_loan(&app, &staff).await;
    let path = format!(
        "/api/v1/loans/{}/note.pdf",
        loan["id"].as_str().unwrap_or_default()
    );
    let with_font = restart_with_font(&app).await;

    let first = download(&with_font, &staff.auditor, &path).await;
    let second = download(&with_font, &staff.auditor, &path).await;
    let without_font = download(&app.address, &staff.auditor, &path).await;

    assert_eq!(first.status, 200, "{}", first.text());
    assert!(pdf_text(&first.body).contains("人民币壹拾万元整"));
    assert_eq!(second.body, first.body);
    assert_eq!(first.header("etag"), format!("\"{}\"", sha256(&first.body)));
    assert_eq!(without_font.status, 200, "a stored note needs no font");
    assert_eq!(without_font.body, first.body);
    assert_eq!(stored_objects(&app.data_dir), 1);
}
