//! Inputs found by a hostile-input pass: each is refused cleanly and
//! changes nothing.

use loanbook_tests::{CREDIT_CODE, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

fn preview(principal: &str, date: &str) -> Value {
    json!({"principal": principal, "annual_rate_percent": "6.00", "term_months": 12,
        "repayment_method": "equal_installment", "disbursement_date": date})
}

#[tokio::test]
async fn only_plain_decimal_amounts_and_four_digit_dates_in_range_are_accepted() {
    let app = TestApp::spawn().await;
    let token = app.admin_token.clone();

    for amount in ["1e3", "1_000", "+100", ".5", "100.", " 100.00", "1.000"] {
        let reply = app
            .post(
                &token,
                "/api/v1/schedule-preview",
                preview(amount, "2026-01-15"),
            )
            .await;
        assert_eq!(reply.status.as_u16(), 422, "{amount:?}: {}", reply.text);
        assert_eq!(reply.error_fields(), vec!["principal"], "{amount:?}");
    }
    for date in [
        "0000-01-01",
        "+2026-01-15",
        "9999-12-31",
        "1989-12-31",
        "2026-1-5",
    ] {
        let reply = app
            .post(&token, "/api/v1/schedule-preview", preview("1000.00", date))
            .await;
        assert_eq!(reply.status.as_u16(), 422, "{date}: {}", reply.text);
        assert_eq!(reply.error_fields(), vec!["disbursement_date"], "{date}");
    }
    let business = app
        .request(
            Method::PUT,
            "/api/v1/admin/business-date",
            Some(&token),
            Some(json!({"business_date": "9999-12-31"})),
        )
        .await;
    assert_eq!(business.status.as_u16(), 422);
}

#[tokio::test]
async fn trailing_data_is_malformed_media_types_ignore_case_and_huge_bodies_are_413() {
    let app = TestApp::spawn().await;
    let url = format!("{}/api/v1/schedule-preview", app.address);
    let body = preview("1000.00", "2026-01-15").to_string();
    let send = |content_type: &str, text: String| {
        app.client
            .post(&url)
            .bearer_auth(&app.admin_token)
            .header("content-type", content_type)
            .body(text)
    };

    let trailing = TestApp::read(send("application/json", format!("{body} xyz"))).await;
    let upper = TestApp::read(send("APPLICATION/JSON; charset=utf-8", body.clone())).await;
    let lookalike = TestApp::read(send("application/jsonfoo", body.clone())).await;
    let huge = TestApp::read(send(
        "application/json",
        format!("{{\"x\": \"{}\"}}", "a".repeat(300_000)),
    ))
    .await;

    assert_eq!(trailing.status.as_u16(), 400, "{}", trailing.text);
    assert_eq!(upper.status.as_u16(), 200, "{}", upper.text);
    assert_eq!(lookalike.status.as_u16(), 415);
    assert_eq!(huge.status.as_u16(), 413, "{}", huge.text);
    assert_eq!(huge.content_type, "application/problem+json");
}

#[tokio::test]
async fn money_rules_hold_for_idempotency_closed_loans_and_later_approvals() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    app.set_business_date("2026-01-10").await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "1000000.00").await;
    let big = app
        .submitted_application(&staff.sales, &customer, json!({"amount": "200000.00"}))
        .await;
    let approve = format!("/api/v1/loan-applications/{big}/approve");
    app.post(&staff.reviewer, &approve, json!({"comment": "ok"}))
        .await
        .expect(200);
    let raised = app
        .post(
            &staff.manager,
            &approve,
            json!({"comment": "more", "amount": "300000.00"}),
        )
        .await;
    assert_eq!(raised.status.as_u16(), 422, "{}", raised.text);
    assert_eq!(raised.error_fields(), vec!["amount"]);

    let id = app
        .submitted_application(&staff.sales, &customer, json!({"amount": "1000.00"}))
        .await;
    app.post(
        &staff.reviewer,
        &format!("/api/v1/loan-applications/{id}/approve"),
        json!({"comment": "ok"}),
    )
    .await
    .expect(200);
    let loan = app
        .post(
            &staff.cashier,
            &format!("/api/v1/loan-applications/{id}/disburse"),
            json!({"disbursement_date": "2026-01-10", "bank_reference": "b"}),
        )
        .await
        .expect(201)
        .str("id");
    let url = format!("{}/api/v1/loans/{loan}/repayments", app.address);
    let pay = |amount: &str, on: &str| json!({"amount": amount, "paid_on": on, "method": "cash", "reference": "r"});
    let keyed = |body: Value| {
        app.client
            .post(&url)
            .bearer_auth(&staff.cashier)
            .header("Idempotency-Key", "same")
            .json(&body)
    };

    TestApp::read(keyed(pay("10.00", "2026-01-10")))
        .await
        .expect(201);
    let different = TestApp::read(keyed(pay("20.00", "2026-01-10"))).await;
    // Settling on the disbursement day: 990.00 principal left, no interest yet.
    app.post(&staff.cashier, &format!("/api/v1/loans/{loan}/repayments"),
        json!({"amount": "990.00", "paid_on": "2026-01-10", "method": "cash", "reference": "s", "prepayment": "settle"}))
        .await
        .expect(201);
    let after_close = app
        .post(
            &staff.cashier,
            &format!("/api/v1/loans/{loan}/repayments"),
            pay("1.00", "2026-01-10"),
        )
        .await;

    assert_eq!(different.status.as_u16(), 422, "{}", different.text);
    assert_eq!(different.error_fields(), vec!["Idempotency-Key"]);
    assert_eq!(after_close.status.as_u16(), 409, "{}", after_close.text);
    let loan_now = app
        .get(&staff.auditor, &format!("/api/v1/loans/{loan}"))
        .await
        .expect(200);
    assert_eq!(loan_now.str("status"), "closed");
}

