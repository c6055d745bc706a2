//! Customers.

use loanbook_domain::CreditCode;
use loanbook_persistence::repo::customers::{CustomerDetails, CustomerRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{Fields, format_timestamp};
use crate::error::{ApiError, FieldError};

/// A new customer.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "福州闽江贸易有限公司", "credit_code": "91350100M000100Y43",
    "contact_name": "林晓", "phone": "13800000000", "email": "finance@example.com",
    "address": "福州市鼓楼区五一北路 1 号", "credit_limit": "500000.00"
}))]
pub struct CreateCustomerRequest {
    /// Registered name.
    pub name: String,
    /// 18-character unified social credit code (统一社会信用代码), check
    /// character validated.
    #[schema(example = "91350100M000100Y43")]
    pub credit_code: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub phone: String,
    /// Contact email.
    pub email: String,
    /// Registered address.
    pub address: String,
    /// Credit limit, a decimal string.
    #[schema(example = "500000.00")]
    pub credit_limit: String,
    /// The sales user who manages the customer (admins only; defaults to the
    /// creator when a sales user creates it).
    pub account_manager_id: Option<String>,
    /// Identifier in an outside system such as the ERP.
    pub external_id: Option<String>,
}

/// Changes to a customer; absent fields keep their value.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCustomerRequest {
    /// Registered name.
    pub name: Option<String>,
    /// Unified social credit code.
    pub credit_code: Option<String>,
    /// Contact person.
    pub contact_name: Option<String>,
    /// Contact phone.
    pub phone: Option<String>,
    /// Contact email.
    pub email: Option<String>,
    /// Registered address.
    pub address: Option<String>,
    /// Credit limit.
    pub credit_limit: Option<String>,
    /// The sales user who manages the customer (admins only).
    pub account_manager_id: Option<String>,
    /// Identifier in an outside system.
    pub external_id: Option<String>,
}

fn email(fields: &mut Fields, text: &str) -> Option<String> {
    let value = fields.text("email", text, 254)?;
    let valid = value.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.')
    });
    if !valid {
        fields.push(FieldError::new(
            "email",
            "not an email address",
            "邮箱地址无效",
        ));
        return None;
    }
    Some(value)
}

fn uuid_field(fields: &mut Fields, field: &str, text: &str) -> Option<Uuid> {
    let parsed = Uuid::parse_str(text).ok();
    if parsed.is_none() {
        fields.push(FieldError::new(field, "not an id", "不是有效的 ID"));
    }
    parsed
}

impl CreateCustomerRequest {
    /// Parses the request into customer details.
    pub fn parse(&self) -> Result<CustomerDetails, ApiError> {
        let mut f = Fields::new();
        let name = f.text("name", &self.name, 200);
        let code = f.check("credit_code", CreditCode::parse(&self.credit_code));
        let contact_name = f.text("contact_name", &self.contact_name, 100);
        let phone = f.text("phone", &self.phone, 40);
        let email = email(&mut f, &self.email);
        let address = f.text("address", &self.address, 500);
        let credit_limit = f.money("credit_limit", &self.credit_limit);
        let manager = self
            .account_manager_id
            .as_deref()
            .map(|t| uuid_field(&mut f, "account_manager_id", t));
        let external_id = self
            .external_id
            .as_deref()
            .map(|t| f.text("external_id", t, 100));
        let (
            Some(name),
            Some(code),
            Some(contact_name),
            Some(phone),
            Some(email),
            Some(address),
            Some(credit_limit),
        ) = (
            name,
            code,
            contact_name,
            phone,
            email,
            address,
            credit_limit,
        )
        else {
            return Err(f.into_error());
        };
        f.finish()?;
        Ok(CustomerDetails {
            name,
            credit_code: code.as_str().to_owned(),
            contact_name,
            phone,
            email,
            address,
            credit_limit,
            account_manager_id: manager.flatten(),
            external_id: external_id.flatten(),
        })
    }
}

impl UpdateCustomerRequest {
    /// Applies the changes to the current details.
    pub fn apply(&self, current: &CustomerDetails) -> Result<CustomerDetails, ApiError> {
        let mut f = Fields::new();
        let mut next = current.clone();
        if let Some(v) = &self.name {
            next.name = f.text("name", v, 200).unwrap_or_default();
        }
        if let Some(v) = &self.credit_code {
            let code = f.check("credit_code", CreditCode::parse(v));
            next.credit_code = code.map(|c| c.as_str().to_owned()).unwrap_or_default();
        }
        if let Some(v) = &self.contact_name {
            next.contact_name = f.text("contact_name", v, 100).unwrap_or_default();
        }
        if let Some(v) = &self.phone {
            next.phone = f.text("phone", v, 40).unwrap_or_default();
        }
        if let Some(v) = &self.email {
            next.email = email(&mut f, v).unwrap_or_default();
        }
        if let Some(v) = &self.address {
            next.address = f.text("address", v, 500).unwrap_or_default();
        }
        if let Some(v) = &self.credit_limit {
            next.credit_limit = f.money("credit_limit", v).unwrap_or_default();
        }
        if let Some(v) = &self.account_manager_id {
            next.account_manager_id = uuid_field(&mut f, "account_manager_id", v);
        }
        if let Some(v) = &self.external_id {
            next.external_id = f.text("external_id", v, 100);
        }
        f.finish()?;
        Ok(next)
    }
}

/// A customer.
#[derive(Debug, Serialize, ToSchema)]
pub struct CustomerView {
    /// Id.
    pub id: String,
    /// Registered name.
    pub name: String,
    /// Unified social credit code.
    pub credit_code: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub phone: String,
    /// Contact email.
    pub email: String,
    /// Registered address.
    pub address: String,
    /// Credit limit.
    #[schema(example = "500000.00")]
    pub credit_limit: String,
    /// The sales user who manages the customer.
    pub account_manager_id: Option<String>,
    /// Identifier in an outside system.
    pub external_id: Option<String>,
    /// Creation time.
    pub created_at: String,
    /// Last change.
    pub updated_at: String,
}

impl From<&CustomerRecord> for CustomerView {
    fn from(c: &CustomerRecord) -> Self {
        let d = &c.details;
        CustomerView {
            id: c.id.to_string(),
            name: d.name.clone(),
            credit_code: d.credit_code.clone(),
            contact_name: d.contact_name.clone(),
            phone: d.phone.clone(),
            email: d.email.clone(),
            address: d.address.clone(),
            credit_limit: d.credit_limit.to_string(),
            account_manager_id: d.account_manager_id.map(|id| id.to_string()),
            external_id: d.external_id.clone(),
            created_at: format_timestamp(c.created_at),
            updated_at: format_timestamp(c.updated_at),
        }
    }
}
