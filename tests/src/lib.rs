//! The black-box test harness: each test gets a fresh database, a real
//! server on a free port and typed helpers per role.
//!
//! The backend is SQLite unless `LOANBOOK_TEST_BACKEND=postgres`, in which
//! case each test gets its own new database on the server named by
//! `LOANBOOK_TEST_POSTGRES_ADMIN_URL` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`).

use std::collections::HashMap;
use std::path::PathBuf;

use loanbook_api::{Application, Config};
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use uuid::Uuid;

/// The admin password every test server starts with.
pub const ADMIN_PASSWORD: &str = "admin-password-1";

/// The password of every user the helpers create.
pub const USER_PASSWORD: &str = "user-password-1";

/// The default PostgreSQL admin URL for tests.
pub const DEFAULT_PG_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// Which database the suite runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a temporary directory.
    Sqlite,
    /// A fresh PostgreSQL database.
    Postgres,
}

/// The backend chosen by `LOANBOOK_TEST_BACKEND`.
pub fn backend() -> Backend {
    match std::env::var("LOANBOOK_TEST_BACKEND").as_deref() {
        Ok("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

/// The PostgreSQL admin URL for creating test databases.
pub fn pg_admin_url() -> String {
    std::env::var("LOANBOOK_TEST_POSTGRES_ADMIN_URL")
        .unwrap_or_else(|_| DEFAULT_PG_ADMIN_URL.into())
}

/// Creates a fresh PostgreSQL database and returns its URL, or `None` with
/// a message when no server answers (an error when PostgreSQL is required).
pub async fn fresh_postgres_database() -> Option<String> {
    let admin_url = pg_admin_url();
    let admin = match Database::connect(&admin_url).await {
        Ok(db) => db,
        Err(error) => {
            let required = std::env::var("LOANBOOK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
            assert!(
                !required,
                "PostgreSQL is required (LOANBOOK_REQUIRE_POSTGRES=1) but {admin_url} failed: {error}"
            );
            eprintln!(
                "SKIPPED: no PostgreSQL at {admin_url} ({error}); PostgreSQL tests did not run"
            );
            return None;
        }
    };
    let name = format!("lb_test_{}", Uuid::now_v7().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(base, _)| base);
    Some(format!("{base}/{name}"))
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("loanbook-test-{}", Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("temp dir: {e}"));
    dir
}

/// A running server and a client for it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    /// The HTTP client.
    pub client: reqwest::Client,
    /// The database URL the server uses.
    pub database_url: String,
    /// The server's data directory (`LOANBOOK_DATA_DIR`): stored files are
    /// under `files/`, uploads in progress under `tmp/`.
    pub data_dir: PathBuf,
    /// The admin's access token.
    pub admin_token: String,
    /// A reviewer who assesses applications for tests, created on first use.
    assessor: tokio::sync::OnceCell<String>,
}

/// A response: status and JSON body (Null when the body is not JSON).
#[derive(Debug)]
pub struct Reply {
    /// Status code.
    pub status: StatusCode,
    /// Content type.
    pub content_type: String,
    /// Parsed body.
    pub body: Value,
    /// Raw body.
    pub text: String,
    /// Headers.
    pub headers: reqwest::header::HeaderMap,
}

impl Reply {
    /// The body's field as a string, panicking with context when absent.
    pub fn str(&self, key: &str) -> String {
        self.body[key]
            .as_str()
            .unwrap_or_else(|| panic!("no {key} in {}", self.text))
            .to_owned()
    }

    /// Asserts the status, showing the body when it differs.
    pub fn expect(self, status: u16) -> Reply {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {}",
            self.text
        );
        self
    }

    /// The field names of a validation problem.
    pub fn error_fields(&self) -> Vec<String> {
        let errors = self.body["errors"].as_array().cloned().unwrap_or_default();
        errors
            .iter()
            .filter_map(|e| e["field"].as_str().map(str::to_owned))
            .collect()
    }
}

impl TestApp {
    /// Starts a server with default settings on the chosen backend.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(HashMap::new()).await
    }

    /// Starts a server with extra `LOANBOOK_*` settings.
    pub async fn spawn_with(extra: HashMap<&str, String>) -> TestApp {
        let dir = temp_dir();
        let database_url = match backend() {
            Backend::Sqlite => format!("sqlite://{}?mode=rwc", dir.join("test.db").display()),
            Backend::Postgres => fresh_postgres_database().await.unwrap_or_else(|| {
                panic!("LOANBOOK_TEST_BACKEND=postgres but PostgreSQL is unavailable")
            }),
        };
        let mut vars: HashMap<String, String> = HashMap::from([
            ("LOANBOOK_BIND".into(), "127.0.0.1:0".into()),
            ("LOANBOOK_DATA_DIR".into(), dir.display().to_string()),
            ("LOANBOOK_DATABASE_URL".into(), database_url.clone()),
            ("LOANBOOK_ADMIN_PASSWORD".into(), ADMIN_PASSWORD.into()),
            ("LOANBOOK_DATABASE_MAX_CONNECTIONS".into(), "4".into()),
        ]);
        for (key, value) in extra {
            vars.insert(format!("LOANBOOK_{key}"), value);
        }
        let config = Config::from_lookup(|name| vars.get(name).cloned())
            .unwrap_or_else(|e| panic!("config: {e}"));
        let app = Application::build(&config)
            .await
            .unwrap_or_else(|e| panic!("start: {e:#}"));
        let address = format!("http://127.0.0.1:{}", app.port());
        tokio::spawn(app.run());
        let client = reqwest::Client::new();
        let mut test = TestApp {
            address,
            client,
            database_url,
            data_dir: dir,
            admin_token: String::new(),
            assessor: tokio::sync::OnceCell::new(),
        };
        test.admin_token = test.login("admin", ADMIN_PASSWORD).await;
        test
    }

    /// Logs in and returns the access token.
    pub async fn login(&self, username: &str, password: &str) -> String {
        let reply = self
            .request(
                Method::POST,
                "/api/v1/auth/login",
                None,
                Some(json!({"username": username, "password": password})),
            )
            .await
            .expect(200);
        reply.str("access_token")
    }

    /// Sends a request with an optional bearer token and JSON body.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Reply {
        let mut builder = self
            .client
            .request(method, format!("{}{path}", self.address));
        if let Some(token) = token {
            builder = builder.bearer_auth(token);
        }
        if let Some(body) = body {
            builder = builder.json(&body);
        }
        Self::read(builder).await
    }

    /// Sends a prepared request and reads the reply.
    pub async fn read(builder: reqwest::RequestBuilder) -> Reply {
        let response = builder
            .send()
            .await
            .unwrap_or_else(|e| panic!("request failed: {e}"));
        let status = response.status();
        let headers = response.headers().clone();
        let content_type = headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let text = response.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            content_type,
            body,
            text,
            headers,
        }
    }

    /// GET as a token holder.
    pub async fn get(&self, token: &str, path: &str) -> Reply {
        self.request(Method::GET, path, Some(token), None).await
    }

    /// POST JSON as a token holder.
    pub async fn post(&self, token: &str, path: &str, body: Value) -> Reply {
        self.request(Method::POST, path, Some(token), Some(body))
            .await
    }

    /// Creates a user with these roles (and customer) and returns its token.
    pub async fn user(&self, username: &str, roles: &[&str], customer_id: Option<&str>) -> String {
        let mut body = json!({
            "username": username, "password": USER_PASSWORD,
            "display_name": username, "roles": roles,
        });
        if let Some(customer) = customer_id {
            body["customer_id"] = json!(customer);
        }
        self.post(&self.admin_token, "/api/v1/users", body)
            .await
            .expect(201);
        self.login(username, USER_PASSWORD).await
    }

    /// Sets the business date.
    pub async fn set_business_date(&self, date: &str) {
        self.request(
            Method::PUT,
            "/api/v1/admin/business-date",
            Some(&self.admin_token),
            Some(json!({"business_date": date})),
        )
        .await
        .expect(200);
    }
}

