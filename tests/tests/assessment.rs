//! Credit assessment before approval, computed figures and grade for a worked
//! example, the credit limit's manager rule, and loan products that require
//! documents or restrict terms.

use loanbook_tests::{CREDIT_CODE, Staff, TestApp, sound_assessment};
use reqwest::Method;
use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

fn approve(id: &str) -> String {
    format!("/api/v1/loan-applications/{id}/approve")
}

#[tokio::test]
async fn an_application_cannot_be_approved_before_it_is_assessed() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let id = app
        .unassessed_application(&staff.sales, &customer, json!({}))
        .await;

    let early = app
        .post(&staff.reviewer, &approve(&id), json!({"comment": "ok"}))
        .await
        .expect(409);
    let by_creator = app
        .post(
            &staff.sales,
            &format!("/api/v1/loan-applications/{id}/assessment"),
            sound_assessment(),
        )
        .await
        .expect(403);
    app.assess(&id).await;
    let approved = app
        .post(&staff.reviewer, &approve(&id), json!({"comment": "ok"}))
        .await
        .expect(200);

    assert!(
        early.body["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("credit assessment")
    );
    assert_eq!(by_creator.body["status"], 403);
    assert_eq!(approved.str("status"), "approved");
}

/// Books 12000.00 interest-free over 12 months, equal principal, on
/// 2026-01-15: 1000.00 principal due on the 15th of each month from
/// 2026-02-15. Installment 1 is paid ten days late on 2026-02-25;
/// installment 2 (due 2026-03-15) is unpaid on 2026-03-20.
async fn customer_with_a_late_loan(app: &TestApp, staff: &Staff) -> String {
    app.set_business_date("2026-01-15").await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "50000.00").await;
    let terms = json!({"amount": "12000.00", "term_months": 12,
        "repayment_method": "equal_principal", "annual_rate_percent": "0"});
    let id = app
        .submitted_application(&staff.sales, &customer, terms)
        .await;
    app.post(&staff.reviewer, &approve(&id), json!({"comment": "ok"}))
        .await
        .expect(200);
    let loan = app
        .post(
            &staff.cashier,
            &format!("/api/v1/loan-applications/{id}/disburse"),
            json!({"disbursement_date": "2026-01-15", "bank_reference": "B-1"}),
        )
        .await
        .expect(201)
        .str("id");
    app.set_business_date("2026-02-25").await;
    let payment = json!({"amount": "1000.00", "paid_on": "2026-02-25",
        "method": "bank_transfer", "reference": "r1"});
    app.post(
        &staff.cashier,
        &format!("/api/v1/loans/{loan}/repayments"),
        payment,
    )
    .await
    .expect(201);
    app.set_business_date("2026-03-20").await;
    customer
}

#[tokio::test]
async fn the_assessment_computes_exposure_history_and_grade_and_a_new_one_is_kept_beside_it() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = customer_with_a_late_loan(&app, &staff).await;
    let id = app
        .unassessed_application(&staff.sales, &customer, json!({"amount": "45000.00"}))
        .await;

    let first = app.assess(&id).await;
    let mut poorer = sound_assessment();
    poorer["credit_check"]["rating"] = json!("poor");
    let second = app
        .post(
            &staff.reviewer2,
            &format!("/api/v1/loan-applications/{id}/assessment"),
            poorer,
        )
        .await
        .expect(201);
    let all = app
        .get(
            &staff.auditor,
            &format!("/api/v1/loan-applications/{id}/assessments"),
        )
        .await
        .expect(200);

    // 2,800,000 / 8,000,000 = 35.00 %; 600,000 / 5,000,000 = 12.00 %.
    assert_eq!(first.str("debt_ratio_percent"), "35.00");
    assert_eq!(first.str("profit_margin_percent"), "12.00");
    // One loan, 12000.00 less the 1000.00 repaid: 11000.00 outstanding;
    // 50000.00 − 11000.00 = 39000.00 of headroom; 11000 + 45000 > 50000.
    assert_eq!(first.str("current_exposure"), "11000.00");
    assert_eq!(first.str("headroom"), "39000.00");
    assert_eq!(first.str("requested_amount"), "45000.00");
    assert_eq!(first.body["exceeds_credit_limit"], true);
    // Installment 1 paid 10 days late, installment 2 five days overdue.
    assert_eq!(
        first.body["repayment_history"],
        json!({"loans": 1, "late_installments": 2, "worst_days_past_due": 10})
    );
    // 25 (≤ 40 %) + 20 (≥ 10 %) + 15 (≥ 5 years) + 20 (good) + 8 (≤ 30 days) = 88.
    assert_eq!(first.body["score"], 88);
    assert_eq!(first.str("risk_grade"), "A");
    assert_eq!(
        first.body["reasons"][4]["text"],
        "1 loans, 2 late installments, worst delay 10 days is at most 30: 8 points"
    );
    // With a poor rating: 25 + 20 + 15 + 4 + 8 = 72 → B; the first stays A.
    assert_eq!(
        (second.body["score"].clone(), second.str("risk_grade")),
        (json!(72), "B".into())
    );
    let grades: Vec<&str> = all
        .body
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|a| a["risk_grade"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(grades, vec!["A", "B"]);
}

