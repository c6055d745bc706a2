//! Services: the steps of each command that touches more than one record —
//! open a transaction, load, apply the domain rule, save, commit.

pub mod applications;
pub mod assessments;
pub mod content_type;
pub mod documents;
pub mod loans;
pub mod notes;
pub mod users;
