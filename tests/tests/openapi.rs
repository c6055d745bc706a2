//! The committed OpenAPI document is the one the server serves.

use loanbook_tests::TestApp;

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
