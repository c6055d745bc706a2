//! HTTP plumbing shared by every route: the JSON body extractor, error
//! localisation, the acting user, paging and ETags.

mod actor;
mod body;
pub mod download;
mod localize;
mod paging;
pub mod upload;

pub use actor::{Actor, Permission, Role};
pub use body::Body;
pub use localize::localize;
pub use paging::{ListQuery, Paged, check_if_match, etag, if_match, page_request};