/// Figures of a sound borrower: debt ratio 35.00 %, margin 12.00 %, 8 years,
/// rated good.
pub fn sound_assessment() -> Value {
    json!({
        "revenue": "5000000.00", "net_profit": "600000.00",
        "total_assets": "8000000.00", "total_liabilities": "2800000.00",
        "years_in_business": 8,
        "credit_check": {"source": "中国人民银行征信中心", "checked_on": "2020-01-01",
            "rating": "good", "notes": "无不良记录"},
        "opinion": "经营稳定，现金流可覆盖还款",
    })
}

/// A valid unified social credit code (the published example).
pub const CREDIT_CODE: &str = "91350100M000100Y43";

/// The staff of a lender, each with a token.
pub struct Staff {
    /// Sales.
    pub sales: String,
    /// First reviewer.
    pub reviewer: String,
    /// Second reviewer.
    pub reviewer2: String,
    /// Manager.
    pub manager: String,
    /// Cashier.
    pub cashier: String,
    /// Auditor.
    pub auditor: String,
}

impl TestApp {
    /// Creates one user per staff role.
    pub async fn staff(&self) -> Staff {
        Staff {
            sales: self.user("sales1", &["sales"], None).await,
            reviewer: self.user("reviewer1", &["reviewer"], None).await,
            reviewer2: self.user("reviewer2", &["reviewer"], None).await,
            manager: self.user("manager1", &["manager"], None).await,
            cashier: self.user("cashier1", &["cashier"], None).await,
            auditor: self.user("auditor1", &["auditor"], None).await,
        }
    }

