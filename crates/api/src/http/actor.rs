//! The acting user: extracted from the bearer token once per request and
//! passed to every service call. Roles map to permissions here, in one table.

use std::future::{Ready, ready};
use std::str::FromStr;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::{FromRequest, HttpMessage, HttpRequest, web};
use loanbook_persistence::repo::Scope;
use uuid::Uuid;

use crate::auth::tokens::TokenKeys;
use crate::error::ApiError;

/// A default role of DESIGN §8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Users, settings, customers.
    Admin,
    /// Creates customers and applications for the customers they manage.
    Sales,
    /// A borrower's own user: only their customer's records.
    Customer,
    /// Assesses, approves, rejects and returns applications.
    Reviewer,
    /// Second approval, write-off, waivers, reschedules.
    Manager,
    /// Disburses, records and reverses repayments.
    Cashier,
    /// Reminders, dunning, contact log.
    Collector,
    /// Reads everything, changes nothing.
    Auditor,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 8] = [
        Role::Admin,
        Role::Sales,
        Role::Customer,
        Role::Reviewer,
        Role::Manager,
        Role::Cashier,
        Role::Collector,
        Role::Auditor,
    ];

    /// The API name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Sales => "sales",
            Role::Customer => "customer",
            Role::Reviewer => "reviewer",
            Role::Manager => "manager",
            Role::Cashier => "cashier",
            Role::Collector => "collector",
            Role::Auditor => "auditor",
        }
    }
}

impl FromStr for Role {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        Role::ALL.into_iter().find(|r| r.as_str() == text).ok_or(())
    }
}

/// An action that needs a permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Create and change users.
    UserManage,
    /// List and read users.
    UserRead,
    /// Change settings such as the business date.
    SettingsManage,
    /// Create and change customers.
    CustomerWrite,
    /// Read customers (within the reader's scope).
    CustomerRead,
    /// Create, submit and withdraw applications.
    ApplicationWrite,
    /// Read applications.
    ApplicationRead,
    /// Assess, approve, return, reject, cancel.
    ApplicationReview,
    /// Disburse an approved application.
    LoanDisburse,
    /// Read loans, schedules, notes and quotes.
    LoanRead,
    /// Record and reverse repayments.
    RepaymentRecord,
    /// Record value dates before the business date.
    Backdate,
    /// Read reports.
    ReportRead,
    /// Upload supporting documents to customers and applications (within
    /// the uploader's scope: a customer user its own, sales the customers
    /// they manage).
    DocumentUpload,
    /// Upload supporting documents to loans; as `DocumentUpload`, plus the
    /// cashier, who files disbursement papers.
    LoanDocumentUpload,
    /// Read documents and their content, where the owning record is
    /// readable.
    DocumentRead,
    /// Delete any document in scope; everyone else may delete only what they
    /// uploaded themselves.
    DocumentDeleteAny,
    /// Create and change loan products.
    ProductManage,
    /// Read loan products.
    ProductRead,
    /// Read credit assessments and the scorecard (not customers: the
    /// reviewer's opinion is internal).
    AssessmentRead,
}

impl Permission {
    /// The roles that hold this permission by default.
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Permission::UserManage | Permission::SettingsManage | Permission::ProductManage => {
                &[Admin]
            }
            Permission::UserRead => &[Admin, Auditor],
            Permission::CustomerWrite => &[Admin, Sales],
            Permission::CustomerRead
            | Permission::LoanRead
            | Permission::ApplicationRead
            | Permission::ProductRead => &[
                Admin, Sales, Customer, Reviewer, Manager, Cashier, Collector, Auditor,
            ],
            Permission::ApplicationWrite => &[Sales, Customer],
            Permission::ApplicationReview => &[Reviewer, Manager],
            Permission::LoanDisburse | Permission::RepaymentRecord | Permission::Backdate => {
                &[Cashier]
            }
            Permission::ReportRead => &[Admin, Reviewer, Manager, Cashier, Auditor],
            Permission::AssessmentRead => &[Admin, Sales, Reviewer, Manager, Cashier, Auditor],
            Permission::DocumentUpload => &[Admin, Sales, Customer, Reviewer, Manager],
            Permission::LoanDocumentUpload => &[Admin, Sales, Customer, Reviewer, Manager, Cashier],
            Permission::DocumentRead => &[
                Admin, Sales, Customer, Reviewer, Manager, Cashier, Collector, Auditor,
            ],
            Permission::DocumentDeleteAny => &[Admin, Reviewer, Manager],
        }
    }

    /// The roles as a sentence for the API documentation.
    pub fn roles_text(self) -> String {
        let names: Vec<&str> = self.roles().iter().map(Role::as_str).collect();
        names.join(", ")
    }
}

/// The authenticated caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The user's id.
    pub user_id: Uuid,
    /// The login name.
    pub username: String,
    /// The roles from the token.
    pub roles: Vec<Role>,
    /// The customer of a `customer` user.
    pub customer_id: Option<Uuid>,
}

impl Actor {
    /// True when one of the actor's roles holds the permission.
    pub fn can(&self, permission: Permission) -> bool {
        permission
            .roles()
            .iter()
            .any(|role| self.roles.contains(role))
    }

    /// Refuses with 403 unless the actor holds the permission.
    pub fn require(&self, permission: Permission) -> Result<(), ApiError> {
        if self.can(permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// True when the actor has this role.
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Which customers' records the actor may see. Staff roles other than
    /// sales see everything; a sales-only user sees the customers they
    /// manage; a customer user sees only their own customer.
    pub fn scope(&self) -> Scope {
        let broad = [Role::Admin, Role::Reviewer, Role::Manager, Role::Cashier];
        let sees_all = broad
            .iter()
            .chain(&[Role::Collector, Role::Auditor])
            .any(|r| self.has(*r));
        if sees_all {
            return Scope::All;
        }
        if self.has(Role::Sales) {
            return Scope::ManagedBy(self.user_id);
        }
        Scope::Customer(self.customer_id.unwrap_or(Uuid::nil()))
    }
}

impl FromRequest for Actor {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(authenticate(req))
    }
}

fn authenticate(req: &HttpRequest) -> Result<Actor, ApiError> {
    if let Some(actor) = req.extensions().get::<Actor>() {
        return Ok(actor.clone());
    }
    let keys = req
        .app_data::<web::Data<TokenKeys>>()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("token keys are not configured")))?;
    let header = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or(ApiError::Unauthorized(
            "send Authorization: Bearer <access token>",
        ))?;
    let token = header
        .strip_prefix("Bearer ")
        .ok_or(ApiError::Unauthorized(
            "the Authorization header must use the Bearer scheme",
        ))?;
    let actor = keys.verify(token.trim())?;
    tracing::Span::current().record("user", actor.username.as_str());
    req.extensions_mut().insert(actor.clone());
    Ok(actor)
}
