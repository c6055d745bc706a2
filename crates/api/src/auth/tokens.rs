//! Access tokens (HS256 JWTs carrying the user's roles) and refresh tokens
//! (random, stored only as SHA-256 hashes, single use, revocable).

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::config::Secret;
use crate::error::ApiError;
use crate::http::{Actor, Role};

/// What an access token says about its holder.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    name: String,
    roles: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cid: Option<Uuid>,
    iat: i64,
    exp: i64,
    jti: Uuid,
}

/// The keys and lifetimes for issuing and checking tokens.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// Access token lifetime in seconds.
    pub access_seconds: i64,
    /// Refresh token lifetime in seconds.
    pub refresh_seconds: i64,
}

impl TokenKeys {
    /// Keys from the signing secret.
    pub fn new(secret: &Secret, access_seconds: i64, refresh_seconds: i64) -> anyhow::Result<Self> {
        let bytes = secret.expose().as_bytes();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 5;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Ok(TokenKeys {
            encoding: EncodingKey::from_secret(bytes)?,
            decoding: DecodingKey::from_secret(bytes)?,
            validation,
            access_seconds,
            refresh_seconds,
        })
    }

    /// Signs an access token for the actor.
    pub fn issue(&self, actor: &Actor) -> Result<String, ApiError> {
        let now = OffsetDateTime::now_utc().unix_timestamp();
        let claims = Claims {
            sub: actor.user_id,
            name: actor.username.clone(),
            roles: actor.roles.iter().map(|r| r.as_str().to_owned()).collect(),
            cid: actor.customer_id,
            iat: now,
            exp: now + self.access_seconds,
            jti: Uuid::now_v7(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(e.into()))
    }

    /// Checks a token's signature and expiry and returns its holder.
    pub fn verify(&self, token: &str) -> Result<Actor, ApiError> {
        let data =
            decode::<Claims>(token, &self.decoding, &self.validation).map_err(|e| {
                match e.kind() {
                    jsonwebtoken::errors::ErrorKind::ExpiredSignature => {
                        ApiError::Unauthorized("the access token has expired; refresh it")
                    }
                    _ => ApiError::Unauthorized("the access token is invalid"),
                }
            })?;
        let claims = data.claims;
        Ok(Actor {
            user_id: claims.sub,
            username: claims.name,
            roles: claims
                .roles
                .iter()
                .filter_map(|r| r.parse::<Role>().ok())
                .collect(),
            customer_id: claims.cid,
        })
    }
}

/// A fresh random refresh token (256 bits, hex).
pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The stored form of a refresh token.
pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A fresh random secret for signing tokens.
pub fn new_signing_secret() -> Secret {
    let mut bytes = [0u8; 48];
    rand::rng().fill_bytes(&mut bytes);
    Secret::new(hex::encode(bytes))
}
