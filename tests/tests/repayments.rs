//! Repayments: late payment with penalty, reversal by replay, overpayment,
//! settlement, idempotency, and the loan-detail report.

use loanbook_tests::{CREDIT_CODE, Staff, TestApp};
use serde_json::json;

/// Books 12000.00 at 6 % over 12 months, equal principal, disbursed
/// 2025-02-10: 1000.00 principal a month, first interest
/// 12000 × 0.06 / 12 = 60.00 (reference case ep_12k_12m_6pct).
async fn booked_loan(app: &TestApp, staff: &Staff) -> String {
    app.set_business_date("2025-02-10").await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let terms = json!({"amount": "12000.00", "term_months": 12,
        "repayment_method": "equal_principal", "annual_rate_percent": "6.00"});
    let id = app
        .submitted_application(&staff.sales, &customer, terms)
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
            json!({"disbursement_date": "2025-02-10", "bank_reference": "B-1"}),
        )
        .await
        .expect(201);
    loan.str("id")
}

fn pay(amount: &str, on: &str) -> serde_json::Value {
    json!({"amount": amount, "paid_on": on, "method": "bank_transfer", "reference": "r"})
}

#[tokio::test]
async fn a_late_payment_pays_penalty_first_and_reversal_restores_the_loan() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let loan = booked_loan(&app, &staff).await;
    app.set_business_date("2025-03-20").await;
    let before = app
        .get(
            &staff.auditor,
            &format!("/api/v1/loans/{loan}?as_of=2025-03-20"),
        )
        .await
        .expect(200);

    // Installment 1 (1000.00 + 60.00) was due 2025-03-10 and is paid ten days
    // late. Penalty rate 6 % × 1.5 = 9 %: 1000.00 × 0.09 × 10 / 360 = 2.50.
    let paid = app
        .post(
            &staff.cashier,
            &format!("/api/v1/loans/{loan}/repayments"),
            pay("1062.50", "2025-03-20"),
        )
        .await
        .expect(201);
    let after = app
        .get(
            &staff.auditor,
            &format!("/api/v1/loans/{loan}?as_of=2025-03-20"),
        )
        .await
        .expect(200);
    let path = format!("/api/v1/loans/{loan}/repayments/{}/reverse", paid.str("id"));
    let reversed = app
        .post(&staff.cashier, &path, json!({"reason": "bounced"}))
        .await
        .expect(200);
    let twice = app
        .post(&staff.cashier, &path, json!({"reason": "again"}))
        .await;

    assert_eq!(before.body["days_past_due"], 10);
    assert_eq!(before.str("aging_bucket"), "1-30");
    assert_eq!(before.str("outstanding_penalty"), "2.50");
    assert_eq!(
        paid.body["allocation"],
        json!({"penalty": "2.50", "interest": "60.00", "principal": "1000.00", "excess": "0.00"})
    );
    assert_eq!(after.body["days_past_due"], 0);
    assert_eq!(after.str("outstanding_principal"), "11000.00");
    assert_eq!(
        reversed.str("outstanding_principal"),
        before.str("outstanding_principal")
    );
    assert_eq!(reversed.str("outstanding_penalty"), "2.50");
    assert_eq!(reversed.body["days_past_due"], 10);
    assert_eq!(twice.status.as_u16(), 409);
    let listed = app
        .get(&staff.auditor, &format!("/api/v1/loans/{loan}/repayments"))
        .await
        .expect(200);
    assert_eq!(listed.body["items"][0]["reversal_reason"], "bounced");
}

#[tokio::test]
async fn settling_pays_interest_since_the_last_due_date_and_excess_becomes_credit() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let loan = booked_loan(&app, &staff).await;
    app.set_business_date("2025-03-25").await;
    app.post(
        &staff.cashier,
        &format!("/api/v1/loans/{loan}/repayments"),
        pay("1060.00", "2025-03-10"),
    )
    .await
    .expect(201);

    // After installment 1, 11000.00 is outstanding; 15 days from 2025-03-10 to
    // 2025-03-25 at 6 % / 360: 11000 × 0.06 × 15 / 360 = 27.50.
    let quote = app
        .get(
            &staff.auditor,
            &format!("/api/v1/loans/{loan}/payoff-quote?date=2025-03-25"),
        )
        .await
        .expect(200);
    let short = app
        .post(&staff.cashier, &format!("/api/v1/loans/{loan}/repayments"),
            json!({"amount": "11000.00", "paid_on": "2025-03-25", "method": "bank_transfer", "reference": "s", "prepayment": "settle"}))
        .await;
    let settled = app
        .post(&staff.cashier, &format!("/api/v1/loans/{loan}/repayments"),
            json!({"amount": "11100.00", "paid_on": "2025-03-25", "method": "bank_transfer", "reference": "s", "prepayment": "settle"}))
        .await
        .expect(201);

    assert_eq!(
        quote.body,
        json!({"date": "2025-03-25", "principal": "11000.00", "interest": "27.50", "penalty": "0.00", "total": "11027.50"})
    );
    assert_eq!(short.status.as_u16(), 422, "{}", short.text);
    assert_eq!(settled.body["allocation"]["excess"], "72.50");
    assert_eq!(settled.body["loan"]["status"], "overpaid");
    assert_eq!(settled.body["loan"]["credit_balance"], "72.50");
    let listed = app
        .get(&staff.auditor, &format!("/api/v1/loans/{loan}/repayments"))
        .await
        .expect(200);
    assert_eq!(
        listed.body["items"].as_array().map(Vec::len),
        Some(2),
        "the refused settle left no trace"
    );
}