#[tokio::test]
async fn an_approval_beyond_the_credit_limit_waits_for_a_manager() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = customer_with_a_late_loan(&app, &staff).await;
    let id = app
        .submitted_application(&staff.sales, &customer, json!({"amount": "45000.00"}))
        .await;

    let first = app
        .post(&staff.reviewer, &approve(&id), json!({"comment": "ok"}))
        .await
        .expect(200);
    let second = app
        .post(&staff.manager, &approve(&id), json!({"comment": "ok"}))
        .await
        .expect(200);

    assert_eq!(first.str("status"), "submitted");
    assert_eq!(second.str("status"), "approved");
}

#[tokio::test]
async fn bad_assessments_name_every_field_and_store_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let id = app
        .unassessed_application(&staff.sales, &customer, json!({}))
        .await;
    app.set_business_date("2026-03-01").await;
    let bad = json!({
        "revenue": "-1.00", "net_profit": "1.234", "total_assets": "abc",
        "total_liabilities": "0.00", "years_in_business": -2,
        "credit_check": {"source": "", "checked_on": "2026-02-30", "rating": "great"},
        "opinion": "ok",
    });
    let mut future = sound_assessment();
    future["credit_check"]["checked_on"] = json!("2026-03-02");

    let refused = app
        .post(
            &staff.reviewer,
            &format!("/api/v1/loan-applications/{id}/assessment"),
            bad,
        )
        .await
        .expect(422);
    let too_late = app
        .post(
            &staff.reviewer,
            &format!("/api/v1/loan-applications/{id}/assessment"),
            future,
        )
        .await
        .expect(422);
    let none = app
        .get(
            &staff.reviewer,
            &format!("/api/v1/loan-applications/{id}/assessments"),
        )
        .await
        .expect(200);

    let mut fields = refused.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            "credit_check.checked_on",
            "credit_check.rating",
            "credit_check.source",
            "net_profit",
            "revenue",
            "total_assets",
            "years_in_business",
        ]
    );
    assert_eq!(too_late.error_fields(), vec!["credit_check.checked_on"]);
    assert_eq!(none.body, json!([]));
}

#[tokio::test]
async fn a_changed_scorecard_grades_new_assessments() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let standard = app
        .get(&staff.reviewer, "/api/v1/admin/risk-rules")
        .await
        .expect(200);
    let mut strict = standard.body.clone();
    strict["grade_minimums"] = json!([96, 90, 80, 70]);
    let mut unordered = standard.body.clone();
    unordered["grade_minimums"] = json!([50, 60, 70, 80]);
    let admin = app.admin_token.clone();

    let refused = app
        .request(
            Method::PUT,
            "/api/v1/admin/risk-rules",
            Some(&admin),
            Some(unordered),
        )
        .await
        .expect(422);
    app.request(
        Method::PUT,
        "/api/v1/admin/risk-rules",
        Some(&admin),
        Some(strict),
    )
    .await
    .expect(200);
    let by_reviewer = app
        .request(
            Method::PUT,
            "/api/v1/admin/risk-rules",
            Some(&staff.reviewer),
            Some(standard.body.clone()),
        )
        .await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let id = app
        .unassessed_application(&staff.sales, &customer, json!({}))
        .await;
    let graded = app.assess(&id).await;

    assert_eq!(standard.body["grade_minimums"], json!([80, 65, 50, 35]));
    assert_eq!(refused.error_fields(), vec!["rules"]);
    assert_eq!(by_reviewer.status, 403);
    // 25 + 20 + 15 + 20 + 10 (no loans) = 90: B under the strict card.
    assert_eq!(
        (graded.body["score"].clone(), graded.str("risk_grade")),
        (json!(90), "B".into())
    );
}

fn minimal_pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        .to_vec()
}

async fn attach(app: &TestApp, token: &str, id: &str, document_type: &str) {
    let file = Part::bytes(minimal_pdf())
        .file_name(format!("{document_type}.pdf"))
        .mime_str("application/pdf")
        .unwrap_or_else(|e| panic!("{e}"));
    let form = Form::new()
        .text("document_type", document_type.to_owned())
        .part("file", file);
    let builder = app
        .client
        .post(format!(
            "{}/api/v1/loan-applications/{id}/documents",
            app.address
        ))
        .bearer_auth(token)
        .multipart(form);
    TestApp::read(builder).await.expect(201);
}

fn product() -> Value {
    json!({
        "id": "working-capital", "name": "流动资金借款",
        "repayment_methods": ["equal_installment", "interest_only"],
        "min_amount": "10000.00", "max_amount": "200000.00",
        "min_term_months": 3, "max_term_months": 36,
        "max_annual_rate_percent": "10.00", "grace_days": 3,
        "required_document_types": ["business_licence", "financial_statements"],
    })
}

