//! Approval rules (审批): who may approve an application and when one approval
//! is enough.
//!
//! A four-eyes rule. Nobody approves an application they applied for or
//! created. At or below the approval threshold, and within the customer's
//! credit limit, one approval decides. Above the threshold (amount greater
//! than it) or beyond the credit limit, two different people must approve and
//! at least one of them must do so as a manager: after a reviewer's approval
//! the second must come from a manager; after a manager's, any other reviewer
//! may give it. Whether a user may review at all is a permission, checked by
//! the caller.

use crate::{DomainError, Money};

const OWN_APPLICATION: &str = "The applicant or the creator of an application may not approve it.";
const SAME_APPROVER: &str = "One person may not give both approvals of an application.";
const MANAGER_NEEDED: &str = "An application above the approval threshold or the \
    credit limit needs a manager's approval; the first approver was not a manager, \
    so the second must be.";

/// A user, by the 128-bit value of their id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserRef(pub u128);

/// An approval already given to the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approval {
    /// Who approved.
    pub approver: UserRef,
    /// Whether they approved in the manager role.
    pub as_manager: bool,
}

/// An approval about to be given, with what the rules need to judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApprovalRequest {
    /// The amount being approved (the approved terms when they change it).
    pub amount: Money,
    /// The approval threshold of the product; above it two approvals are needed.
    pub threshold: Money,
    /// The customer user who applied, when the customer applied online.
    pub applicant: Option<UserRef>,
    /// The user who created the application (the applicant or sales staff).
    pub creator: UserRef,
    /// The user approving now.
    pub approver: UserRef,
    /// Whether the approver acts in the manager role.
    pub approver_is_manager: bool,
    /// Whether the amount takes the customer beyond their credit limit.
    pub exceeds_credit_limit: bool,
}

/// What an allowed approval achieves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalOutcome {
    /// Every approval needed is given: apply the `Approved` event.
    Approved,
    /// Recorded, but a manager must still approve; the status stays submitted.
    NeedsManagerApproval,
    /// Recorded by a manager, but a second person (any reviewer) must still
    /// approve; the status stays submitted.
    NeedsSecondApproval,
}

/// Judges `request` given the approvals `earlier` recorded on the application.
pub fn decide_approval(
    request: &ApprovalRequest,
    earlier: &[Approval],
) -> Result<ApprovalOutcome, DomainError> {
    let approver = Some(request.approver);
    let own = approver == Some(request.creator) || approver == request.applicant;
    if own {
        return Err(DomainError::ApprovalRule(OWN_APPLICATION));
    }
    if earlier
        .iter()
        .any(|approval| approval.approver == request.approver)
    {
        return Err(DomainError::ApprovalRule(SAME_APPROVER));
    }

    if !needs_two_approvals(request) {
        return Ok(ApprovalOutcome::Approved);
    }
    if earlier.is_empty() {
        return Ok(first_of_two(request.approver_is_manager));
    }

    let manager_approved = earlier.iter().any(|approval| approval.as_manager);
    if !manager_approved && !request.approver_is_manager {
        return Err(DomainError::ApprovalRule(MANAGER_NEEDED));
    }
    Ok(ApprovalOutcome::Approved)
}

/// Above the threshold or beyond the credit limit.
fn needs_two_approvals(request: &ApprovalRequest) -> bool {
    request.amount > request.threshold || request.exceeds_credit_limit
}

