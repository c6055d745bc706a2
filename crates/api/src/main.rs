//! The `loanbook` binary: serve the API (default), print the OpenAPI
//! document, or load the demo book.

use clap::{Parser, Subcommand};
use loanbook_api::{Application, Config, openapi, telemetry};

/// Customer loan management server.
#[derive(Parser)]
#[command(name = "loanbook", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API (the default).
    Serve,
    /// Print the OpenAPI document to standard output.
    Openapi,
    /// Load a realistic two-year demo book into an empty database.
    Demo(loanbook_api::demo::DemoOptions),
}

#[actix_web::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Openapi => {
            print!("{}", openapi::document_json());
            Ok(())
        }
        Command::Serve => serve().await,
        Command::Demo(options) => loanbook_api::demo::run(options).await,
    }
}

async fn serve() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    telemetry::init(config.log_format);
    let app = Application::build(&config).await?;
    tracing::info!(
        port = app.port(),
        "Loanbook is listening on {}",
        config.bind
    );
    app.run().await?;
    Ok(())
}
