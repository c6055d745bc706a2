//! Bad input gets a problem document naming the field, and changes nothing.

use loanbook_tests::{CREDIT_CODE, TestApp};
use reqwest::Method;
use serde_json::{Value, json};

fn application(customer: &str, overrides: Value) -> Value {
    let mut body = json!({
        "customer_id": customer, "amount": "10000.00", "term_months": 12,
        "repayment_method": "equal_installment", "annual_rate_percent": "6.00",
        "purpose": "采购", "repayment_source": "回款",
    });
    for (key, value) in overrides.as_object().cloned().unwrap_or_default() {
        body[key] = value;
    }
    body
}

#[tokio::test]
async fn invalid_application_fields_are_each_named_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let cases = [
        (json!({"amount": "0"}), "amount"),
        (json!({"amount": "-5.00"}), "amount"),
        (json!({"amount": "100.005"}), "amount"),
        (json!({"amount": 100.1}), "amount"),
        (json!({"repayment_method": "balloon"}), "repayment_method"),
        (json!({"term_months": 0}), "term_months"),
        (json!({"term_months": 361}), "term_months"),
        (
            json!({"annual_rate_percent": "12.01"}),
            "annual_rate_percent",
        ),
    ];

    for (overrides, field) in cases {
        let reply = app
            .post(
                &staff.sales,
                "/api/v1/loan-applications",
                application(&customer, overrides.clone()),
            )
            .await;
        assert_eq!(reply.status.as_u16(), 422, "{overrides}: {}", reply.text);
        assert_eq!(reply.content_type, "application/problem+json");
        assert_eq!(reply.error_fields(), vec![field.to_owned()], "{overrides}");
    }

    let list = app
        .get(&staff.sales, "/api/v1/loan-applications")
        .await
        .expect(200);
    assert_eq!(list.body["items"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn a_rate_above_the_legal_cap_is_explained_in_english_and_chinese() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let body = application(&customer, json!({"annual_rate_percent": "15.00"}));

    let english = app
        .post(&staff.sales, "/api/v1/loan-applications", body.clone())
        .await
        .expect(422);
    let chinese = TestApp::read(
        app.client
            .post(format!("{}/api/v1/loan-applications", app.address))
            .bearer_auth(&staff.sales)
            .header("Accept-Language", "zh-CN,zh;q=0.9")
            .json(&body),
    )
    .await
    .expect(422);

    assert_eq!(
        english.body["errors"][0]["message"],
        "annual rate 15.00% exceeds the legal cap of 12.00%"
    );
    assert_eq!(chinese.body["title"], "请求校验失败");
    assert_eq!(
        chinese.body["errors"][0]["message"],
        "年利率 15.00% 超过法定上限 12.00%（一年期 LPR 的四倍）"
    );
}

#[tokio::test]
async fn an_invalid_credit_code_or_impossible_date_is_refused() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let bad_code = json!({
        "name": "X", "credit_code": "91350100M000100Y44", "contact_name": "Y", "phone": "1",
        "email": "a@b.cn", "address": "Z", "credit_limit": "1.00",
    });

    let code = app
        .post(&staff.sales, "/api/v1/customers", bad_code)
        .await
        .expect(422);
    let date = app
        .post(
            &staff.sales,
            "/api/v1/schedule-preview",
            json!({"principal": "1000.00",
            "annual_rate_percent": "6", "term_months": 3, "repayment_method": "bullet",
            "disbursement_date": "2026-02-30"}),
        )
        .await
        .expect(422);

    assert_eq!(code.error_fields(), vec!["credit_code"]);
    assert_eq!(date.error_fields(), vec!["disbursement_date"]);
    let customers = app.get(&staff.sales, "/api/v1/customers").await.expect(200);
    assert_eq!(customers.body["items"].as_array().map(Vec::len), Some(0));
}

#[tokio::test]
async fn malformed_json_is_a_bad_request_and_a_wrong_media_type_is_415() {
    let app = TestApp::spawn().await;
    let url = format!("{}/api/v1/schedule-preview", app.address);

    let malformed = TestApp::read(
        app.client
            .post(&url)
            .bearer_auth(&app.admin_token)
            .header("content-type", "application/json")
            .body("{\"principal\": "),
    )
    .await;
    let text = TestApp::read(
        app.client
            .post(&url)
            .bearer_auth(&app.admin_token)
            .body("principal=1"),
    )
    .await;

    assert_eq!(malformed.status.as_u16(), 400, "{}", malformed.text);
    assert_eq!(malformed.body["type"], "/problems/malformed-request");
    assert_eq!(text.status.as_u16(), 415, "{}", text.text);
}

#[tokio::test]
async fn a_transition_from_the_wrong_state_is_a_conflict() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let id = app
        .submitted_application(&staff.sales, &customer, json!({}))
        .await;

    let again = app
        .post(
            &staff.sales,
            &format!("/api/v1/loan-applications/{id}/submit"),
            json!({}),
        )
        .await;
    let disburse = app
        .post(
            &staff.cashier,
            &format!("/api/v1/loan-applications/{id}/disburse"),
            json!({"disbursement_date": "2020-01-01", "bank_reference": "x"}),
        )
        .await;

    assert_eq!(again.status.as_u16(), 409, "{}", again.text);
    assert_eq!(again.body["type"], "/problems/conflict");
    assert_eq!(disburse.status.as_u16(), 409, "{}", disburse.text);
}

#[tokio::test]
async fn a_failed_disbursement_leaves_the_application_approved_and_no_loan() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    app.set_business_date("2026-03-10").await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let id = app
        .submitted_application(&staff.sales, &customer, json!({}))
        .await;
    app.post(
        &staff.reviewer,
        &format!("/api/v1/loan-applications/{id}/approve"),
        json!({"comment": "ok"}),
    )
    .await
    .expect(200);

    let future = app
        .post(
            &staff.cashier,
            &format!("/api/v1/loan-applications/{id}/disburse"),
            json!({"disbursement_date": "2026-03-11", "bank_reference": "x"}),
        )
        .await;
    let broken = app
        .post(&staff.cashier, &format!("/api/v1/loan-applications/{id}/disburse"),
            json!({"disbursement_date": "2026-03-10", "first_due_date": "2026-09-10", "bank_reference": "x"}))
        .await;

    assert_eq!(future.status.as_u16(), 422, "{}", future.text);
    assert_eq!(broken.status.as_u16(), 422, "{}", broken.text);
    let application = app
        .get(&staff.auditor, &format!("/api/v1/loan-applications/{id}"))
        .await
        .expect(200);
    assert_eq!(application.str("status"), "approved");
    let loans = app.get(&staff.auditor, "/api/v1/loans").await.expect(200);
    assert_eq!(loans.body["items"].as_array().map(Vec::len), Some(0));
    let unknown = app
        .request(Method::GET, "/api/v1/nowhere", Some(&app.admin_token), None)
        .await;
    assert_eq!(unknown.status.as_u16(), 404);
}
