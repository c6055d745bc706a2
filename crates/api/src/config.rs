//! Typed configuration, read once from `LOANBOOK_*` environment variables and
//! passed down; nothing reads the environment after start-up.

use std::fmt;
use std::path::PathBuf;

use anyhow::{Context, bail};
use time::UtcOffset;

/// A secret that cannot be printed by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The default largest supporting document: 20 MiB.
pub const DEFAULT_DOCUMENT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// How logs are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines, for a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on; port 0 picks a free one.
    pub bind: String,
    /// Where the SQLite file and generated secrets live.
    pub data_dir: PathBuf,
    /// Database URL; defaults to a SQLite file in the data directory.
    pub database_url: String,
    /// Database pool size.
    pub database_max_connections: u32,
    /// The first admin's password; generated and printed once when unset.
    pub admin_password: Option<Secret>,
    /// Secret for signing access tokens; generated and kept in the data
    /// directory when unset.
    pub jwt_secret: Option<Secret>,
    /// Lifetime of an access token in seconds.
    pub access_token_seconds: i64,
    /// Lifetime of a refresh token in seconds.
    pub refresh_token_seconds: i64,
    /// Log format.
    pub log_format: LogFormat,
    /// The business time zone as a UTC offset (Asia/Shanghai is +08:00).
    pub business_utc_offset: UtcOffset,
    /// The lending company's registered name, printed on loan notes.
    pub lender_name: String,
    /// The lender's unified social credit code, checked, printed on loan
    /// notes beside its name.
    pub lender_credit_code: Option<String>,
    /// The lender's registered address, printed on loan notes.
    pub lender_address: Option<String>,
    /// The largest supporting document accepted, in bytes.
    pub document_max_bytes: u64,
    /// Where stored files live: `file:///absolute/path` or
    /// `s3://bucket/prefix`; `None` means `<data_dir>/files`.
    pub storage_url: Option<String>,
    /// The CJK font PDF documents are set in; `None` means the first of
    /// the usual Debian font paths that exists.
    pub pdf_font: Option<PathBuf>,
}

impl Config {
    /// Reads the configuration from the process environment.
    pub fn from_env() -> anyhow::Result<Config> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `lookup` (tests pass a map).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let var = |name: &str| lookup(&format!("LOANBOOK_{name}")).filter(|v| !v.is_empty());
        let data_dir = PathBuf::from(var("DATA_DIR").unwrap_or_else(|| "./data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| sqlite_url(&data_dir));
        Ok(Config {
            bind: var("BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            database_max_connections: number(var("DATABASE_MAX_CONNECTIONS"), 8)?,
            admin_password: var("ADMIN_PASSWORD").map(Secret::new),
            jwt_secret: var("JWT_SECRET").map(Secret::new),
            access_token_seconds: number(var("ACCESS_TOKEN_SECONDS"), 900)?,
            refresh_token_seconds: number(var("REFRESH_TOKEN_SECONDS"), 30 * 24 * 3600)?,
            log_format: log_format(var("LOG_FORMAT"))?,
            business_utc_offset: utc_offset(var("BUSINESS_UTC_OFFSET"))?,
            lender_name: var("LENDER_NAME").unwrap_or_else(|| "（出借人名称未配置）".into()),
            lender_credit_code: lender_credit_code(var("LENDER_CREDIT_CODE"))?,
            lender_address: var("LENDER_ADDRESS"),
            document_max_bytes: number(var("DOCUMENT_MAX_BYTES"), DEFAULT_DOCUMENT_MAX_BYTES)?,
            storage_url: var("STORAGE_URL"),
            pdf_font: var("PDF_FONT").map(PathBuf::from),
            data_dir,
            database_url,
        })
    }
}

fn lender_credit_code(value: Option<String>) -> anyhow::Result<Option<String>> {
    let Some(text) = value else {
        return Ok(None);
    };
    let code = loanbook_domain::CreditCode::parse(text.trim())
        .map_err(|e| anyhow::anyhow!("LOANBOOK_LENDER_CREDIT_CODE: {e}"))?;
    Ok(Some(code.to_string()))
}

fn sqlite_url(data_dir: &std::path::Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("loanbook.db").display()
    )
}

fn number<T: std::str::FromStr>(value: Option<String>, default: T) -> anyhow::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    match value {
        Some(text) => text
            .parse()
            .with_context(|| format!("not a number: {text}")),
        None => Ok(default),
    }
}

fn log_format(value: Option<String>) -> anyhow::Result<LogFormat> {
    match value.as_deref() {
        None | Some("pretty") => Ok(LogFormat::Pretty),
        Some("json") => Ok(LogFormat::Json),
        Some(other) => bail!("LOANBOOK_LOG_FORMAT must be pretty or json, not {other}"),
    }
}

fn utc_offset(value: Option<String>) -> anyhow::Result<UtcOffset> {
    let text = value.unwrap_or_else(|| "+08:00".into());
    let format = time::macros::format_description!("[offset_hour]:[offset_minute]");
    UtcOffset::parse(&text, format)
        .with_context(|| format!("LOANBOOK_BUSINESS_UTC_OFFSET must look like +08:00, not {text}"))
}