/// What the first of two needed approvals leaves to do.
fn first_of_two(by_manager: bool) -> ApprovalOutcome {
    if by_manager {
        ApprovalOutcome::NeedsSecondApproval
    } else {
        ApprovalOutcome::NeedsManagerApproval
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CUSTOMER: UserRef = UserRef(1);
    const SALES: UserRef = UserRef(2);
    const REVIEWER: UserRef = UserRef(3);
    const OTHER_REVIEWER: UserRef = UserRef(4);
    const MANAGER: UserRef = UserRef(5);

    fn money(fen: i64) -> Money {
        Money::from_fen(fen)
    }

    /// 100000.00 applied for against the default threshold of 100000.00.
    fn request(approver: UserRef, is_manager: bool) -> ApprovalRequest {
        ApprovalRequest {
            amount: money(10_000_000),
            threshold: money(10_000_000),
            applicant: Some(CUSTOMER),
            creator: SALES,
            approver,
            approver_is_manager: is_manager,
            exceeds_credit_limit: false,
        }
    }

    fn above_threshold(approver: UserRef, is_manager: bool) -> ApprovalRequest {
        ApprovalRequest {
            amount: money(10_000_001),
            ..request(approver, is_manager)
        }
    }

    fn by(approver: UserRef, as_manager: bool) -> Approval {
        Approval {
            approver,
            as_manager,
        }
    }

    #[test]
    fn one_approval_decides_at_the_threshold_itself() {
        let outcome = decide_approval(&request(REVIEWER, false), &[]);

        assert_eq!(outcome, Ok(ApprovalOutcome::Approved));
    }

    #[test]
    fn a_reviewers_approval_one_fen_above_the_threshold_waits_for_a_manager() {
        let outcome = decide_approval(&above_threshold(REVIEWER, false), &[]);

        assert_eq!(outcome, Ok(ApprovalOutcome::NeedsManagerApproval));
    }

    #[test]
    fn a_managers_first_approval_above_the_threshold_still_needs_a_second_person() {
        let outcome = decide_approval(&above_threshold(MANAGER, true), &[]);

        assert_eq!(outcome, Ok(ApprovalOutcome::NeedsSecondApproval));
    }

    #[test]
    fn a_manager_completes_a_reviewers_approval() {
        let earlier = [by(REVIEWER, false)];

        let outcome = decide_approval(&above_threshold(MANAGER, true), &earlier);

        assert_eq!(outcome, Ok(ApprovalOutcome::Approved));
    }

    #[test]
    fn any_other_reviewer_completes_a_managers_approval() {
        let earlier = [by(MANAGER, true)];

        let outcome = decide_approval(&above_threshold(REVIEWER, false), &earlier);

        assert_eq!(outcome, Ok(ApprovalOutcome::Approved));
    }

    #[test]
    fn two_reviewers_without_a_manager_cannot_approve_above_the_threshold() {
        let earlier = [by(REVIEWER, false)];

        let outcome = decide_approval(&above_threshold(OTHER_REVIEWER, false), &earlier);

        assert_eq!(outcome, Err(DomainError::ApprovalRule(MANAGER_NEEDED)));
    }

    #[test]
    fn one_person_cannot_give_both_approvals_even_as_a_manager() {
        let earlier = [by(MANAGER, true)];

        let outcome = decide_approval(&above_threshold(MANAGER, true), &earlier);

        assert_eq!(outcome, Err(DomainError::ApprovalRule(SAME_APPROVER)));
    }

    #[test]
    fn the_creator_may_not_approve_even_below_the_threshold_or_as_a_manager() {
        let outcome = decide_approval(&request(SALES, true), &[]);

        assert_eq!(outcome, Err(DomainError::ApprovalRule(OWN_APPLICATION)));
    }

    #[test]
    fn the_applicant_may_not_approve() {
        let outcome = decide_approval(&request(CUSTOMER, false), &[]);

        assert_eq!(outcome, Err(DomainError::ApprovalRule(OWN_APPLICATION)));
    }

    #[test]
    fn exceeding_the_credit_limit_needs_two_approvals_below_the_threshold() {
        let small = ApprovalRequest {
            amount: money(100_000),
            exceeds_credit_limit: true,
            ..request(REVIEWER, false)
        };

        let outcome = decide_approval(&small, &[]);

        assert_eq!(outcome, Ok(ApprovalOutcome::NeedsManagerApproval));
    }

    #[test]
    fn a_second_approver_who_cuts_the_amount_to_the_threshold_decides_alone() {
        let earlier = [by(REVIEWER, false)];

        let outcome = decide_approval(&request(OTHER_REVIEWER, false), &earlier);

        assert_eq!(outcome, Ok(ApprovalOutcome::Approved));
    }
}
