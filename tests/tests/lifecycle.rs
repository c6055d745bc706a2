//! A loan from application to closing, with values from the independent
//! reference schedules (`shared/reference/schedules.json`).

use loanbook_tests::{CREDIT_CODE, TestApp};
use serde_json::{Value, json};

fn reference_case(id: &str) -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/reference/schedules.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reference file: {e}"));
    let all: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("json: {e}"));
    let cases = all["cases"].as_array().cloned().unwrap_or_default();
    cases
        .into_iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no case {id}"))
}

#[tokio::test]
async fn a_loan_is_applied_for_approved_disbursed_repaid_and_closed() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let reference = reference_case("ei_10k_12m_6pct");
    let expected = reference["installments"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    app.set_business_date("2025-01-15").await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;

    let terms = json!({"amount": "10000.00", "term_months": 12,
        "repayment_method": "equal_installment", "annual_rate_percent": "6.00"});
    let application = app
        .submitted_application(&staff.sales, &customer, terms)
        .await;
    let approved = app
        .post(
            &staff.reviewer,
            &format!("/api/v1/loan-applications/{application}/approve"),
            json!({"comment": "ok"}),
        )
        .await
        .expect(200);
    let loan = app
        .post(
            &staff.cashier,
            &format!("/api/v1/loan-applications/{application}/disburse"),
            json!({"disbursement_date": "2025-01-15", "bank_reference": "ICBC-1"}),
        )
        .await
        .expect(201);

    assert_eq!(approved.str("status"), "approved");
    assert_eq!(loan.str("status"), "active");
    assert_eq!(loan.str("outstanding_principal"), "10000.00");
    let schedule = loan.body["schedule"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(schedule.len(), 12);
    for (got, want) in schedule.iter().zip(&expected) {
        assert_eq!(got["due_date"], want["due_date"]);
        assert_eq!(got["principal"], want["principal"]);
        assert_eq!(got["interest"], want["interest"]);
        assert_eq!(got["payment"], want["payment"]);
    }

    app.set_business_date("2026-01-15").await;
    let loan_id = loan.str("id");
    let mut last = None;
    for want in &expected {
        let body = json!({"amount": want["payment"], "paid_on": want["due_date"],
            "method": "bank_transfer", "reference": format!("pay-{}", want["n"])});
        let paid = app
            .post(
                &staff.cashier,
                &format!("/api/v1/loans/{loan_id}/repayments"),
                body,
            )
            .await
            .expect(201);
        assert_eq!(
            paid.body["allocation"]["interest"], want["interest"],
            "installment {}",
            want["n"]
        );
        assert_eq!(
            paid.body["allocation"]["principal"], want["principal"],
            "installment {}",
            want["n"]
        );
        assert_eq!(paid.body["allocation"]["penalty"], "0.00");
        assert_eq!(
            paid.body["loan"]["outstanding_principal"],
            want["balance_after"]
        );
        last = Some(paid);
    }

    let closed = app
        .get(&staff.auditor, &format!("/api/v1/loans/{loan_id}"))
        .await
        .expect(200);
    assert_eq!(closed.str("status"), "closed");
    assert_eq!(closed.str("outstanding_principal"), "0.00");
    assert_eq!(closed.body["days_past_due"], 0);
    assert!(last.is_some());
}

#[tokio::test]
async fn the_loan_note_states_the_amount_in_chinese_capitals() {
    let lender = [("LENDER_NAME", "福建榕城实业有限公司".to_owned())];
    let app = TestApp::spawn_with(lender.into()).await;
    let staff = app.staff().await;
    app.set_business_date("2026-03-01").await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "500000.00").await;
    let terms = json!({"amount": "100000.00", "term_months": 12,
        "repayment_method": "bullet", "annual_rate_percent": "5.00"});
    let application = app
        .submitted_application(&staff.sales, &customer, terms)
        .await;
    let path = format!("/api/v1/loan-applications/{application}/approve");
    app.post(&staff.reviewer, &path, json!({"comment": "ok"}))
        .await
        .expect(200);

    let loan = app
        .post(
            &staff.cashier,
            &format!("/api/v1/loan-applications/{application}/disburse"),
            json!({"disbursement_date": "2026-03-01", "bank_reference": "B-9"}),
        )
        .await
        .expect(201);
    let note = app
        .get(
            &staff.auditor,
            &format!("/api/v1/loans/{}/note", loan.str("id")),
        )
        .await
        .expect(200);

    assert_eq!(note.str("amount"), "100000.00");
    assert_eq!(note.str("amount_in_words"), "人民币壹拾万元整");
    assert_eq!(note.str("borrower_credit_code"), CREDIT_CODE);
    assert_eq!(note.str("lender"), "福建榕城实业有限公司");
    assert_eq!(note.str("repayment_method_name"), "到期一次还本付息");
    // 2026-03-01 + 12 months; interest 100000 × 5 % × 365 / 365 = 5000.00.
    assert_eq!(note.str("maturity_date"), "2027-03-01");
    assert_eq!(note.body["schedule"][0]["interest"], "5000.00");
    assert!(note.str("note_number").starts_with("JJ2026"));
}

#[tokio::test]
async fn an_application_above_the_threshold_needs_a_managers_second_approval() {
    let app = TestApp::spawn().await;
    let staff = app.staff().await;
    let customer = app.customer(&staff.sales, CREDIT_CODE, "1000000.00").await;
    let terms = json!({"amount": "150000.00", "term_months": 24,
        "repayment_method": "equal_principal", "annual_rate_percent": "4.35"});
    let application = app
        .submitted_application(&staff.sales, &customer, terms)
        .await;
    let path = format!("/api/v1/loan-applications/{application}/approve");

    let first = app
        .post(&staff.reviewer, &path, json!({"comment": "first"}))
        .await
        .expect(200);
    let again = app
        .post(&staff.reviewer, &path, json!({"comment": "again"}))
        .await;
    let other_reviewer = app
        .post(&staff.reviewer2, &path, json!({"comment": "second"}))
        .await;
    let manager = app
        .post(
            &staff.manager,
            &path,
            json!({"comment": "manager", "amount": "140000.00"}),
        )
        .await
        .expect(200);

    assert_eq!(first.str("status"), "submitted");
    assert_eq!(first.body["approvals"].as_array().map(Vec::len), Some(1));
    assert_eq!(again.status.as_u16(), 422, "{}", again.text);
    assert_eq!(
        other_reviewer.status.as_u16(),
        422,
        "{}",
        other_reviewer.text
    );
    assert_eq!(manager.str("status"), "approved");
    assert_eq!(manager.body["approvals"].as_array().map(Vec::len), Some(2));
    assert_eq!(manager.body["applied_terms"]["amount"], "150000.00");
    assert_eq!(manager.body["approved_terms"]["amount"], "140000.00");
}
