//! The loan application (借款申请) lifecycle and its approval rules.
//!
//! [`apply`] is the whole state machine: a total function from a status and a
//! past-tense event to the next status or an [`DomainError::IllegalTransition`].
//! Whether an approval completes the review or waits for a second one is
//! decided by [`decide_approval`] before the `Approved` event is applied.
//! Nothing here knows about users' roles beyond what the caller passes in.

mod approval;

use std::fmt;
use std::str::FromStr;

use crate::DomainError;

pub use approval::{Approval, ApprovalOutcome, ApprovalRequest, UserRef, decide_approval};

/// Where a loan application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApplicationStatus {
    /// Being written; not yet sent for review.
    Draft,
    /// Waiting for review or for a second approval.
    Submitted,
    /// Sent back to the applicant for more information.
    Returned,
    /// Approved; waiting for disbursement.
    Approved,
    /// Refused by a reviewer. Final.
    Rejected,
    /// Withdrawn by the applicant before a decision. Final.
    Withdrawn,
    /// Paid out; the loan now lives on its own. Final.
    Disbursed,
    /// Approved but called off before disbursement. Final.
    Cancelled,
}

impl ApplicationStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [ApplicationStatus; 8] = [
        ApplicationStatus::Draft,
        ApplicationStatus::Submitted,
        ApplicationStatus::Returned,
        ApplicationStatus::Approved,
        ApplicationStatus::Rejected,
        ApplicationStatus::Withdrawn,
        ApplicationStatus::Disbursed,
        ApplicationStatus::Cancelled,
    ];

    /// The API and storage name.
    pub fn as_str(&self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "draft",
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::Returned => "returned",
            ApplicationStatus::Approved => "approved",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::Withdrawn => "withdrawn",
            ApplicationStatus::Disbursed => "disbursed",
            ApplicationStatus::Cancelled => "cancelled",
        }
    }
}

impl fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApplicationStatus {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
            .ok_or_else(|| DomainError::UnknownStatus(text.to_owned()))
    }
}

/// Something that happened to an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApplicationEvent {
    /// The applicant or sales staff sent it for review.
    Submitted,
    /// A reviewer sent it back for more information.
    Returned,
    /// A reviewer refused it.
    Rejected,
    /// The applicant took it back.
    Withdrawn,
    /// The last approval it needed was given.
    Approved,
    /// The cashier paid it out.
    Disbursed,
    /// An approved application was called off.
    Cancelled,
}

impl ApplicationEvent {
    /// Every event, in the order of the API's actions.
    pub const ALL: [ApplicationEvent; 7] = [
        ApplicationEvent::Submitted,
        ApplicationEvent::Returned,
        ApplicationEvent::Rejected,
        ApplicationEvent::Withdrawn,
        ApplicationEvent::Approved,
        ApplicationEvent::Disbursed,
        ApplicationEvent::Cancelled,
    ];

    /// The action as a verb, for error messages ("cannot approve when draft").
    pub fn verb(&self) -> &'static str {
        match self {
            ApplicationEvent::Submitted => "submit",
            ApplicationEvent::Returned => "return",
            ApplicationEvent::Rejected => "reject",
            ApplicationEvent::Withdrawn => "withdraw",
            ApplicationEvent::Approved => "approve",
            ApplicationEvent::Disbursed => "disburse",
            ApplicationEvent::Cancelled => "cancel",
        }
    }
}