#[tokio::test]
async fn people_and_names_are_checked() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let admin_id = app
        .get(&app.admin_token, "/api/v1/me")
        .await
        .expect(200)
        .str("id");
    let customer = json!({
        "name": "=HYPERLINK(\"http://x\",\"y\")", "credit_code": CREDIT_CODE, "contact_name": "c",
        "phone": "1", "email": "a@b.cn", "address": "x", "credit_limit": "1.00",
        "account_manager_id": admin_id,
    });

    let not_sales = app
        .post(&app.admin_token, "/api/v1/customers", customer.clone())
        .await;
    let mut control = customer.clone();
    control["account_manager_id"] = Value::Null;
    control["contact_name"] = json!("a\u{0000}b");
    let with_control = app
        .post(&app.admin_token, "/api/v1/customers", control)
        .await;
    let demote = app
        .request(
            Method::PATCH,
            &format!("/api/v1/users/{admin_id}"),
            Some(&app.admin_token),
            Some(json!({"roles": ["auditor"]})),
        )
        .await;

    assert_eq!(
        not_sales.error_fields(),
        vec!["account_manager_id"],
        "{}",
        not_sales.text
    );
    assert_eq!(
        with_control.error_fields(),
        vec!["contact_name"],
        "{}",
        with_control.text
    );
    assert_eq!(demote.status.as_u16(), 409, "{}", demote.text);
    let customers = app
        .get(&staff.auditor, "/api/v1/customers")
        .await
        .expect(200);
    assert_eq!(customers.body["items"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn a_stale_if_match_is_refused_with_412_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let read = app
        .get(&staff.sales, &format!("/api/v1/customers/{customer}"))
        .await
        .expect(200);
    let etag = read
        .headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let url = format!("{}/api/v1/customers/{customer}", app.address);
    let patch = |tag: &str, limit: &str| {
        app.client
            .patch(&url)
            .bearer_auth(&staff.sales)
            .header("If-Match", tag)
            .json(&json!({"credit_limit": limit}))
    };

    let fresh = TestApp::read(patch(&etag, "600000.00")).await;
    let stale = TestApp::read(patch(&etag, "700000.00")).await;
    let body = json!({"customer_id": customer, "amount": "1000.00", "term_months": 3,
        "repayment_method": "bullet", "annual_rate_percent": "5.00", "purpose": "p", "repayment_source": "r"});
    let draft = app
        .post(&staff.sales, "/api/v1/loan-applications", body)
        .await
        .expect(201);
    let submit_url = format!(
        "{}/api/v1/loan-applications/{}/submit",
        app.address,
        draft.str("id")
    );
    let stale_submit = TestApp::read(
        app.client
            .post(&submit_url)
            .bearer_auth(&staff.sales)
            .header("If-Match", "\"0-0\""),
    )
    .await;

    assert_eq!(fresh.status.as_u16(), 200, "{}", fresh.text);
    assert_eq!(stale.status.as_u16(), 412, "{}", stale.text);
    assert_eq!(stale_submit.status.as_u16(), 412, "{}", stale_submit.text);
    let now = app
        .get(&staff.sales, &format!("/api/v1/customers/{customer}"))
        .await
        .expect(200);
    assert_eq!(now.str("credit_limit"), "600000.00");
    let still = app
        .get(
            &staff.sales,
            &format!("/api/v1/loan-applications/{}", draft.str("id")),
        )
        .await
        .expect(200);
    assert_eq!(still.str("status"), "draft");
}

#[tokio::test]
async fn clearing_the_business_date_goes_back_to_today() {
    let app = TestApp::spawn().await;
    let today = app
        .get(&app.admin_token, "/api/v1/admin/business-date")
        .await
        .expect(200)
        .str("business_date");
    app.set_business_date("2030-01-31").await;

    let cleared = app
        .request(
            Method::DELETE,
            "/api/v1/admin/business-date",
            Some(&app.admin_token),
            None,
        )
        .await
        .expect(200);
    let reviewer = app.user("reviewer9", &["reviewer"], None).await;
    let refused = app
        .request(
            Method::DELETE,
            "/api/v1/admin/business-date",
            Some(&reviewer),
            None,
        )
        .await;

    assert_ne!(today, "2030-01-31");
    assert_eq!(cleared.str("business_date"), today);
    assert_eq!(refused.status.as_u16(), 403);
}
