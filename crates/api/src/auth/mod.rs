//! Authentication: argon2id password hashes, signed access tokens and
//! revocable refresh tokens.

pub mod passwords;
pub mod tokens;