/// The status after `event`, or the reason it cannot happen in `status`.
///
/// `draft → submitted → (returned → submitted)* → approved | rejected`;
/// `draft | submitted | returned → withdrawn`; `approved → disbursed | cancelled`.
pub fn apply(
    status: ApplicationStatus,
    event: ApplicationEvent,
) -> Result<ApplicationStatus, DomainError> {
    use ApplicationEvent as E;
    use ApplicationStatus as S;

    match (status, event) {
        (S::Draft | S::Returned, E::Submitted) => Ok(S::Submitted),
        (S::Submitted, E::Returned) => Ok(S::Returned),
        (S::Submitted, E::Approved) => Ok(S::Approved),
        (S::Submitted, E::Rejected) => Ok(S::Rejected),
        (S::Draft | S::Submitted | S::Returned, E::Withdrawn) => Ok(S::Withdrawn),
        (S::Approved, E::Disbursed) => Ok(S::Disbursed),
        (S::Approved, E::Cancelled) => Ok(S::Cancelled),

        (
            S::Draft | S::Returned,
            E::Returned | E::Rejected | E::Approved | E::Disbursed | E::Cancelled,
        )
        | (S::Submitted, E::Submitted | E::Disbursed | E::Cancelled)
        | (S::Approved, E::Submitted | E::Returned | E::Rejected | E::Withdrawn | E::Approved)
        | (
            S::Rejected | S::Withdrawn | S::Disbursed | S::Cancelled,
            E::Submitted
            | E::Returned
            | E::Rejected
            | E::Withdrawn
            | E::Approved
            | E::Disbursed
            | E::Cancelled,
        ) => Err(DomainError::IllegalTransition {
            state: status.as_str(),
            event: event.verb(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ApplicationStatus as S;

    /// The expected next status for every status (row) and event (column),
    /// columns in the order submit, return, reject, withdraw, approve,
    /// disburse, cancel. `None` is an illegal transition.
    const TABLE: [(ApplicationStatus, [Option<ApplicationStatus>; 7]); 8] = [
        (
            S::Draft,
            [
                Some(S::Submitted),
                None,
                None,
                Some(S::Withdrawn),
                None,
                None,
                None,
            ],
        ),
        (
            S::Submitted,
            [
                None,
                Some(S::Returned),
                Some(S::Rejected),
                Some(S::Withdrawn),
                Some(S::Approved),
                None,
                None,
            ],
        ),
        (
            S::Returned,
            [
                Some(S::Submitted),
                None,
                None,
                Some(S::Withdrawn),
                None,
                None,
                None,
            ],
        ),
        (
            S::Approved,
            [
                None,
                None,
                None,
                None,
                None,
                Some(S::Disbursed),
                Some(S::Cancelled),
            ],
        ),
        (S::Rejected, [None; 7]),
        (S::Withdrawn, [None; 7]),
        (S::Disbursed, [None; 7]),
        (S::Cancelled, [None; 7]),
    ];

    #[test]
    fn every_status_and_event_gives_the_transition_of_the_table() {
        for (status, row) in TABLE {
            for (event, expected) in ApplicationEvent::ALL.into_iter().zip(row) {
                let got = apply(status, event);
                let want = expected.ok_or(DomainError::IllegalTransition {
                    state: status.as_str(),
                    event: event.verb(),
                });
                assert_eq!(got, want, "{status} + {event:?}");
            }
        }
    }

    #[test]
    fn the_table_covers_every_status_once() {
        let rows: Vec<_> = TABLE.iter().map(|(status, _)| *status).collect();

        assert_eq!(rows, ApplicationStatus::ALL);
    }

    #[test]
    fn an_illegal_transition_names_the_state_and_the_action() {
        let error = apply(S::Draft, ApplicationEvent::Approved).err();

        assert_eq!(
            error.map(|e| e.to_string()),
            Some("cannot approve when draft".into())
        );
    }

    #[test]
    fn statuses_round_trip_through_their_api_names() {
        let names = ApplicationStatus::ALL.map(|status| status.as_str());
        assert_eq!(
            names,
            [
                "draft",
                "submitted",
                "returned",
                "approved",
                "rejected",
                "withdrawn",
                "disbursed",
                "cancelled"
            ]
        );

        for status in ApplicationStatus::ALL {
            assert_eq!(status.as_str().parse::<ApplicationStatus>(), Ok(status));
        }
        assert_eq!(
            "Draft".parse::<ApplicationStatus>(),
            Err(DomainError::UnknownStatus("Draft".into()))
        );
    }

    #[test]
    fn a_returned_application_can_go_round_the_review_loop_again() {
        let steps = [
            ApplicationEvent::Submitted,
            ApplicationEvent::Returned,
            ApplicationEvent::Submitted,
            ApplicationEvent::Returned,
            ApplicationEvent::Submitted,
            ApplicationEvent::Approved,
            ApplicationEvent::Disbursed,
        ];

        let end = steps.into_iter().try_fold(S::Draft, apply);

        assert_eq!(end, Ok(S::Disbursed));
    }
}
