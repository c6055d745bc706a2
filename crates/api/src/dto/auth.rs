//! Login, refresh and the current user.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Credentials.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"username": "admin", "password": "change-me-now"}))]
pub struct LoginRequest {
    /// Login name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// A refresh or logout request.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RefreshRequest {
    /// The refresh token from login or the last refresh.
    pub refresh_token: String,
}

/// Tokens issued at login or refresh.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer …`.
    pub access_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    #[schema(example = 900)]
    pub expires_in: i64,
    /// Single-use token for `POST /api/v1/auth/refresh`.
    pub refresh_token: String,
}

/// The caller.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeResponse {
    /// User id.
    pub id: String,
    /// Login name.
    #[schema(example = "cashier1")]
    pub username: String,
    /// Role names.
    #[schema(example = json!(["cashier"]))]
    pub roles: Vec<String>,
    /// The customer of a `customer` user.
    pub customer_id: Option<String>,
}
