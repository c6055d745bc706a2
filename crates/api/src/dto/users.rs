//! Users.

use loanbook_persistence::repo::users::UserRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::format_timestamp;

/// A new user.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "username": "cashier1", "password": "a long passphrase", "display_name": "Wang Fang",
    "roles": ["cashier"]
}))]
pub struct CreateUserRequest {
    /// Login name: 3 to 64 letters, digits, `.`, `_` or `-`; stored in lower
    /// case, so `Sales1` and `sales1` are one user.
    pub username: String,
    /// At least 10 characters.
    pub password: String,
    /// Name shown to people.
    pub display_name: String,
    /// Role names: admin, sales, customer, reviewer, manager, cashier,
    /// collector, auditor.
    pub roles: Vec<String>,
    /// Required for a `customer` user: the customer it belongs to.
    pub customer_id: Option<String>,
}

/// Changes to a user; absent fields keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateUserRequest {
    /// New display name.
    pub display_name: Option<String>,
    /// New roles.
    pub roles: Option<Vec<String>>,
    /// New password (at least 10 characters).
    pub password: Option<String>,
    /// False disables the user.
    pub active: Option<bool>,
}

/// A user.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserView {
    /// Id.
    pub id: String,
    /// Login name.
    pub username: String,
    /// Name shown to people.
    pub display_name: String,
    /// Roles.
    pub roles: Vec<String>,
    /// The customer of a `customer` user.
    pub customer_id: Option<String>,
    /// False once disabled.
    pub active: bool,
    /// Creation time, RFC 3339 UTC.
    pub created_at: String,
}

impl From<&UserRecord> for UserView {
    fn from(user: &UserRecord) -> Self {
        UserView {
            id: user.id.to_string(),
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            roles: user.roles.clone(),
            customer_id: user.customer_id.map(|id| id.to_string()),
            active: user.active,
            created_at: format_timestamp(user.created_at),
        }
    }
}
