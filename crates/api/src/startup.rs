//! Building the server: connect and migrate, make sure an admin and a token
//! secret exist, bind the listener (port 0 picks a free one) and serve.

use std::net::TcpListener;
use std::path::Path;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{App, HttpRequest, HttpServer, web};
use anyhow::Context;
use loanbook_domain::LprTable;
use loanbook_persistence::DatabaseConnection;
use loanbook_persistence::files::FileStore;
use loanbook_persistence::repo::users::{self, NewUser};
use loanbook_render::{CjkFont, FontMissing};
use tracing::{info, warn};
use tracing_actix_web::TracingLogger;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::{passwords, tokens};
use crate::config::{Config, Secret};
use crate::error::ApiError;
use crate::http::localize;
use crate::openapi::ApiDoc;
use crate::state::AppState;

/// A bound, not yet running server.
pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Connects, migrates, bootstraps and binds, ready to run.
    pub async fn build(config: &Config) -> anyhow::Result<Application> {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create {}", config.data_dir.display()))?;
        let db =
            loanbook_persistence::connect(&config.database_url, config.database_max_connections)
                .await
                .context("cannot open the database")?;
        ensure_admin(&db, config).await?;
        let secret = signing_secret(config)?;
        let keys = tokens::TokenKeys::new(
            &secret,
            config.access_token_seconds,
            config.refresh_token_seconds,
        )?;
        let state = app_state(config, db)?;
        let listener = TcpListener::bind(&config.bind)
            .with_context(|| format!("cannot bind {}", config.bind))?;
        let port = listener.local_addr()?.port();
        let server = serve(listener, state, keys)?;
        Ok(Application { port, server })
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Runs until stopped.
    pub async fn run(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn serve(
    listener: TcpListener,
    state: AppState,
    keys: tokens::TokenKeys,
) -> anyhow::Result<Server> {
    let state = web::Data::new(state);
    let keys = web::Data::new(keys);
    let server =
        HttpServer::new(move || {
            App::new()
                .wrap(from_fn(localize))
                .wrap(TracingLogger::default())
                .app_data(state.clone())
                .app_data(keys.clone())
                .app_data(web::QueryConfig::default().error_handler(|e, _| {
                    ApiError::Malformed(format!("invalid query: {e}")).into()
                }))
                .app_data(web::PathConfig::default().error_handler(|_, _| {
                    ApiError::Malformed("the path names an invalid id".into()).into()
                }))
                .configure(crate::routes::configure)
                .service(
                    SwaggerUi::new("/swagger-ui/{_:.*}")
                        .url("/api-docs/openapi.json", ApiDoc::openapi()),
                )
                .default_service(web::to(no_route))
        })
        .listen(listener)?
        .run();
    Ok(server)
}

async fn no_route(_req: HttpRequest) -> Result<actix_web::HttpResponse, ApiError> {
    Err(ApiError::NoRoute)
}

/// The state the handlers share, around an open and migrated database: the
/// configured business time zone, the lender on loan notes, the file
/// store and the PDF font.
pub fn app_state(config: &Config, db: DatabaseConnection) -> anyhow::Result<AppState> {
    Ok(AppState {
        db,
        utc_offset: config.business_utc_offset,
        lpr: LprTable::default(),
        lender_name: config.lender_name.clone(),
        lender_credit_code: config.lender_credit_code.clone(),
        lender_address: config.lender_address.clone(),
        files: file_store(config)?,
        document_max_bytes: config.document_max_bytes,
        pdf_font: pdf_font(config),
    })
}

/// Loads the PDF font once. Without one the server still runs: PDF
/// requests answer 503 with the reason and HTML documents are unaffected.
pub fn pdf_font(config: &Config) -> Result<CjkFont, FontMissing> {
    let loaded = CjkFont::discover(config.pdf_font.as_deref());
    match &loaded {
        Ok(font) => info!(path = %font.path().display(), "PDF font loaded"),
        Err(missing) => warn!(reason = %missing, "no PDF font; PDF documents are unavailable"),
    }
    loaded
}

/// The configured file store, or a directory `files` in the data
/// directory; uploads wait in `tmp` there while they arrive.
pub fn file_store(config: &Config) -> anyhow::Result<FileStore> {
    let temp_dir = config.data_dir.join("tmp");
    let store = match &config.storage_url {
        Some(url) => FileStore::open(url, &temp_dir),
        None => FileStore::local(&config.data_dir.join("files"), &temp_dir),
    }
    .context("cannot open the file store")?;
    info!(location = store.location(), "file store ready");
    Ok(store)
}

/// The first start creates `admin`, with the configured password or a
/// generated one printed once; a database that has users is left alone.
pub async fn ensure_admin(db: &DatabaseConnection, config: &Config) -> anyhow::Result<()> {
    if users::count(db).await? > 0 {
        return Ok(());
    }
    let (password, generated) = match &config.admin_password {
        Some(secret) => (secret.expose().to_owned(), false),
        None => (tokens::new_refresh_token()[..20].to_owned(), true),
    };
    let hash = passwords::hash(&password).map_err(|e| anyhow::anyhow!("{e}"))?;
    let admin = NewUser {
        username: "admin".into(),
        password_hash: hash,
        display_name: "Administrator".into(),
        roles: vec!["admin".into()],
        customer_id: None,
    };
    users::insert(db, admin).await?;
    if generated {
        // Printed on purpose, once: the operator needs it to log in.
        println!("Created user 'admin' with password: {password}");
        warn!("the admin password was generated and printed once; change it after logging in");
    } else {
        info!("created user 'admin' with the password from LOANBOOK_ADMIN_PASSWORD");
    }
    Ok(())
}

/// The configured token secret, or one generated once and kept in the data
/// directory so tokens survive restarts.
fn signing_secret(config: &Config) -> anyhow::Result<Secret> {
    if let Some(secret) = &config.jwt_secret {
        return Ok(secret.clone());
    }
    let path = config.data_dir.join("jwt_secret");
    if Path::new(&path).exists() {
        let text = std::fs::read_to_string(&path)?;
        return Ok(Secret::new(text.trim()));
    }
    let secret = tokens::new_signing_secret();
    std::fs::write(&path, secret.expose())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(secret)
}