#[tokio::test]
async fn a_repeated_idempotency_key_records_one_repayment() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let loan = booked_loan(&app, &staff).await;
    let url = format!("{}/api/v1/loans/{loan}/repayments", app.address);
    let send = || {
        app.client
            .post(&url)
            .bearer_auth(&staff.cashier)
            .header("Idempotency-Key", "k-1")
            .json(&pay("100.00", "2025-02-10"))
    };

    let first = TestApp::read(send()).await.expect(201);
    let second = TestApp::read(send()).await.expect(201);

    assert_eq!(first.str("id"), second.str("id"));
    let listed = app
        .get(&staff.auditor, &format!("/api/v1/loans/{loan}/repayments"))
        .await
        .expect(200);
    assert_eq!(listed.body["items"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn the_loan_detail_report_sums_the_book_as_of_a_date_in_json_and_csv() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let loan = booked_loan(&app, &staff).await;
    app.set_business_date("2025-04-30").await;
    app.post(
        &staff.cashier,
        &format!("/api/v1/loans/{loan}/repayments"),
        pay("1060.00", "2025-03-10"),
    )
    .await
    .expect(201);

    let report = app
        .get(
            &staff.auditor,
            "/api/v1/reports/loan-detail?as_of=2025-03-31",
        )
        .await
        .expect(200);
    let before = app
        .get(
            &staff.auditor,
            "/api/v1/reports/loan-detail?as_of=2025-02-01",
        )
        .await
        .expect(200);
    let csv = app
        .get(
            &staff.auditor,
            "/api/v1/reports/loan-detail?as_of=2025-03-31&format=csv",
        )
        .await
        .expect(200);

    // 12000.00 lent, 1000.00 principal and 60.00 interest repaid; scheduled
    // interest 60 + 55 + … + 5 = 390.00, of which 330.00 is still unpaid.
    let totals = &report.body["totals"];
    assert_eq!(totals["loans"], 1);
    assert_eq!(totals["principal"], "12000.00");
    assert_eq!(totals["principal_paid"], "1000.00");
    assert_eq!(totals["interest_paid"], "60.00");
    assert_eq!(totals["outstanding_principal"], "11000.00");
    assert_eq!(totals["outstanding_interest"], "330.00");
    assert_eq!(
        report.body["rows"][0]["customer_name"],
        "福州闽江贸易有限公司"
    );
    assert_eq!(before.body["totals"]["loans"], 0);
    assert!(csv.content_type.starts_with("text/csv"));
    assert!(csv.text.starts_with('\u{feff}'));
    assert!(
        csv.text
            .contains(",12000.00,1000.00,60.00,0.00,11000.00,330.00,0.00,0,current"),
        "{}",
        csv.text
    );
}

#[tokio::test]
async fn concurrent_repayments_on_one_loan_are_each_recorded_once() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let loan = booked_loan(&app, &staff).await;
    let url = format!("{}/api/v1/loans/{loan}/repayments", app.address);
    let mut tasks = tokio::task::JoinSet::new();

    for _ in 0..10 {
        let request = app
            .client
            .post(&url)
            .bearer_auth(&staff.cashier)
            .json(&pay("100.00", "2025-02-10"));
        tasks.spawn(async move { TestApp::read(request).await.status.as_u16() });
    }
    let statuses = tasks.join_all().await;

    assert_eq!(statuses, vec![201; 10]);
    let path = format!("/api/v1/loans/{loan}/repayments?limit=4");
    let first_page = app.get(&staff.auditor, &path).await.expect(200);
    let cursor = first_page.str("next_cursor");
    let second_page = app
        .get(&staff.auditor, &format!("{path}&cursor={cursor}"))
        .await
        .expect(200);
    let cursor = second_page.str("next_cursor");
    let third_page = app
        .get(&staff.auditor, &format!("{path}&cursor={cursor}"))
        .await
        .expect(200);
    assert_eq!(first_page.body["items"].as_array().map(Vec::len), Some(4));
    assert_eq!(second_page.body["items"].as_array().map(Vec::len), Some(4));
    assert_eq!(third_page.body["items"].as_array().map(Vec::len), Some(2));
    assert!(third_page.body["next_cursor"].is_null());
    let path = format!("/api/v1/loans/{loan}/repayments?limit=4");
    let first_page = app.get(&staff.auditor, &path).await.expect(200);
    let cursor = first_page.str("next_cursor");
    let second_page = app
        .get(&staff.auditor, &format!("{path}&cursor={cursor}"))
        .await
        .expect(200);
    let third_page = app
        .get(
            &staff.auditor,
            &format!("{path}&cursor={}", second_page.str("next_cursor")),
        )
        .await
        .expect(200);
    assert_eq!(first_page.body["items"].as_array().map(Vec::len), Some(4));
    assert_eq!(second_page.body["items"].as_array().map(Vec::len), Some(4));
    assert_eq!(third_page.body["items"].as_array().map(Vec::len), Some(2));
    assert!(third_page.body["next_cursor"].is_null());
    let after = app
        .get(
            &staff.auditor,
            &format!("/api/v1/loans/{loan}?as_of=2025-02-10"),
        )
        .await
        .expect(200);
    // 10 × 100.00 paid in advance: installment 1's 60.00 interest, then
    // 940.00 of its principal.
    assert_eq!(after.str("outstanding_principal"), "11060.00");
}
