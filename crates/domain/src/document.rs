//! Supporting documents (申请材料): their types, what they belong to, and
//! when one may be deleted. The files themselves are storage's concern.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::ApplicationStatus;

/// What a document is, as the uploader declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentType {
    /// 营业执照: the business licence.
    BusinessLicence,
    /// 财务报表: financial statements.
    FinancialStatements,
    /// 经营计划书: the business plan.
    BusinessPlan,
    /// An identity document of a representative.
    IdDocument,
    /// A signed contract.
    Contract,
    /// Anything else.
    Other,
}

impl DocumentType {
    /// Every type, in the order the API lists them.
    pub const ALL: [DocumentType; 6] = [
        DocumentType::BusinessLicence,
        DocumentType::FinancialStatements,
        DocumentType::BusinessPlan,
        DocumentType::IdDocument,
        DocumentType::Contract,
        DocumentType::Other,
    ];

    /// The API and storage name.
    pub fn as_str(&self) -> &'static str {
        match self {
            DocumentType::BusinessLicence => "business_licence",
            DocumentType::FinancialStatements => "financial_statements",
            DocumentType::BusinessPlan => "business_plan",
            DocumentType::IdDocument => "id_document",
            DocumentType::Contract => "contract",
            DocumentType::Other => "other",
        }
    }
}

/// A name that is not one of [`DocumentType::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown document type: {0}")]
pub struct UnknownDocumentType(pub String);

impl fmt::Display for DocumentType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentType {
    type Err = UnknownDocumentType;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DocumentType::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| UnknownDocumentType(text.to_owned()))
    }
}

/// The kind of record a document is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwnerKind {
    /// A customer (客户), e.g. its business licence.
    Customer,
    /// A loan application (借款申请).
    Application,
    /// A disbursed loan (借款).
    Loan,
}

impl OwnerKind {
    /// Every kind.
    pub const ALL: [OwnerKind; 3] = [OwnerKind::Customer, OwnerKind::Application, OwnerKind::Loan];

    /// The API and storage name.
    pub fn as_str(&self) -> &'static str {
        match self {
            OwnerKind::Customer => "customer",
            OwnerKind::Application => "application",
            OwnerKind::Loan => "loan",
        }
    }
}

impl FromStr for OwnerKind {
    type Err = ();

    fn from_str(text: &str) -> Result<Self, ()> {
        OwnerKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or(())
    }
}

/// Why a document may not be deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DeletionRefused {
    /// Documents of a loan are part of the disbursed contract's file.
    #[error("documents of a loan cannot be deleted")]
    LoanDocument,
    /// The application was disbursed; its documents now back a loan.
    #[error("documents of a disbursed application cannot be deleted")]
    DisbursedApplication,
    /// The document was deleted before.
    #[error("the document is already deleted")]
    AlreadyDeleted,
}

/// Decides whether a document may be soft-deleted. A file attached to a
/// disbursed loan stays: documents of a loan never go, nor do those of an
/// application once it is disbursed. `application_status` is the owning
/// application's status when the owner is an application.
pub fn check_deletion(
    owner: OwnerKind,
    application_status: Option<ApplicationStatus>,
    already_deleted: bool,
) -> Result<(), DeletionRefused> {
    if already_deleted {
        return Err(DeletionRefused::AlreadyDeleted);
    }
    match owner {
        OwnerKind::Loan => Err(DeletionRefused::LoanDocument),
        OwnerKind::Application if application_status == Some(ApplicationStatus::Disbursed) => {
            Err(DeletionRefused::DisbursedApplication)
        }
        OwnerKind::Application | OwnerKind::Customer => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_round_trips_through_its_name() {
        for kind in DocumentType::ALL {
            assert_eq!(kind.as_str().parse::<DocumentType>(), Ok(kind));
        }
        assert!("licence".parse::<DocumentType>().is_err());
    }

    #[test]
    fn loan_documents_and_disbursed_application_documents_stay() {
        let disbursed = Some(ApplicationStatus::Disbursed);
        let draft = Some(ApplicationStatus::Draft);

        assert_eq!(
            check_deletion(OwnerKind::Loan, None, false),
            Err(DeletionRefused::LoanDocument)
        );
        assert_eq!(
            check_deletion(OwnerKind::Application, disbursed, false),
            Err(DeletionRefused::DisbursedApplication)
        );
        assert_eq!(check_deletion(OwnerKind::Application, draft, false), Ok(()));
        assert_eq!(check_deletion(OwnerKind::Customer, None, false), Ok(()));
        assert_eq!(
            check_deletion(OwnerKind::Customer, None, true),
            Err(DeletionRefused::AlreadyDeleted)
        );
    }
}
