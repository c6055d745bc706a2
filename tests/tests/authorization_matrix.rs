//! The authorisation matrix: every operation of the OpenAPI document, sent
//! as each default role, on a record of the caller's own customer and on
//! one of a foreign customer. [`MATRIX`] is the one table of the status each
//! cell must answer with. Every request is valid apart from who sends it,
//! so the status is the authorisation decision: the success status where
//! the role may act, 403 where it lacks the permission, 404 where the record
//! is outside a sales or customer user's scope.
//!
//! The table is also held against the document: every operation has a row
//! and every row an operation, every status a row expects is documented,
//! and each operation's "Roles: …" sentence names exactly the roles its
//! first row lets succeed on the caller's own customer.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU32, Ordering};

use loanbook_domain::CreditCode;
use loanbook_render::CjkFont;
use loanbook_tests::{ADMIN_PASSWORD, Reply, TestApp, USER_PASSWORD, sound_assessment};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

/// The default roles, in the order of a row's statuses.
const ROLES: [&str; 8] = [
    "admin",
    "sales",
    "customer",
    "reviewer",
    "manager",
    "cashier",
    "collector",
    "auditor",
];

/// The business date of the whole run; every value date is this day.
const DATE: &str = "2026-03-02";

/// What fills a row's path parameters. The `New…` targets give every cell
/// a record of its own, so that a state change in one cell cannot decide
/// the status of the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Nothing of a customer: the row runs once per role.
    Unscoped,
    /// A user other than the caller (`/users/{id}`); unscoped.
    User,
    /// The book's own loan product (`/loan-products/{id}`); unscoped.
    Product,
    /// The customer itself (or, without a path parameter, named in the body).
    Customer,
    /// The customer's submitted and assessed application, shared.
    Application,
    /// A new draft application.
    NewDraft,
    /// A new submitted and assessed application.
    NewSubmitted,
    /// A new approved application.
    NewApproved,
    /// The customer's loan, shared.
    Loan,
    /// The loan and a new repayment of it (`{repayment_id}`).
    NewRepayment,
    /// The customer's document, shared.
    Document,
    /// A new document of the customer, uploaded by the admin.
    NewDocumentByAdmin,
    /// A new document of the customer, uploaded by its account manager.
    NewDocumentBySales,
}

impl Target {
    /// Whether the row runs on the own and on the foreign customer.
    fn scoped(self) -> bool {
        !matches!(self, Target::Unscoped | Target::User | Target::Product)
    }
}

/// The request body a row sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Payload {
    /// No body.
    Nothing,
    /// The caller's own username and password.
    Login,
    /// A refresh token the caller has just been given.
    Refresh,
    /// A new user with a name of its own.
    NewUser,
    /// A new display name.
    UserChange,
    /// A new customer with a credit code of its own.
    NewCustomer,
    /// A new contact name.
    CustomerChange,
    /// A new application for the row's customer.
    NewApplication,
    /// A transition comment.
    Comment,
    /// An approval without changed terms.
    Approval,
    /// A sound credit assessment.
    Assessment,
    /// A disbursement on the business date.
    Disbursement,
    /// A repayment of 100.00 on the business date.
    Repayment,
    /// A reversal reason.
    Reversal,
    /// A multipart PDF upload.
    Upload,
    /// A deletion reason.
    DeletionReason,
    /// A new loan product with an id of its own.
    NewProduct,
    /// A new product description.
    ProductChange,
    /// A schedule to preview.
    Preview,
    /// The business date, unchanged.
    BusinessDate,
    /// The scorecard in force, unchanged.
    RiskRules,
}

/// One line of the matrix.
#[derive(Debug)]
struct Row {
    /// HTTP method.
    method: &'static str,
    /// The path as the OpenAPI document writes it.
    path: &'static str,
    /// What fills its parameters.
    target: Target,
    /// What it sends.
    payload: Payload,
    /// Statuses on the own customer's record (or the only ones of an
    /// unscoped row), in [`ROLES`] order.
    own: [u16; 8],
    /// Statuses on the foreign customer's record; `None` when unscoped.
    foreign: Option<[u16; 8]>,
}

