//! Authentication and authorisation: 401, 403, and 404 outside one's scope.

use loanbook_tests::{CREDIT_CODE, TestApp};
use serde_json::json;

#[tokio::test]
async fn a_missing_tampered_or_expired_token_is_unauthorized() {
    let app = TestApp::spawn_with([("ACCESS_TOKEN_SECONDS", "-60".to_owned())].into()).await;
    let expired = app.admin_token.clone();
    let mut tampered = expired.clone();
    tampered.pop();
    tampered.push('A');

    let missing = app
        .request(reqwest::Method::GET, "/api/v1/me", None, None)
        .await;
    let bad = app.get(&tampered, "/api/v1/me").await;
    let old = app.get(&expired, "/api/v1/me").await;

    assert_eq!(missing.status.as_u16(), 401);
    assert_eq!(bad.status.as_u16(), 401);
    assert_eq!(old.status.as_u16(), 401);
    assert_eq!(
        old.body["detail"],
        "the access token has expired; refresh it"
    );
}

#[tokio::test]
async fn a_refresh_token_works_once_and_logout_revokes_it() {
    let app = TestApp::spawn().await;
    let login = app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"username": "admin", "password": loanbook_tests::ADMIN_PASSWORD})),
        )
        .await
        .expect(200);
    let refresh = login.str("refresh_token");

    let first = app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": refresh})),
        )
        .await
        .expect(200);
    let reused = app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": refresh})),
        )
        .await;
    app.post(&first.str("access_token"), "/api/v1/auth/logout", json!({}))
        .await
        .expect(204);
    let after_logout = app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": first.str("refresh_token")})),
        )
        .await;

    assert_eq!(first.str("token_type"), "Bearer");
    assert_eq!(reused.status.as_u16(), 401);
    assert_eq!(after_logout.status.as_u16(), 401);
    let wrong = app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"username": "admin", "password": "nope"})),
        )
        .await;
    assert_eq!(wrong.status.as_u16(), 401);
    let body = json!({"username": "ADMIN", "password": "0123456789", "display_name": "x", "roles": ["auditor"]});
    let shadow = app
        .post(&first.str("access_token"), "/api/v1/users", body)
        .await;
    assert_eq!(
        shadow.status.as_u16(),
        409,
        "a differently cased name is the same user: {}",
        shadow.text
    );
}

#[tokio::test]
async fn roles_may_only_do_what_design_allows() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let id = app
        .submitted_application(&staff.sales, &customer, json!({}))
        .await;
    let approve = format!("/api/v1/loan-applications/{id}/approve");

    let sales_approves = app
        .post(&staff.sales, &approve, json!({"comment": "mine"}))
        .await;
    let auditor_approves = app
        .post(&staff.auditor, &approve, json!({"comment": "x"}))
        .await;
    let cashier_creates_user = app
        .post(&staff.cashier, "/api/v1/users", json!({"username": "x1x", "password": "0123456789", "display_name": "x", "roles": ["admin"]}))
        .await;
    let reviewer_report = app
        .get(&staff.reviewer, "/api/v1/reports/loan-detail")
        .await;
    let sales_report = app.get(&staff.sales, "/api/v1/reports/loan-detail").await;

    assert_eq!(sales_approves.status.as_u16(), 403);
    assert_eq!(auditor_approves.status.as_u16(), 403);
    assert_eq!(cashier_creates_user.status.as_u16(), 403);
    assert_eq!(reviewer_report.status.as_u16(), 200);
    assert_eq!(sales_report.status.as_u16(), 403);
}

#[tokio::test]
async fn a_customer_user_sees_its_own_records_and_gets_404_for_anothers() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let ours = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let theirs = app
        .customer(&staff.sales, "91110000MA0000001L", "500000.00")
        .await;
    let customer_user = app.user("borrower1", &["customer"], Some(&ours)).await;
    app.set_business_date("2026-01-10").await;
    let foreign_app = app
        .submitted_application(&staff.sales, &theirs, json!({}))
        .await;
    app.post(
        &staff.reviewer,
        &format!("/api/v1/loan-applications/{foreign_app}/approve"),
        json!({"comment": "ok"}),
    )
    .await
    .expect(200);
    let loan = app
        .post(
            &staff.cashier,
            &format!("/api/v1/loan-applications/{foreign_app}/disburse"),
            json!({"disbursement_date": "2026-01-10", "bank_reference": "b"}),
        )
        .await
        .expect(201)
        .str("id");

    let own_application = app
        .post(
            &customer_user,
            "/api/v1/loan-applications",
            json!({"customer_id": ours, "amount": "5000.00",
            "term_months": 6, "repayment_method": "interest_only", "annual_rate_percent": "0",
            "purpose": "p", "repayment_source": "r"}),
        )
        .await;
    let foreign_loan = app
        .get(&customer_user, &format!("/api/v1/loans/{loan}"))
        .await;
    let foreign_customer = app
        .get(&customer_user, &format!("/api/v1/customers/{theirs}"))
        .await;
    let foreign_application = app
        .get(
            &customer_user,
            &format!("/api/v1/loan-applications/{foreign_app}"),
        )
        .await;
    let loans = app.get(&customer_user, "/api/v1/loans").await.expect(200);

    assert_eq!(
        own_application.status.as_u16(),
        201,
        "{}",
        own_application.text
    );
    assert_eq!(foreign_loan.status.as_u16(), 404);
    assert_eq!(foreign_customer.status.as_u16(), 404);
    assert_eq!(foreign_application.status.as_u16(), 404);
    assert_eq!(loans.body["items"].as_array().map(Vec::len), Some(0));
}