    /// Creates a customer as `token` and returns its id.
    pub async fn customer(&self, token: &str, credit_code: &str, credit_limit: &str) -> String {
        let body = json!({
            "name": "福州闽江贸易有限公司", "credit_code": credit_code, "contact_name": "林晓",
            "phone": "13800000000", "email": "finance@example.com",
            "address": "福州市鼓楼区五一北路 1 号", "credit_limit": credit_limit,
        });
        self.post(token, "/api/v1/customers", body)
            .await
            .expect(201)
            .str("id")
    }

    /// Creates, submits and assesses an application, returning its id. The
    /// assessment comes from a reviewer of its own, so it never stands in
    /// the way of the approvals a test gives.
    pub async fn submitted_application(
        &self,
        token: &str,
        customer_id: &str,
        terms: Value,
    ) -> String {
        let id = self.unassessed_application(token, customer_id, terms).await;
        self.assess(&id).await;
        id
    }

    /// Records a sound assessment of an application (grade A on an empty
    /// history) as the test assessor.
    pub async fn assess(&self, application_id: &str) -> Reply {
        let token = self
            .assessor
            .get_or_init(|| self.user("assessor", &["reviewer"], None))
            .await;
        let path = format!("/api/v1/loan-applications/{application_id}/assessment");
        self.post(token, &path, sound_assessment())
            .await
            .expect(201)
    }

    /// Creates and submits an application without assessing it.
    pub async fn unassessed_application(
        &self,
        token: &str,
        customer_id: &str,
        terms: Value,
    ) -> String {
        let mut body = json!({
            "customer_id": customer_id, "purpose": "采购原材料", "repayment_source": "销售回款",
            "amount": "10000.00", "term_months": 12, "repayment_method": "equal_installment",
            "annual_rate_percent": "6.00",
        });
        for (key, value) in terms.as_object().cloned().unwrap_or_default() {
            body[key] = value;
        }
        let id = self
            .post(token, "/api/v1/loan-applications", body)
            .await
            .expect(201)
            .str("id");
        self.post(
            token,
            &format!("/api/v1/loan-applications/{id}/submit"),
            json!({}),
        )
        .await
        .expect(200);
        id
    }
}