#[tokio::test]
async fn a_product_restricts_terms_and_requires_documents_before_submission() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let admin = app.admin_token.clone();
    let created = app
        .post(&admin, "/api/v1/loan-products", product())
        .await
        .expect(201);
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let base = json!({"customer_id": customer, "product_id": "working-capital",
        "purpose": "采购原材料", "repayment_source": "销售回款"});
    let mut outside = base.clone();
    for (k, v) in [
        ("amount", "5000.00"),
        ("repayment_method", "bullet"),
        ("annual_rate_percent", "11.00"),
    ] {
        outside[k] = json!(v);
    }
    outside["term_months"] = json!(48);
    let mut inside = base.clone();
    for (k, v) in [
        ("amount", "50000.00"),
        ("repayment_method", "interest_only"),
        ("annual_rate_percent", "6.00"),
    ] {
        inside[k] = json!(v);
    }
    inside["term_months"] = json!(12);

    let refused = app
        .post(&staff.sales, "/api/v1/loan-applications", outside)
        .await
        .expect(422);
    let id = app
        .post(&staff.sales, "/api/v1/loan-applications", inside)
        .await
        .expect(201)
        .str("id");
    let submit = format!("/api/v1/loan-applications/{id}/submit");
    let none = app.post(&staff.sales, &submit, json!({})).await.expect(422);
    attach(&app, &staff.sales, &id, "business_licence").await;
    let one = app.post(&staff.sales, &submit, json!({})).await.expect(422);
    attach(&app, &staff.sales, &id, "financial_statements").await;
    let submitted = app.post(&staff.sales, &submit, json!({})).await.expect(200);

    assert_eq!(created.body["grace_days"], 3);
    assert_eq!(created.str("approval_threshold"), "100000.00");
    let mut fields = refused.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            "amount",
            "annual_rate_percent",
            "repayment_method",
            "term_months"
        ]
    );
    let message = |reply: &loanbook_tests::Reply| reply.body["errors"][0]["message"].clone();
    assert_eq!(
        message(&none),
        "the product requires documents that are missing: business_licence, financial_statements"
    );
    assert_eq!(
        message(&one),
        "the product requires documents that are missing: financial_statements"
    );
    assert_eq!(submitted.str("status"), "submitted");
}

#[tokio::test]
async fn products_are_listed_for_everyone_and_changed_only_by_an_admin() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let admin = app.admin_token.clone();
    app.post(&admin, "/api/v1/loan-products", product())
        .await
        .expect(201);

    let listed = app
        .get(&staff.sales, "/api/v1/loan-products")
        .await
        .expect(200);
    let by_sales = app
        .post(&staff.sales, "/api/v1/loan-products", product())
        .await;
    let duplicate = app.post(&admin, "/api/v1/loan-products", product()).await;
    let read = app
        .get(&staff.auditor, "/api/v1/loan-products/working-capital")
        .await
        .expect(200);
    let etag = read
        .headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let closed = app
        .client
        .patch(format!(
            "{}/api/v1/loan-products/working-capital",
            app.address
        ))
        .bearer_auth(&admin)
        .header("If-Match", &etag)
        .json(&json!({"active": false}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let stale = app
        .client
        .patch(format!(
            "{}/api/v1/loan-products/working-capital",
            app.address
        ))
        .bearer_auth(&admin)
        .header("If-Match", &etag)
        .json(&json!({"active": true}))
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let on_closed = app
        .post(
            &staff.sales,
            "/api/v1/loan-applications",
            json!({"customer_id": customer, "product_id": "working-capital", "amount": "50000.00",
                "term_months": 12, "repayment_method": "interest_only",
                "annual_rate_percent": "6.00", "purpose": "p", "repayment_source": "s"}),
        )
        .await
        .expect(422);

    let ids: Vec<&str> = listed
        .body
        .as_array()
        .map(|items| items.iter().filter_map(|p| p["id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(ids, vec!["default", "working-capital"]);
    assert_eq!(by_sales.status, 403);
    assert_eq!(duplicate.status, 409);
    assert_eq!(closed.status(), 200);
    assert_eq!(stale.status(), 412);
    assert_eq!(on_closed.error_fields(), vec!["product_id"]);
}

#[tokio::test]
async fn a_bad_product_names_every_field_and_is_not_stored() {
    let app = TestApp::spawn().await;
    let admin = app.admin_token.clone();
    let bad = json!({
        "id": "Bad Id", "name": "x", "repayment_methods": [],
        "min_amount": "0.00", "max_term_months": 400, "penalty_multiplier": "1e2",
        "dunning_days": [15, 1], "required_document_types": ["passport"],
    });

    let refused = app
        .post(&admin, "/api/v1/loan-products", bad)
        .await
        .expect(422);
    let listed = app.get(&admin, "/api/v1/loan-products").await.expect(200);

    let mut fields = refused.error_fields();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            "dunning_days",
            "id",
            "max_term_months",
            "min_amount",
            "penalty_multiplier",
            "repayment_methods",
            "required_document_types",
        ]
    );
    assert_eq!(listed.body.as_array().map(Vec::len), Some(1));
}
