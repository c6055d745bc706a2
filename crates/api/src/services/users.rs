//! Users: creation with checked roles, and the first admin.

use loanbook_persistence::ConnectionTrait;
use loanbook_persistence::repo::users::{self, NewUser, UserRecord};
use loanbook_persistence::repo::{Scope, customers};
use uuid::Uuid;

use crate::auth::passwords;
use crate::dto::users::CreateUserRequest;
use crate::error::{ApiError, FieldError};
use crate::http::Role;

/// Checks role names.
pub fn parse_roles(names: &[String]) -> Result<Vec<Role>, ApiError> {
    if names.is_empty() {
        return Err(ApiError::field(
            "roles",
            "give at least one role",
            "至少指定一个角色",
        ));
    }
    names
        .iter()
        .map(|name| {
            name.parse::<Role>().map_err(|()| {
                ApiError::field(
                    "roles",
                    format!("unknown role {name:?}"),
                    format!("未知角色 {name:?}"),
                )
            })
        })
        .collect()
}

/// Checks a new password's length.
pub fn check_password(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < 10 {
        return Err(ApiError::field(
            "password",
            "the password must have at least 10 characters",
            "密码至少 10 个字符",
        ));
    }
    Ok(())
}

fn check_username(name: &str) -> Result<(), ApiError> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    if !(3..=64).contains(&name.len()) || !name.chars().all(allowed) {
        return Err(ApiError::Validation(vec![FieldError::new(
            "username",
            "3 to 64 letters, digits, '.', '_' or '-'",
            "用户名须为 3 至 64 个字母、数字或 . _ -",
        )]));
    }
    Ok(())
}

/// Checks a display name: 1 to 100 characters, no control characters.
pub fn check_display_name(name: &str) -> Result<String, ApiError> {
    let trimmed = name.trim();
    let length = trimmed.chars().count();
    if !crate::dto::is_clean(trimmed) || !(1..=100).contains(&length) {
        return Err(ApiError::field(
            "display_name",
            "1 to 100 characters without control characters",
            "显示名称须为 1 至 100 个字符，且不含控制字符",
        ));
    }
    Ok(trimmed.to_owned())
}

/// Refuses a change that would leave no active admin, so nobody can lock
/// every administrator out.
pub async fn keep_an_admin(
    db: &impl ConnectionTrait,
    target: Uuid,
    roles: Option<&[Role]>,
    active: Option<bool>,
) -> Result<(), ApiError> {
    let user = users::find(db, target).await?;
    let is_admin = user.active && user.roles.iter().any(|r| r == "admin");
    let stays_admin = active != Some(false) && roles.is_none_or(|r| r.contains(&Role::Admin));
    if !is_admin || stays_admin || other_admins(db, target).await? > 0 {
        return Ok(());
    }
    Err(ApiError::conflict(
        "this is the last active admin; make another admin first",
        "这是最后一个有效的管理员，请先设置另一位管理员",
    ))
}

async fn other_admins(db: &impl ConnectionTrait, except: Uuid) -> Result<usize, ApiError> {
    let mut count = 0;
    let mut after = None;
    loop {
        let page = users::list(
            db,
            loanbook_persistence::repo::PageRequest { limit: 200, after },
        )
        .await?;
        count += page
            .items
            .iter()
            .filter(|u| u.id != except && u.active && u.roles.iter().any(|r| r == "admin"))
            .count();
        match page.next_cursor {
            Some(cursor) => after = Some(cursor),
            None => return Ok(count),
        }
    }
}

/// Creates a user after checking its name, password, roles and customer.
pub async fn create(
    db: &impl ConnectionTrait,
    request: &CreateUserRequest,
) -> Result<UserRecord, ApiError> {
    check_username(&request.username)?;
    check_password(&request.password)?;
    let roles = parse_roles(&request.roles)?;
    let customer_id = customer_of(db, &roles, request.customer_id.as_deref()).await?;
    let new = NewUser {
        username: request.username.to_ascii_lowercase(),
        password_hash: passwords::hash(&request.password)?,
        display_name: check_display_name(&request.display_name)?,
        roles: roles.iter().map(|r| r.as_str().to_owned()).collect(),
        customer_id,
    };
    users::insert(db, new)
        .await
        .map_err(|error| match ApiError::from(error) {
            ApiError::Conflict { .. } => {
                ApiError::conflict("the username is taken", "用户名已被占用")
            }
            other => other,
        })
}

/// A `customer` user must name an existing customer; others must not.
async fn customer_of(
    db: &impl ConnectionTrait,
    roles: &[Role],
    customer_id: Option<&str>,
) -> Result<Option<Uuid>, ApiError> {
    let is_customer = roles.contains(&Role::Customer);
    let invalid = |en: &str, zh: &str| ApiError::field("customer_id", en, zh);
    match (is_customer, customer_id) {
        (false, None) => Ok(None),
        (false, Some(_)) => Err(invalid(
            "only a customer user belongs to a customer",
            "只有客户用户可关联客户",
        )),
        (true, None) => Err(invalid(
            "a customer user must name its customer",
            "客户用户须指定所属客户",
        )),
        (true, Some(text)) => {
            let id =
                Uuid::parse_str(text).map_err(|_| invalid("not a customer id", "客户 ID 无效"))?;
            customers::find(db, Scope::All, id)
                .await
                .map_err(|_| invalid("no such customer", "客户不存在"))?;
            Ok(Some(id))
        }
    }
}
