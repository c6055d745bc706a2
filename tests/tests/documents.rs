//! Supporting documents: uploads recognised by content, stored once by
//! SHA-256, downloaded byte for byte within the reader's scope, and
//! soft-deleted with a reason that the audit trail keeps.

use std::io::Write;
use std::path::Path;

use loanbook_tests::{CREDIT_CODE, Reply, TestApp};
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// A minimal valid one-page PDF, written out by hand with a correct
/// cross-reference table.
fn pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (number, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", number + 1).bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    let trailer = format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend(trailer.bytes());
    out
}

/// A 4 × 4 RGB PNG made with the `png` encoder.
fn png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, 4, 4);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let pixels: Vec<u8> = (0..48_u8).map(|i| i.wrapping_mul(5)).collect();
    let mut writer = encoder
        .write_header()
        .unwrap_or_else(|e| panic!("png header: {e}"));
    writer
        .write_image_data(&pixels)
        .unwrap_or_else(|e| panic!("png data: {e}"));
    writer.finish().unwrap_or_else(|e| panic!("png: {e}"));
    out
}

/// A small financial statement workbook made with `rust_xlsxwriter`.
fn xlsx() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let rows = [("营业收入", "5000000.00"), ("净利润", "600000.00")];
    for (row, (label, amount)) in (0_u32..).zip(rows) {
        sheet
            .write_string(row, 0, label)
            .and_then(|s| s.write_string(row, 1, amount))
            .unwrap_or_else(|e| panic!("xlsx cell: {e}"));
    }
    workbook
        .save_to_buffer()
        .unwrap_or_else(|e| panic!("xlsx: {e}"))
}

/// A ZIP holding the named entries, uncompressed.
fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in entries {
        writer
            .start_file(*name, options)
            .unwrap_or_else(|e| panic!("zip entry: {e}"));
        writer
            .write_all(text.as_bytes())
            .unwrap_or_else(|e| panic!("zip write: {e}"));
    }
    writer
        .finish()
        .unwrap_or_else(|e| panic!("zip: {e}"))
        .into_inner()
}

/// A minimal Word package: content types plus the main document part.
fn docx() -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", "<w:document/>"),
    ])
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn form(document_type: &str, name: &str, declared: &str, bytes: Vec<u8>) -> Form {
    let part = Part::bytes(bytes)
        .file_name(name.to_owned())
        .mime_str(declared)
        .unwrap_or_else(|e| panic!("mime: {e}"));
    Form::new()
        .text("document_type", document_type.to_owned())
        .part("file", part)
}

async fn upload(app: &TestApp, token: &str, path: &str, form: Form) -> Reply {
    let builder = app
        .client
        .post(format!("{}{path}", app.address))
        .bearer_auth(token)
        .multipart(form);
    TestApp::read(builder).await
}

