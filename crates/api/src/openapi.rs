//! The OpenAPI document: every route, schema, example and error response.
//! `loanbook openapi > openapi/openapi.json` regenerates the committed copy,
//! and a test fails when the two differ.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::{Problem, ProblemField, responses};
use crate::routes;

/// Adds the bearer scheme that Swagger UI's Authorize button uses.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .bearer_format("JWT")
            .description(Some("The access_token from POST /api/v1/auth/login"))
            .build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The API's OpenAPI description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Loanbook API",
        description = "Customer loan management (客户借款管理): applications, review, \
            disbursement and loan notes, schedules, repayments, overdue tracking and reports. \
            Amounts are decimal strings with two places; dates are YYYY-MM-DD in the business \
            time zone; errors are RFC 9457 problem documents, in Chinese with \
            `Accept-Language: zh-CN`. Each operation names the roles allowed to call it.",
        license(name = "Apache-2.0")
    ),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
    paths(
        routes::health::live, routes::health::ready,
        routes::auth::login, routes::auth::refresh, routes::auth::logout, routes::auth::me,
        routes::users::create, routes::users::list, routes::users::read, routes::users::update,
        routes::customers::create, routes::customers::list, routes::customers::read,
        routes::customers::update,
        routes::documents::upload_to_application, routes::documents::list_of_application,
        routes::documents::upload_to_customer, routes::documents::list_of_customer,
        routes::documents::upload_to_loan, routes::documents::list_of_loan,
        routes::documents::read, routes::documents::content, routes::documents::remove,
        routes::applications::create, routes::applications::list, routes::applications::read,
        routes::applications::submit, routes::applications::withdraw,
        routes::applications::return_for_information, routes::applications::reject,
        routes::applications::cancel, routes::applications::approve,
        routes::applications::disburse,
        routes::assessments::assess, routes::assessments::list,
        routes::products::create, routes::products::list, routes::products::read,
        routes::products::update,
        routes::loans::list, routes::loans::read, routes::loans::note,
        routes::loans::record_repayment, routes::loans::list_repayments, routes::loans::reverse,
        routes::loans::payoff_quote,
        routes::notes::note_pdf, routes::notes::note_html, routes::notes::schedule_pdf,
        routes::notes::schedule_html,
        routes::reports::loan_detail,
        routes::schedule::preview,
        routes::admin::read_business_date, routes::admin::set_business_date,
        routes::admin::clear_business_date,
        routes::assessments::read_rules, routes::assessments::set_rules,
    ),
    components(
        schemas(Problem, ProblemField),
        responses(
            responses::Malformed, responses::Unauthorized, responses::Forbidden,
            responses::NotFound, responses::Conflict, responses::PreconditionFailed, responses::UnsupportedMediaType,
            responses::Invalid, responses::FileTooLarge, responses::UnsupportedFileType,
            responses::PdfUnavailable
        )
    ),
    tags(
        (name = "auth", description = "Tokens and the current user"),
        (name = "users", description = "Users and roles"),
        (name = "customers", description = "Borrowing customers (客户)"),
        (name = "documents", description = "Supporting documents (申请材料) of customers, applications and loans"),
        (name = "applications", description = "Loan applications (借款申请), credit assessment (信用评估), review and disbursement"),
        (name = "products", description = "Loan products: the ranges applications must fall in and the rules loans are booked with"),
        (name = "loans", description = "Loans (借款), balances and loan notes (借据)"),
        (name = "repayments", description = "Repayments (还款) and reversals"),
        (name = "reports", description = "Reports (报表)"),
        (name = "schedules", description = "Repayment schedules (还款计划)"),
        (name = "admin", description = "Administration"),
        (name = "health", description = "Liveness and readiness")
    )
)]
pub struct ApiDoc;

/// The document as pretty JSON with a trailing newline, as committed.
pub fn document_json() -> String {
    let mut text = ApiDoc::openapi().to_pretty_json().unwrap_or_default();
    text.push('\n');
    text
}
