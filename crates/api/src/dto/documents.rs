//! Supporting documents: the upload form (for the API documentation; the
//! handler streams it), the metadata view and the deletion request.

use loanbook_persistence::repo::documents::DocumentRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::format_timestamp;

/// The multipart/form-data body of an upload. The two parts may come in
/// either order.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadDocumentForm {
    /// What the file is.
    #[schema(value_type = DocumentTypeName)]
    pub document_type: String,
    /// The file, with its name in the part's `filename`. PDF, JPEG, PNG,
    /// XLSX or DOCX, judged by its content (not by its name or declared
    /// type); at most `LOANBOOK_DOCUMENT_MAX_BYTES` (default 20 MiB).
    #[schema(value_type = String, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

/// The document types.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case", example = "business_licence")]
#[allow(dead_code)]
pub enum DocumentTypeName {
    /// 营业执照: business licence.
    BusinessLicence,
    /// 财务报表: financial statements.
    FinancialStatements,
    /// 经营计划书: business plan.
    BusinessPlan,
    /// An identity document.
    IdDocument,
    /// A contract.
    Contract,
    /// Anything else.
    Other,
}

/// What a document can be attached to.
#[derive(ToSchema)]
#[schema(rename_all = "snake_case", example = "application")]
#[allow(dead_code)]
pub enum OwnerKindName {
    /// A customer.
    Customer,
    /// A loan application.
    Application,
    /// A loan.
    Loan,
}

/// A document's metadata.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "01939a2e-7c4f-7a51-9d0e-4a1f2b3c4d5e", "owner_kind": "application",
    "owner_id": "01939a2e-5b2a-7c3d-8e4f-5a6b7c8d9e0f",
    "customer_id": "01939a2e-1a2b-7c3d-8e4f-5a6b7c8d9e0f",
    "document_type": "business_licence", "file_name": "营业执照.pdf",
    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "size_bytes": 183204, "content_type": "application/pdf",
    "uploaded_by": "01939a2d-0000-7000-8000-000000000001",
    "uploaded_at": "2026-12-04T08:30:00Z", "deleted_at": null, "deleted_by": null,
    "deletion_reason": null,
    "content_url": "/api/v1/documents/01939a2e-7c4f-7a51-9d0e-4a1f2b3c4d5e/content"
}))]
pub struct DocumentView {
    /// Id.
    pub id: String,
    /// What it is attached to.
    #[schema(value_type = OwnerKindName)]
    pub owner_kind: String,
    /// The owning customer, application or loan.
    pub owner_id: String,
    /// The customer the owner belongs to.
    pub customer_id: String,
    /// What the file is, as the uploader declared.
    #[schema(value_type = DocumentTypeName)]
    pub document_type: String,
    /// The file name as uploaded.
    pub file_name: String,
    /// Lower-case hex SHA-256 of the content; also the content's ETag.
    pub sha256: String,
    /// Size in bytes.
    pub size_bytes: u64,
    /// The content type detected from the bytes.
    #[schema(example = "application/pdf")]
    pub content_type: String,
    /// Who uploaded it.
    pub uploaded_by: String,
    /// When.
    pub uploaded_at: String,
    /// When it was deleted; null while it is not.
    pub deleted_at: Option<String>,
    /// Who deleted it.
    pub deleted_by: Option<String>,
    /// Why it was deleted.
    pub deletion_reason: Option<String>,
    /// Where to download the content.
    pub content_url: String,
}

impl From<&DocumentRecord> for DocumentView {
    fn from(d: &DocumentRecord) -> Self {
        let deletion = d.deletion.as_ref();
        DocumentView {
            id: d.id.to_string(),
            owner_kind: d.owner.as_str().to_owned(),
            owner_id: d.owner_id.to_string(),
            customer_id: d.customer_id.to_string(),
            document_type: d.document_type.as_str().to_owned(),
            file_name: d.file_name.clone(),
            sha256: d.file.sha256.clone(),
            size_bytes: d.file.size,
            content_type: d.content_type.clone(),
            uploaded_by: d.uploaded_by.to_string(),
            uploaded_at: format_timestamp(d.uploaded_at),
            deleted_at: deletion.map(|x| format_timestamp(x.at)),
            deleted_by: deletion.map(|x| x.by.to_string()),
            deletion_reason: deletion.map(|x| x.reason.clone()),
            content_url: format!("/api/v1/documents/{}/content", d.id),
        }
    }
}

/// Why a document is deleted; kept with it for the audit trail.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteDocumentRequest {
    /// Why, 1 to 500 characters.
    #[schema(example = "上传了错误年度的财务报表")]
    pub reason: String,
}

/// Paging and the deleted-documents switch of a document list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentListQuery {
    /// Page size, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Also list deleted documents, with who deleted them and why.
    pub include_deleted: Option<bool>,
}