/// Status, headers and the raw body of a download.
async fn download(
    app: &TestApp,
    token: &str,
    id: &str,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let response = app
        .client
        .get(format!("{}/api/v1/documents/{id}/content", app.address))
        .bearer_auth(token)
        .send()
        .await
        .unwrap_or_else(|e| panic!("download: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .unwrap_or_else(|e| panic!("body: {e}"));
    (status, headers, body.to_vec())
}

async fn delete(app: &TestApp, token: &str, id: &str, body: Value) -> Reply {
    let path = format!("/api/v1/documents/{id}");
    app.request(reqwest::Method::DELETE, &path, Some(token), Some(body))
        .await
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

fn stored_objects(app: &TestApp) -> usize {
    files_under(&app.data_dir.join("files")).len()
}

fn temp_files(app: &TestApp) -> usize {
    files_under(&app.data_dir.join("tmp")).len()
}

fn header(headers: &reqwest::header::HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A server with staff, one customer of `sales` and a submitted
/// application of it.
struct World {
    app: TestApp,
    staff: loanbook_tests::Staff,
    customer: String,
    application: String,
}

impl World {
    async fn new() -> World {
        World::on(TestApp::spawn().await).await
    }

    async fn on(app: TestApp) -> World {
        let staff = app.staff().await;
        let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
        let application = app
            .submitted_application(&staff.sales, &customer, json!({}))
            .await;
        World {
            app,
            staff,
            customer,
            application,
        }
    }

    fn documents_of_application(&self) -> String {
        format!("/api/v1/loan-applications/{}/documents", self.application)
    }

    /// Approves and disburses the application, returning the loan's id.
    async fn disburse(&self) -> String {
        let app = &self.app;
        app.set_business_date("2025-01-15").await;
        let path = format!("/api/v1/loan-applications/{}", self.application);
        app.post(
            &self.staff.reviewer,
            &format!("{path}/approve"),
            json!({"comment": "ok"}),
        )
        .await
        .expect(200);
        app.post(
            &self.staff.cashier,
            &format!("{path}/disburse"),
            json!({"disbursement_date": "2025-01-15", "bank_reference": "ICBC-1"}),
        )
        .await
        .expect(201)
        .str("id")
    }
}

#[tokio::test]
async fn pdf_png_xlsx_and_docx_are_recognised_by_content_and_come_back_byte_for_byte() {
    let world = World::new().await;
    let (app, sales) = (&world.app, &world.staff.sales);
    let files = [
        ("business_licence", "营业执照.pdf", "application/pdf", pdf()),
        ("other", "site.png", "image/png", png()),
        ("financial_statements", "2025 报表.xlsx", XLSX, xlsx()),
        ("business_plan", "plan.docx", DOCX, docx()),
    ];

    let mut uploaded = Vec::new();
    for (kind, name, mime, bytes) in &files {
        let path = world.documents_of_application();
        let reply = upload(app, sales, &path, form(kind, name, mime, bytes.clone())).await;
        uploaded.push(reply.expect(201));
    }
    let list = app.get(sales, &world.documents_of_application()).await;

    for ((kind, name, mime, bytes), reply) in files.iter().zip(&uploaded) {
        assert_eq!(reply.str("content_type"), *mime);
        assert_eq!(reply.str("sha256"), sha256(bytes));
        assert_eq!(reply.body["size_bytes"], json!(bytes.len()));
        assert_eq!(reply.str("document_type"), *kind);
        assert_eq!(reply.str("file_name"), *name);
        assert_eq!(reply.str("owner_kind"), "application");
        assert_eq!(reply.str("customer_id"), world.customer);
        assert!(reply.body["deleted_at"].is_null());
        let (status, headers, body) = download(app, sales, &reply.str("id")).await;
        assert_eq!(status, 200);
        assert_eq!(&body, bytes);
        assert_eq!(header(&headers, "content-type"), *mime);
        assert_eq!(header(&headers, "etag"), format!("\"{}\"", sha256(bytes)));
        assert!(header(&headers, "content-disposition").starts_with("attachment"));
    }
    let list = list.expect(200);
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(4));
    let (_, headers, _) = download(app, sales, &uploaded[0].str("id")).await;
    assert_eq!(
        header(&headers, "content-disposition"),
        "attachment; filename=\"____.pdf\"; \
         filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7.pdf"
    );
    assert_eq!(temp_files(app), 0);
}

#[tokio::test]
async fn the_parts_may_come_in_either_order_and_a_missing_part_is_named() {
    let world = World::new().await;
    let (app, sales) = (&world.app, &world.staff.sales);
    let path = world.documents_of_application();
    let file_first = Form::new()
        .part("file", Part::bytes(pdf()).file_name("a.pdf"))
        .text("document_type", "contract");
    let no_type = Form::new().part("file", Part::bytes(pdf()).file_name("a.pdf"));
    let bad_type = form("licence", "a.pdf", "application/pdf", pdf());

    let reversed = upload(app, sales, &path, file_first).await;
    let missing = upload(app, sales, &path, no_type).await;
    let unknown = upload(app, sales, &path, bad_type).await;
    let not_multipart = app
        .post(sales, &path, json!({"document_type": "other"}))
        .await;

    assert_eq!(reversed.expect(201).str("document_type"), "contract");
    assert_eq!(missing.status.as_u16(), 422);
    assert_eq!(missing.error_fields(), ["document_type"]);
    assert_eq!(unknown.status.as_u16(), 422);
    assert_eq!(unknown.error_fields(), ["document_type"]);
    assert_eq!(not_multipart.status.as_u16(), 415);
    assert_eq!(not_multipart.content_type, "application/problem+json");
}

#[tokio::test]
async fn a_renamed_executable_or_a_plain_zip_is_refused_and_nothing_is_stored() {
    let world = World::new().await;
    let (app, sales) = (&world.app, &world.staff.sales);
    let mut elf = b"\x7fELF\x02\x01\x01\x00".to_vec();
    elf.extend([0_u8; 120]);
    let archive = zip_of(&[("readme.txt", "not an office file")]);
    let path = world.documents_of_application();

    let executable = upload(
        app,
        sales,
        &path,
        form(
            "financial_statements",
            "statement.pdf",
            "application/pdf",
            elf,
        ),
    )
    .await;
    let zip = upload(app, sales, &path, form("other", "book.xlsx", XLSX, archive)).await;
    let list = app.get(sales, &path).await.expect(200);

    for reply in [&executable, &zip] {
        assert_eq!(reply.status.as_u16(), 415, "{}", reply.text);
        assert_eq!(reply.content_type, "application/problem+json");
        let detail = reply.str("detail");
        for accepted in ["PDF", "JPEG", "PNG", "XLSX", "DOCX", "application/pdf"] {
            assert!(detail.contains(accepted), "{detail}");
        }
    }
    assert_eq!(list.body["items"], json!([]));
    assert_eq!(stored_objects(app), 0);
    assert_eq!(temp_files(app), 0);
}

#[tokio::test]
async fn an_upload_over_the_limit_is_413_and_leaves_no_row_object_or_temp_file() {
    let settings = [("DOCUMENT_MAX_BYTES", "100000".to_owned())];
    let world = World::on(TestApp::spawn_with(settings.into()).await).await;
    let (app, sales) = (&world.app, &world.staff.sales);
    let mut big = b"%PDF-1.4\n%".to_vec();
    big.resize(150_000, b'x');
    let path = world.documents_of_application();

    let reply = upload(
        app,
        sales,
        &path,
        form("other", "big.pdf", "application/pdf", big),
    )
    .await;
    let list = app
        .get(sales, &format!("{path}?include_deleted=true"))
        .await
        .expect(200);

    assert_eq!(reply.status.as_u16(), 413, "{}", reply.text);
    assert_eq!(reply.content_type, "application/problem+json");
    assert!(reply.str("detail").contains("100000"), "{}", reply.text);
    assert_eq!(list.body["items"], json!([]));
    assert_eq!(stored_objects(app), 0);
    assert_eq!(temp_files(app), 0);
}

#[tokio::test]
async fn the_same_bytes_uploaded_to_two_applications_are_stored_once() {
    let world = World::new().await;
    let (app, sales) = (&world.app, &world.staff.sales);
    let second = app
        .submitted_application(sales, &world.customer, json!({}))
        .await;
    let bytes = pdf();

    let first = upload(
        app,
        sales,
        &world.documents_of_application(),
        form(
            "business_licence",
            "licence.pdf",
            "application/pdf",
            bytes.clone(),
        ),
    )
    .await
    .expect(201);
    let again = upload(
        app,
        sales,
        &format!("/api/v1/loan-applications/{second}/documents"),
        form(
            "business_licence",
            "copy.pdf",
            "application/pdf",
            bytes.clone(),
        ),
    )
    .await
    .expect(201);

    assert_ne!(first.str("id"), again.str("id"));
    assert_eq!(first.str("sha256"), sha256(&bytes));
    assert_eq!(again.str("sha256"), sha256(&bytes));
    let objects = files_under(&app.data_dir.join("files"));
    assert_eq!(objects.len(), 1, "{objects:?}");
    let expected_key = Path::new("sha256")
        .join(&sha256(&bytes)[..2])
        .join(sha256(&bytes));
    assert!(objects[0].ends_with(&expected_key), "{objects:?}");
    assert_eq!(
        std::fs::read(&objects[0]).unwrap_or_else(|e| panic!("{e}")),
        bytes
    );
}

#[tokio::test]
async fn documents_are_seen_only_within_the_readers_scope() {
    let world = World::new().await;
    let (app, staff) = (&world.app, &world.staff);
    let own = app
        .user("borrower", &["customer"], Some(&world.customer))
        .await;
    let other_customer = app
        .customer(&staff.sales, "91110000MA0000001L", "1000.00")
        .await;
    let foreign = app
        .user("stranger", &["customer"], Some(&other_customer))
        .await;
    let other_sales = app.user("sales2", &["sales"], None).await;
    let customer_docs = format!("/api/v1/customers/{}/documents", world.customer);
    let document = upload(
        app,
        &own,
        &customer_docs,
        form("id_document", "id.png", "image/png", png()),
    )
    .await
    .expect(201);
    let id = document.str("id");
    let metadata = format!("/api/v1/documents/{id}");

    let by_owner = app.get(&own, &metadata).await;
    let by_auditor = app.get(&staff.auditor, &metadata).await;
    let by_foreign = app.get(&foreign, &metadata).await;
    let by_other_sales = app.get(&other_sales, &metadata).await;
    let (foreign_download, _, _) = download(app, &foreign, &id).await;
    let (auditor_download, _, auditor_bytes) = download(app, &staff.auditor, &id).await;
    let foreign_list = app.get(&foreign, &customer_docs).await;
    let foreign_upload = upload(
        app,
        &foreign,
        &customer_docs,
        form("other", "x.pdf", "application/pdf", pdf()),
    )
    .await;
    let auditor_upload = upload(
        app,
        &staff.auditor,
        &customer_docs,
        form("other", "x.pdf", "application/pdf", pdf()),
    )
    .await;
    let auditor_delete = delete(app, &staff.auditor, &id, json!({"reason": "audit"})).await;
    let foreign_delete = delete(app, &foreign, &id, json!({"reason": "mine"})).await;

    assert_eq!(by_owner.status.as_u16(), 200);
    assert_eq!(by_auditor.status.as_u16(), 200);
    assert_eq!(auditor_download, 200);
    assert_eq!(auditor_bytes, png());
    assert_eq!(by_foreign.status.as_u16(), 404);
    assert_eq!(by_other_sales.status.as_u16(), 404);
    assert_eq!(foreign_download, 404);
    assert_eq!(foreign_list.status.as_u16(), 404);
    assert_eq!(foreign_upload.status.as_u16(), 404);
    assert_eq!(auditor_upload.status.as_u16(), 403);
    assert_eq!(auditor_delete.status.as_u16(), 403);
    assert_eq!(foreign_delete.status.as_u16(), 404);
}

#[tokio::test]
async fn a_deleted_document_is_hidden_from_the_list_but_kept_with_its_reason() {
    let world = World::new().await;
    let (app, staff) = (&world.app, &world.staff);
    let path = world.documents_of_application();
    let id = upload(
        app,
        &staff.sales,
        &path,
        form("business_plan", "plan.pdf", "application/pdf", pdf()),
    )
    .await
    .expect(201)
    .str("id");

    let no_reason = delete(app, &staff.sales, &id, json!({})).await;
    let blank_reason = delete(app, &staff.sales, &id, json!({"reason": "  "})).await;
    let deleted = delete(app, &staff.reviewer, &id, json!({"reason": "上传错了年份"})).await;
    let twice = delete(app, &staff.reviewer, &id, json!({"reason": "again"})).await;
    let visible = app.get(&staff.sales, &path).await.expect(200);
    let everything = app
        .get(&staff.auditor, &format!("{path}?include_deleted=true"))
        .await
        .expect(200);

    assert_eq!(no_reason.status.as_u16(), 422);
    assert_eq!(no_reason.error_fields(), ["reason"]);
    assert_eq!(blank_reason.status.as_u16(), 422);
    assert_eq!(blank_reason.error_fields(), ["reason"]);
    let deleted = deleted.expect(200);
    assert_eq!(deleted.str("deletion_reason"), "上传错了年份");
    assert!(deleted.body["deleted_at"].is_string());
    assert!(deleted.body["deleted_by"].is_string());
    assert_eq!(twice.status.as_u16(), 409);
    assert_eq!(visible.body["items"], json!([]));
    assert_eq!(everything.body["items"][0]["id"], json!(id));
    assert_eq!(
        everything.body["items"][0]["deletion_reason"],
        json!("上传错了年份")
    );
}

#[tokio::test]
async fn only_the_uploader_or_a_reviewer_may_delete_and_loan_documents_stay() {
    let world = World::new().await;
    let (app, staff) = (&world.app, &world.staff);
    let path = world.documents_of_application();
    let by_sales = upload(
        app,
        &staff.sales,
        &path,
        form("contract", "draft.pdf", "application/pdf", pdf()),
    )
    .await
    .expect(201)
    .str("id");
    let kept = upload(
        app,
        &staff.reviewer,
        &path,
        form("business_licence", "licence.png", "image/png", png()),
    )
    .await
    .expect(201)
    .str("id");

    let other_sales = app.user("sales2", &["sales"], None).await;
    let not_uploader = delete(app, &staff.cashier, &by_sales, json!({"reason": "x"})).await;
    let own = delete(
        app,
        &staff.sales,
        &by_sales,
        json!({"reason": "wrong file"}),
    )
    .await;
    let loan = world.disburse().await;
    let loan_document = upload(
        app,
        &staff.cashier,
        &format!("/api/v1/loans/{loan}/documents"),
        form("contract", "signed.pdf", "application/pdf", pdf()),
    )
    .await
    .expect(201)
    .str("id");
    let of_loan = delete(app, &staff.manager, &loan_document, json!({"reason": "x"})).await;
    let of_disbursed = delete(app, &staff.reviewer, &kept, json!({"reason": "x"})).await;
    let outside = app
        .get(&other_sales, &format!("/api/v1/loans/{loan}/documents"))
        .await;

    assert_eq!(not_uploader.status.as_u16(), 403);
    assert_eq!(own.status.as_u16(), 200, "{}", own.text);
    assert_eq!(of_loan.status.as_u16(), 409);
    assert_eq!(of_disbursed.status.as_u16(), 409);
    assert_eq!(outside.status.as_u16(), 404);
}

#[tokio::test]
async fn present_types_names_the_live_document_types_of_an_application() {
    let world = World::new().await;
    let (app, sales) = (&world.app, &world.staff.sales);
    let path = world.documents_of_application();
    for (kind, bytes) in [
        ("business_licence", pdf()),
        ("business_licence", png()),
        ("financial_statements", xlsx()),
    ] {
        upload(
            app,
            sales,
            &path,
            form(kind, "f", "application/octet-stream", bytes),
        )
        .await
        .expect(201);
    }
    let statements = app.get(sales, &path).await.expect(200).body["items"][2]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    delete(app, sales, &statements, json!({"reason": "outdated"}))
        .await
        .expect(200);
    let db = loanbook_persistence::connect(&app.database_url, 1)
        .await
        .unwrap_or_else(|e| panic!("db: {e}"));
    let application = world
        .application
        .parse()
        .unwrap_or_else(|e| panic!("id: {e}"));

    let present = loanbook_persistence::repo::documents::present_types(&db, application)
        .await
        .unwrap_or_else(|e| panic!("present types: {e}"));

    assert_eq!(present, ["business_licence"]);
}
