//! The committed OpenAPI document is the one the server serves, and it
//! documents every status the request extractors answer with.

use loanbook_tests::TestApp;
use serde_json::Value;

#[tokio::test]
async fn the_served_openapi_document_matches_the_committed_one() {
    let app = TestApp::spawn().await;
    let committed = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/openapi.json"
    ))
    .unwrap_or_default();

    let served = app
        .request(reqwest::Method::GET, "/api-docs/openapi.json", None, None)
        .await
        .expect(200);
    let committed: serde_json::Value = serde_json::from_str(&committed).unwrap_or_default();

    assert_eq!(
        served.body, committed,
        "openapi/openapi.json is stale: run `cargo run -p loanbook-api -- openapi > openapi/openapi.json`"
    );
    let swagger = app
        .request(reqwest::Method::GET, "/swagger-ui/", None, None)
        .await;
    assert_eq!(swagger.status.as_u16(), 200);
    assert!(served.body["components"]["securitySchemes"]["bearer"].is_object());
}

/// Every operation of the served document as (method, path, operation).
async fn operations(app: &TestApp) -> Vec<(String, String, Value)> {
    let document = app
        .request(reqwest::Method::GET, "/api-docs/openapi.json", None, None)
        .await
        .expect(200)
        .body;
    let paths = document["paths"].as_object().cloned().unwrap_or_default();
    let mut all = Vec::new();
    for (path, item) in paths {
        for (method, operation) in item.as_object().cloned().unwrap_or_default() {
            all.push((method.to_ascii_uppercase(), path.clone(), operation));
        }
    }
    all
}

/// The path with each parameter filled: `uuid` ones with `uuid`, the
/// others with `default` (the default loan product's id).
fn filled(path: &str, operation: &Value, uuid: &str) -> String {
    let parameters = operation["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let mut path = path.to_owned();
    for parameter in parameters.iter().filter(|p| p["in"] == "path") {
        let name = parameter["name"].as_str().unwrap_or_default();
        let value = if parameter["schema"]["format"] == "uuid" {
            uuid
        } else {
            "default"
        };
        path = path.replace(&format!("{{{name}}}"), value);
    }
    path
}

/// Sends `body` with `content_type` as the admin and returns the status.
async fn send(app: &TestApp, method: &str, path: &str, body: Option<(&str, &str)>) -> u16 {
    let method = reqwest::Method::from_bytes(method.as_bytes())
        .unwrap_or_else(|e| panic!("method {method}: {e}"));
    let mut builder = app
        .client
        .request(method, format!("{}{path}", app.address))
        .bearer_auth(&app.admin_token);
    if let Some((content_type, text)) = body {
        builder = builder
            .header("Content-Type", content_type)
            .body(text.to_owned());
    }
    TestApp::read(builder).await.status.as_u16()
}

/// A record id of the right shape that names nothing.
const UNKNOWN_ID: &str = "01a2402d-0000-7000-8000-000000000000";

#[tokio::test]
async fn every_status_the_extractors_answer_with_is_documented() {
    let app = TestApp::spawn().await;
    let mut wrong = Vec::new();

    for (method, path, operation) in operations(&app).await {
        let content = &operation["requestBody"]["content"];
        let json_body = content.get("application/json").is_some();
        let parameters = operation["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let uuid_in_path = parameters
            .iter()
            .any(|p| p["in"] == "path" && p["schema"]["format"] == "uuid");
        let valid = filled(&path, &operation, UNKNOWN_ID);
        // (what is sent, the status it must get)
        let mut cases = Vec::new();
        if json_body {
            let not_json = send(&app, &method, &valid, Some(("text/plain", "{}"))).await;
            cases.push(("a text/plain body", 415, not_json));
            let broken = send(&app, &method, &valid, Some(("application/json", "{"))).await;
            cases.push(("broken JSON", 400, broken));
        }
        if uuid_in_path {
            let invalid = filled(&path, &operation, "null,null");
            let body = json_body.then_some(("application/json", "{}"));
            cases.push((
                "an id that is no UUID",
                400,
                send(&app, &method, &invalid, body).await,
            ));
        }

        for (sent, expected, status) in cases {
            let documented = operation["responses"].get(status.to_string()).is_some();
            if status != expected || !documented {
                wrong.push(format!(
                    "{method} {path} with {sent}: {status} (expected {expected}, documented: {documented})"
                ));
            }
        }
    }

    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[tokio::test]
async fn a_stale_if_match_is_a_documented_412() {
    let app = TestApp::spawn().await;
    let sales = app.user("sales1", &["sales"], None).await;
    let customer = app
        .customer(&sales, loanbook_tests::CREDIT_CODE, "500000.00")
        .await;
    let body = serde_json::json!({
        "customer_id": customer, "purpose": "采购原材料", "repayment_source": "销售回款",
        "amount": "10000.00", "term_months": 12, "repayment_method": "equal_installment",
        "annual_rate_percent": "6.00",
    });
    let draft = app
        .post(&sales, "/api/v1/loan-applications", body)
        .await
        .expect(201)
        .str("id");

    let submit = app
        .client
        .post(format!(
            "{}/api/v1/loan-applications/{draft}/submit",
            app.address
        ))
        .bearer_auth(&sales)
        .header("If-Match", "\"stale\"");
    let stale = TestApp::read(submit).await;

    assert_eq!(stale.status.as_u16(), 412, "{}", stale.text);
    let mut undocumented = Vec::new();
    for (method, path, operation) in operations(&app).await {
        let parameters = operation["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let takes_if_match = parameters.iter().any(|p| p["name"] == "If-Match");
        if takes_if_match && operation["responses"].get("412").is_none() {
            undocumented.push(format!("{method} {path}"));
        }
    }
    assert_eq!(undocumented, Vec::<String>::new());
}
