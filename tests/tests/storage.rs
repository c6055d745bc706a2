//! Money is exact in storage on both backends: round trips at the top of
//! the range and SQL aggregates over fen columns. Runs on SQLite always and
//! on PostgreSQL when one answers (CI requires it).

use loanbook_domain::Money;
use loanbook_persistence::repo::Scope;
use loanbook_persistence::repo::customers::{self, CustomerDetails};
use loanbook_tests::fresh_postgres_database;
use sea_orm::{ConnectionTrait, Statement};
use uuid::Uuid;

fn details(code: &str, limit: &str) -> CustomerDetails {
    CustomerDetails {
        name: "Exact Co".into(),
        credit_code: code.into(),
        contact_name: "c".into(),
        phone: "1".into(),
        email: "e@x.cn".into(),
        address: "a".into(),
        credit_limit: Money::parse(limit).unwrap_or_else(|e| panic!("{e}")),
        account_manager_id: None,
        external_id: None,
    }
}

async fn check_exactness(url: &str) {
    let db = loanbook_persistence::connect(url, 2)
        .await
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let creator = Uuid::now_v7();
    let limits = [
        ("91350100M000100Y43", "999999999999999.99"),
        ("91110000MA0000001L", "0.10"),
        ("911100007000000011", "0.20"),
    ];

    let mut ids = Vec::new();
    for (code, limit) in limits {
        ids.push(
            customers::insert(&db, details(code, limit), creator)
                .await
                .unwrap_or_else(|e| panic!("{e}"))
                .id,
        );
    }
    let back = customers::find(&db, Scope::All, ids[0])
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let sql = "SELECT CAST(SUM(credit_limit_fen) AS BIGINT) AS total FROM customers WHERE credit_limit_fen < 100";
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no row"));
    let small_sum: i64 = row.try_get("", "total").unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(back.details.credit_limit.to_string(), "999999999999999.99");
    // 0.10 + 0.20 summed in SQL is exactly 30 fen, not 0.30000000000000004.
    assert_eq!(Money::from_fen(small_sum).to_string(), "0.30");
}

#[tokio::test]
async fn money_is_exact_in_sqlite_storage_and_sums() {
    let dir = std::env::temp_dir().join(format!("loanbook-storage-{}", Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    check_exactness(&format!("sqlite://{}?mode=rwc", dir.join("s.db").display())).await;
}

#[tokio::test]
async fn money_is_exact_in_postgres_storage_and_sums() {
    let Some(url) = fresh_postgres_database().await else {
        return;
    };
    check_exactness(&url).await;
}