/// A row; `(target, payload)` are paired to keep the table's lines short.
const fn row(
    method: &'static str,
    path: &'static str,
    (target, payload): (Target, Payload),
    own: [u16; 8],
    foreign: Option<[u16; 8]>,
) -> Row {
    Row {
        method,
        path,
        target,
        payload,
        own,
        foreign,
    }
}

use Payload as P;
use Target as T;

/// Every role may read it, on every customer they can see.
const READ: [u16; 8] = [200; 8];
/// A record of the foreign customer: sales and customer users do not see it.
const READ_FOREIGN: [u16; 8] = [200, 404, 404, 200, 200, 200, 200, 200];

/// The expected statuses. Columns: admin, sales, customer, reviewer,
/// manager, cashier, collector, auditor. Rows that change the book come
/// after the reads of what they change; clearing the business date is last.
#[rustfmt::skip]
const MATRIX: &[Row] = &[
    // Health and authentication.
    row("GET", "/health/live", (T::Unscoped, P::Nothing), READ, None),
    row("GET", "/health/ready", (T::Unscoped, P::Nothing), READ, None),
    row("POST", "/api/v1/auth/login", (T::Unscoped, P::Login), READ, None),
    row("POST", "/api/v1/auth/refresh", (T::Unscoped, P::Refresh), READ, None),
    row("POST", "/api/v1/auth/logout", (T::Unscoped, P::Nothing), [204; 8], None),
    row("GET", "/api/v1/me", (T::Unscoped, P::Nothing), READ, None),
    // Users.
    row("GET", "/api/v1/users", (T::Unscoped, P::Nothing),
        [200, 403, 403, 403, 403, 403, 403, 200], None),
    row("POST", "/api/v1/users", (T::Unscoped, P::NewUser),
        [201, 403, 403, 403, 403, 403, 403, 403], None),
    row("GET", "/api/v1/users/{id}", (T::User, P::Nothing),
        [200, 403, 403, 403, 403, 403, 403, 200], None),
    row("PATCH", "/api/v1/users/{id}", (T::User, P::UserChange),
        [200, 403, 403, 403, 403, 403, 403, 403], None),
    // Customers.
    row("GET", "/api/v1/customers", (T::Unscoped, P::Nothing), READ, None),
    row("POST", "/api/v1/customers", (T::Unscoped, P::NewCustomer),
        [201, 201, 403, 403, 403, 403, 403, 403], None),
    row("GET", "/api/v1/customers/{id}", (T::Customer, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("PATCH", "/api/v1/customers/{id}", (T::Customer, P::CustomerChange),
        [200, 200, 403, 403, 403, 403, 403, 403],
        Some([200, 404, 403, 403, 403, 403, 403, 403])),
    // Documents.
    row("GET", "/api/v1/customers/{id}/documents", (T::Customer, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("POST", "/api/v1/customers/{id}/documents", (T::Customer, P::Upload),
        [201, 201, 201, 201, 201, 403, 403, 403],
        Some([201, 404, 404, 201, 201, 403, 403, 403])),
    row("GET", "/api/v1/documents/{id}", (T::Document, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("GET", "/api/v1/documents/{id}/content", (T::Document, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("DELETE", "/api/v1/documents/{id}", (T::NewDocumentByAdmin, P::DeletionReason),
        [200, 403, 403, 200, 200, 403, 403, 403],
        Some([200, 404, 404, 200, 200, 403, 403, 403])),
    // The uploader may delete what it uploaded itself.
    row("DELETE", "/api/v1/documents/{id}", (T::NewDocumentBySales, P::DeletionReason),
        [200, 200, 403, 200, 200, 403, 403, 403],
        Some([200, 404, 404, 200, 200, 403, 403, 403])),
    // Applications. A sales or customer user naming a customer outside its
    // scope in the body is told that the customer does not exist (422).
    row("GET", "/api/v1/loan-applications", (T::Unscoped, P::Nothing), READ, None),
    row("POST", "/api/v1/loan-applications", (T::Customer, P::NewApplication),
        [403, 201, 201, 403, 403, 403, 403, 403],
        Some([403, 422, 422, 403, 403, 403, 403, 403])),
    row("GET", "/api/v1/loan-applications/{id}", (T::Application, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("GET", "/api/v1/loan-applications/{id}/documents", (T::Application, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("POST", "/api/v1/loan-applications/{id}/documents", (T::Application, P::Upload),
        [201, 201, 201, 201, 201, 403, 403, 403],
        Some([201, 404, 404, 201, 201, 403, 403, 403])),
    row("POST", "/api/v1/loan-applications/{id}/assessment", (T::Application, P::Assessment),
        [403, 403, 403, 201, 201, 403, 403, 403],
        Some([403, 403, 403, 201, 201, 403, 403, 403])),
    row("GET", "/api/v1/loan-applications/{id}/assessments", (T::Application, P::Nothing),
        [200, 200, 403, 200, 200, 200, 403, 200],
        Some([200, 404, 403, 200, 200, 200, 403, 200])),
    row("POST", "/api/v1/loan-applications/{id}/submit", (T::NewDraft, P::Nothing),
        [403, 200, 200, 403, 403, 403, 403, 403],
        Some([403, 404, 404, 403, 403, 403, 403, 403])),
    row("POST", "/api/v1/loan-applications/{id}/withdraw", (T::NewSubmitted, P::Comment),
        [403, 200, 200, 403, 403, 403, 403, 403],
        Some([403, 404, 404, 403, 403, 403, 403, 403])),
    row("POST", "/api/v1/loan-applications/{id}/return", (T::NewSubmitted, P::Comment),
        [403, 403, 403, 200, 200, 403, 403, 403],
        Some([403, 403, 403, 200, 200, 403, 403, 403])),
    row("POST", "/api/v1/loan-applications/{id}/reject", (T::NewSubmitted, P::Comment),
        [403, 403, 403, 200, 200, 403, 403, 403],
        Some([403, 403, 403, 200, 200, 403, 403, 403])),
    row("POST", "/api/v1/loan-applications/{id}/approve", (T::NewSubmitted, P::Approval),
        [403, 403, 403, 200, 200, 403, 403, 403],
        Some([403, 403, 403, 200, 200, 403, 403, 403])),
    row("POST", "/api/v1/loan-applications/{id}/cancel", (T::NewApproved, P::Comment),
        [403, 403, 403, 200, 200, 403, 403, 403],
        Some([403, 403, 403, 200, 200, 403, 403, 403])),
    row("POST", "/api/v1/loan-applications/{id}/disburse", (T::NewApproved, P::Disbursement),
        [403, 403, 403, 403, 403, 201, 403, 403],
        Some([403, 403, 403, 403, 403, 201, 403, 403])),
    // Loan products.
    row("GET", "/api/v1/loan-products", (T::Unscoped, P::Nothing), READ, None),
    row("POST", "/api/v1/loan-products", (T::Unscoped, P::NewProduct),
        [201, 403, 403, 403, 403, 403, 403, 403], None),
    row("GET", "/api/v1/loan-products/{id}", (T::Product, P::Nothing), READ, None),
    row("PATCH", "/api/v1/loan-products/{id}", (T::Product, P::ProductChange),
        [200, 403, 403, 403, 403, 403, 403, 403], None),
    // Loans, their documents and repayments.
    row("GET", "/api/v1/loans", (T::Unscoped, P::Nothing), READ, None),
    row("GET", "/api/v1/loans/{id}", (T::Loan, P::Nothing), READ, Some(READ_FOREIGN)),
    row("GET", "/api/v1/loans/{id}/note", (T::Loan, P::Nothing), READ, Some(READ_FOREIGN)),
    row("GET", "/api/v1/loans/{id}/note.pdf", (T::Loan, P::Nothing), READ, Some(READ_FOREIGN)),
    row("GET", "/api/v1/loans/{id}/note.html", (T::Loan, P::Nothing), READ, Some(READ_FOREIGN)),
    row("GET", "/api/v1/loans/{id}/schedule.pdf", (T::Loan, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("GET", "/api/v1/loans/{id}/schedule.html", (T::Loan, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("GET", "/api/v1/loans/{id}/payoff-quote", (T::Loan, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("GET", "/api/v1/loans/{id}/documents", (T::Loan, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("POST", "/api/v1/loans/{id}/documents", (T::Loan, P::Upload),
        [201, 201, 201, 201, 201, 201, 403, 403],
        Some([201, 404, 404, 201, 201, 201, 403, 403])),
    row("GET", "/api/v1/loans/{id}/repayments", (T::Loan, P::Nothing),
        READ, Some(READ_FOREIGN)),
    row("POST", "/api/v1/loans/{id}/repayments", (T::Loan, P::Repayment),
        [403, 403, 403, 403, 403, 201, 403, 403],
        Some([403, 403, 403, 403, 403, 201, 403, 403])),
    row("POST", "/api/v1/loans/{id}/repayments/{repayment_id}/reverse",
        (T::NewRepayment, P::Reversal),
        [403, 403, 403, 403, 403, 200, 403, 403],
        Some([403, 403, 403, 403, 403, 200, 403, 403])),
    // Reports, schedules and administration.
    row("GET", "/api/v1/reports/loan-detail", (T::Unscoped, P::Nothing),
        [200, 403, 403, 200, 200, 200, 403, 200], None),
    row("POST", "/api/v1/schedule-preview", (T::Unscoped, P::Preview), READ, None),
    row("GET", "/api/v1/admin/business-date", (T::Unscoped, P::Nothing), READ, None),
    row("PUT", "/api/v1/admin/business-date", (T::Unscoped, P::BusinessDate),
        [200, 403, 403, 403, 403, 403, 403, 403], None),
    row("GET", "/api/v1/admin/risk-rules", (T::Unscoped, P::Nothing),
        [200, 200, 403, 200, 200, 200, 403, 200], None),
    row("PUT", "/api/v1/admin/risk-rules", (T::Unscoped, P::RiskRules),
        [200, 403, 403, 403, 403, 403, 403, 403], None),
    row("DELETE", "/api/v1/admin/business-date", (T::Unscoped, P::Nothing),
        [200, 403, 403, 403, 403, 403, 403, 403], None),
];

/// A minimal PDF: content is recognised by its `%PDF-` magic bytes.
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

/// The records of one customer.
struct Side {
    /// The customer's id.
    customer: String,
    /// The token of its account manager.
    sales: String,
    /// Its submitted, assessed application.
    application: String,
    /// Its disbursed loan, with a repayment.
    loan: String,
    /// A document of the customer.
    document: String,
}

/// The book every cell runs against.
struct Book {
    app: TestApp,
    /// Login names, in [`ROLES`] order.
    usernames: [String; 8],
    /// Access tokens, in [`ROLES`] order.
    tokens: [String; 8],
    /// A reviewer who approves the applications the cells need approved.
    approver: String,
    /// The cashier's token, for fixtures.
    cashier: String,
    /// The user `/users/{id}` rows read and change.
    user_id: String,
    /// The product `/loan-products/{id}` rows read and change.
    product_id: String,
    /// The scorecard in force, sent back unchanged.
    risk_rules: Value,
    /// The customer managed by the sales user, with the customer user.
    own: Side,
    /// A customer managed by another sales user.
    foreign: Side,
    /// Makes names and credit codes unique.
    counter: AtomicU32,
}

/// A request body.
enum Sent {
    /// None.
    Nothing,
    /// A JSON document.
    Json(Value),
    /// A multipart upload.
    Multipart(Form),
}

/// A PDF business licence as a multipart upload.
fn upload_form() -> Form {
    let part = Part::bytes(PDF.to_vec())
        .file_name("营业执照.pdf")
        .mime_str("application/pdf")
        .unwrap_or_else(|e| panic!("mime: {e}"));
    Form::new()
        .text("document_type", "business_licence")
        .part("file", part)
}

impl Book {
    async fn new() -> Book {
        let app = TestApp::spawn().await;
        app.set_business_date(DATE).await;
        let sales = app.user("matrix-sales", &["sales"], None).await;
        let other_sales = app.user("matrix-sales-2", &["sales"], None).await;
        let own_customer = app.customer(&sales, &credit_code(1), "10000000.00").await;
        let foreign_customer = app
            .customer(&other_sales, &credit_code(2), "10000000.00")
            .await;
        let borrower = app
            .user("matrix-borrower", &["customer"], Some(&own_customer))
            .await;
        let mut usernames = vec!["admin".to_owned(), "matrix-sales".to_owned()];
        let mut tokens = vec![app.admin_token.clone(), sales.clone(), borrower];
        usernames.push("matrix-borrower".to_owned());
        for role in &ROLES[3..] {
            let name = format!("matrix-{role}");
            tokens.push(app.user(&name, &[role], None).await);
            usernames.push(name);
        }
        let approver = app.user("matrix-approver", &["reviewer"], None).await;
        let cashier = tokens[5].clone();
        let user_id = app
            .post(&app.admin_token, "/api/v1/users", new_user("matrix-target"))
            .await
            .expect(201)
            .str("id");
        let product = json!({"id": "matrix-product", "name": "矩阵产品"});
        let product_id = app
            .post(&app.admin_token, "/api/v1/loan-products", product)
            .await
            .expect(201)
            .str("id");
        let risk_rules = app
            .get(&app.admin_token, "/api/v1/admin/risk-rules")
            .await
            .expect(200)
            .body;
        let mut book = Book {
            usernames: to_array(usernames),
            tokens: to_array(tokens),
            approver,
            cashier,
            user_id,
            product_id,
            risk_rules,
            own: Side::empty(own_customer, sales),
            foreign: Side::empty(foreign_customer, other_sales),
            counter: AtomicU32::new(10),
            app,
        };
        book.own = book.fill(&book.own).await;
        book.foreign = book.fill(&book.foreign).await;
        book
    }

    /// Gives a customer an application, a loan with a repayment and a
    /// document.
    async fn fill(&self, side: &Side) -> Side {
        let application = self.submitted(side).await;
        let loan_application = self.approved(side).await;
        let path = format!("/api/v1/loan-applications/{loan_application}/disburse");
        let loan = self
            .app
            .post(&self.cashier, &path, disbursement())
            .await
            .expect(201)
            .str("id");
        let filled = Side {
            customer: side.customer.clone(),
            sales: side.sales.clone(),
            application,
            loan,
            document: String::new(),
        };
        self.repayment(&filled).await;
        let document = self.document(&side.sales, &side.customer).await;
        Side { document, ..filled }
    }

    fn next(&self) -> u32 {
        self.counter.fetch_add(1, Ordering::Relaxed)
    }

    async fn draft(&self, side: &Side) -> String {
        self.app
            .post(
                &side.sales,
                "/api/v1/loan-applications",
                new_application(side),
            )
            .await
            .expect(201)
            .str("id")
    }

    async fn submitted(&self, side: &Side) -> String {
        self.app
            .submitted_application(&side.sales, &side.customer, json!({}))
            .await
    }

    async fn approved(&self, side: &Side) -> String {
        let id = self.submitted(side).await;
        let path = format!("/api/v1/loan-applications/{id}/approve");
        self.app
            .post(&self.approver, &path, json!({"comment": "同意"}))
            .await
            .expect(200);
        id
    }

    async fn repayment(&self, side: &Side) -> String {
        let path = format!("/api/v1/loans/{}/repayments", side.loan);
        self.app
            .post(&self.cashier, &path, repayment())
            .await
            .expect(201)
            .str("id")
    }

    async fn document(&self, token: &str, customer: &str) -> String {
        let path = format!("/api/v1/customers/{customer}/documents");
        let builder = self
            .app
            .client
            .post(format!("{}{path}", self.app.address))
            .bearer_auth(token)
            .multipart(upload_form());
        TestApp::read(builder).await.expect(201).str("id")
    }

    /// The path of a cell, with any record it needs made for it.
    async fn path(&self, row: &Row, side: Option<&Side>) -> String {
        let side = || side.unwrap_or_else(|| panic!("{} {} needs a side", row.method, row.path));
        let (id, repayment_id) = match row.target {
            Target::Unscoped => (String::new(), String::new()),
            Target::User => (self.user_id.clone(), String::new()),
            Target::Product => (self.product_id.clone(), String::new()),
            Target::Customer => (side().customer.clone(), String::new()),
            Target::Application => (side().application.clone(), String::new()),
            Target::NewDraft => (self.draft(side()).await, String::new()),
            Target::NewSubmitted => (self.submitted(side()).await, String::new()),
            Target::NewApproved => (self.approved(side()).await, String::new()),
            Target::Loan => (side().loan.clone(), String::new()),
            Target::NewRepayment => (side().loan.clone(), self.repayment(side()).await),
            Target::Document => (side().document.clone(), String::new()),
            Target::NewDocumentByAdmin => {
                let token = &self.app.admin_token;
                (self.document(token, &side().customer).await, String::new())
            }
            Target::NewDocumentBySales => {
                let side = side();
                (
                    self.document(&side.sales, &side.customer).await,
                    String::new(),
                )
            }
        };
        row.path
            .replace("{id}", &id)
            .replace("{repayment_id}", &repayment_id)
    }

    /// The body a cell sends.
    async fn body(&self, payload: Payload, role: usize, side: Option<&Side>) -> Sent {
        let n = self.next();
        let value = match payload {
            Payload::Nothing => return Sent::Nothing,
            Payload::Upload => return Sent::Multipart(upload_form()),
            Payload::Login => json!({"username": self.usernames[role], "password": password(role)}),
            Payload::Refresh => json!({"refresh_token": self.refresh_token(role).await}),
            Payload::NewUser => new_user(&format!("matrix-new-{n}")),
            Payload::UserChange => json!({"display_name": format!("改名 {n}")}),
            Payload::NewCustomer => json!({
                "name": format!("矩阵客户 {n}"), "credit_code": credit_code(n),
                "contact_name": "林晓", "phone": "13800000000", "email": "m@example.com",
                "address": "福州市鼓楼区", "credit_limit": "100000.00",
            }),
            Payload::CustomerChange => json!({"contact_name": format!("联系人 {n}")}),
            Payload::NewApplication => {
                new_application(side.unwrap_or_else(|| panic!("an application needs a side")))
            }
            Payload::Comment => json!({"comment": "矩阵"}),
            Payload::Approval => json!({"comment": "同意"}),
            Payload::Assessment => sound_assessment(),
            Payload::Disbursement => disbursement(),
            Payload::Repayment => repayment(),
            Payload::Reversal => json!({"reason": "银行退回"}),
            Payload::DeletionReason => json!({"reason": "上传错误"}),
            Payload::NewProduct => json!({"id": format!("matrix-{n}"), "name": "矩阵"}),
            Payload::ProductChange => json!({"description": format!("说明 {n}")}),
            Payload::Preview => json!({
                "principal": "100000.00", "annual_rate_percent": "6.00", "term_months": 12,
                "repayment_method": "equal_installment", "disbursement_date": DATE,
            }),
            Payload::BusinessDate => json!({"business_date": DATE}),
            Payload::RiskRules => self.risk_rules.clone(),
        };
        Sent::Json(value)
    }

    async fn refresh_token(&self, role: usize) -> String {
        let body = json!({"username": self.usernames[role], "password": password(role)});
        let reply = self
            .app
            .request(Method::POST, "/api/v1/auth/login", None, Some(body))
            .await
            .expect(200);
        reply.str("refresh_token")
    }

    /// Sends one cell's request and returns the reply.
    async fn run(&self, row: &Row, role: usize, side: Option<&Side>) -> Reply {
        let path = self.path(row, side).await;
        let sent = self.body(row.payload, role, side).await;
        let method = Method::from_bytes(row.method.as_bytes())
            .unwrap_or_else(|e| panic!("method {}: {e}", row.method));
        let builder = self
            .app
            .client
            .request(method, format!("{}{path}", self.app.address))
            .bearer_auth(&self.tokens[role]);
        let builder = match sent {
            Sent::Nothing => builder,
            Sent::Json(value) => builder.json(&value),
            Sent::Multipart(form) => builder.multipart(form),
        };
        TestApp::read(builder).await
    }
}

impl Side {
    fn empty(customer: String, sales: String) -> Side {
        Side {
            customer,
            sales,
            application: String::new(),
            loan: String::new(),
            document: String::new(),
        }
    }
}

fn to_array(items: Vec<String>) -> [String; 8] {
    items
        .try_into()
        .unwrap_or_else(|v: Vec<String>| panic!("{} users, not 8", v.len()))
}

fn password(role: usize) -> &'static str {
    if role == 0 {
        ADMIN_PASSWORD
    } else {
        USER_PASSWORD
    }
}

/// A valid unified social credit code numbered `n`.
fn credit_code(n: u32) -> String {
    CreditCode::with_check_character(&format!("91350100MA{n:07}"))
        .unwrap_or_else(|e| panic!("credit code {n}: {e}"))
        .as_str()
        .to_owned()
}

fn new_user(username: &str) -> Value {
    json!({"username": username, "password": USER_PASSWORD,
        "display_name": username, "roles": ["collector"]})
}

fn new_application(side: &Side) -> Value {
    json!({
        "customer_id": side.customer, "purpose": "采购原材料", "repayment_source": "销售回款",
        "amount": "10000.00", "term_months": 12, "repayment_method": "equal_installment",
        "annual_rate_percent": "6.00",
    })
}

fn disbursement() -> Value {
    json!({"disbursement_date": DATE, "bank_reference": "MATRIX"})
}

fn repayment() -> Value {
    json!({"amount": "100.00", "paid_on": DATE, "method": "bank_transfer", "reference": "M"})
}

/// The status a cell must answer with: a PDF operation answers 503
/// instead of its success on a machine without a CJK font.
fn expected(row: &Row, status: u16, font: bool) -> u16 {
    if !font && row.path.ends_with(".pdf") && status == 200 {
        return 503;
    }
    status
}

#[tokio::test]
async fn every_role_gets_the_status_of_the_matrix_on_every_operation() {
    let book = Book::new().await;
    // The harness starts the server without LOANBOOK_PDF_FONT, so it looks
    // where this does.
    let font = CjkFont::discover(None).is_ok();
    let mut cells = 0;
    let mut wrong = Vec::new();

    for row in MATRIX {
        let runs: Vec<(&str, &[u16; 8], Option<&Side>)> = match &row.foreign {
            Some(foreign) => vec![
                ("own", &row.own, Some(&book.own)),
                ("foreign", foreign, Some(&book.foreign)),
            ],
            None => vec![("unscoped", &row.own, None)],
        };
        for (side_name, statuses, side) in runs {
            for (role, &status) in statuses.iter().enumerate() {
                let want = expected(row, status, font);
                let reply = book.run(row, role, side).await;
                cells += 1;
                if reply.status.as_u16() != want {
                    wrong.push(format!(
                        "{} {} as {} ({side_name}): expected {want}, got {}: {}",
                        row.method,
                        row.path,
                        ROLES[role],
                        reply.status.as_u16(),
                        reply.text.chars().take(300).collect::<String>()
                    ));
                }
            }
        }
    }

    assert!(
        wrong.is_empty(),
        "{} of {cells} cells differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert_eq!(cells, 728);
}

/// The roles an operation's "Roles: …" sentence names; `None` without one.
fn named_roles(description: &str) -> Option<BTreeSet<&'static str>> {
    let (_, rest) = description.split_once("Roles: ")?;
    let sentence = rest
        .split(". ")
        .next()
        .unwrap_or(rest)
        .trim_end_matches('.');
    let everyone = ["every role", "any authenticated user", "anyone"];
    if everyone.iter().any(|start| sentence.starts_with(start)) {
        return Some(ROLES.into_iter().collect());
    }
    let words: BTreeSet<&str> = sentence.split(|c: char| !c.is_ascii_alphabetic()).collect();
    Some(
        ROLES
            .into_iter()
            .filter(|role| words.contains(role))
            .collect(),
    )
}

/// The roles a row lets succeed on the caller's own customer.
fn succeeding(row: &Row) -> BTreeSet<&'static str> {
    let roles = ROLES.iter().zip(row.own);
    roles
        .filter(|(_, status)| (200..300).contains(status))
        .map(|(role, _)| *role)
        .collect()
}

#[tokio::test]
async fn the_matrix_covers_the_document_and_agrees_with_its_roles_and_statuses() {
    let app = TestApp::spawn().await;
    let document = app
        .request(Method::GET, "/api-docs/openapi.json", None, None)
        .await
        .expect(200)
        .body;
    let mut operations = BTreeMap::new();
    for (path, item) in document["paths"].as_object().cloned().unwrap_or_default() {
        for (method, operation) in item.as_object().cloned().unwrap_or_default() {
            operations.insert((method.to_ascii_uppercase(), path.clone()), operation);
        }
    }
    let mut problems = Vec::new();

    let mut seen = BTreeSet::new();
    for row in MATRIX {
        if row.foreign.is_some() != row.target.scoped() {
            problems.push(format!(
                "{} {}: a row on a customer's record has foreign statuses, an unscoped one none",
                row.method, row.path
            ));
        }
        let key = (row.method.to_owned(), row.path.to_owned());
        let Some(operation) = operations.get(&key) else {
            problems.push(format!(
                "{} {} is not in the document",
                row.method, row.path
            ));
            continue;
        };
        let statuses = row.own.iter().chain(row.foreign.iter().flatten());
        for status in statuses.collect::<BTreeSet<_>>() {
            if operation["responses"].get(status.to_string()).is_none() {
                problems.push(format!(
                    "{} {} does not document {status}",
                    row.method, row.path
                ));
            }
        }
        if !seen.insert(key) {
            continue;
        }
        let description = operation["description"].as_str().unwrap_or_default();
        let public = operation["security"] == json!([{}]);
        match named_roles(description) {
            Some(named) if named != succeeding(row) => problems.push(format!(
                "{} {}: the description names {named:?}, the matrix lets {:?} succeed",
                row.method,
                row.path,
                succeeding(row)
            )),
            Some(_) => {}
            None if public && succeeding(row).len() == ROLES.len() => {}
            None => problems.push(format!("{} {} names no roles", row.method, row.path)),
        }
    }
    for (method, path) in operations.keys() {
        if !seen.contains(&(method.clone(), path.clone())) {
            problems.push(format!("{method} {path} has no row in the matrix"));
        }
    }

    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(seen.len(), operations.len());
}
