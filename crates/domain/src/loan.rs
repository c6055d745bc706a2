//! The loan (借款) lifecycle after disbursement.
//!
//! [`apply`] is the whole state machine: a total function from a status and a
//! past-tense event to the next status or a [`DomainError::IllegalTransition`].
//! The ledger decides which event a transaction is (a repayment that leaves a
//! balance, one that repays in full, one that overpays); this module only says
//! whether that event may happen now. Overdue is not a status: it is reported as
//! days past due by the ledger.

use std::fmt;
use std::str::FromStr;

use crate::DomainError;

/// Where a loan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoanStatus {
    /// Disbursed and not yet repaid.
    Active,
    /// Repaid with money to spare: the credit balance is owed to the borrower.
    Overpaid,
    /// Repaid in full and any credit balance refunded. Final.
    Closed,
    /// Written off (核销) as a loss. Recoveries may still be received.
    WrittenOff,
}

impl LoanStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [LoanStatus; 4] = [
        LoanStatus::Active,
        LoanStatus::Overpaid,
        LoanStatus::Closed,
        LoanStatus::WrittenOff,
    ];

    /// The API and storage name.
    pub fn as_str(&self) -> &'static str {
        match self {
            LoanStatus::Active => "active",
            LoanStatus::Overpaid => "overpaid",
            LoanStatus::Closed => "closed",
            LoanStatus::WrittenOff => "written_off",
        }
    }
}

impl fmt::Display for LoanStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for LoanStatus {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        LoanStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
            .ok_or_else(|| DomainError::UnknownStatus(text.to_owned()))
    }
}

/// Something that happened to a loan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoanEvent {
    /// A repayment was received. Applied before it is allocated; on a
    /// written-off loan it is a recovery.
    RepaymentRecorded,
    /// A prepayment re-amortised the installments not yet due.
    ScheduleReamortised,
    /// A repayment or waiver left nothing owed and no credit balance.
    FullyRepaid,
    /// A repayment left nothing owed and money to spare.
    Overpaid,
    /// Penalty interest was waived.
    PenaltyWaived,
    /// The loan was written off.
    WrittenOff,
    /// Part of the credit balance was paid back to the borrower.
    CreditPartlyRefunded,
    /// The whole credit balance was paid back to the borrower.
    CreditRefunded,
}

impl LoanEvent {
    /// Every event.
    pub const ALL: [LoanEvent; 8] = [
        LoanEvent::RepaymentRecorded,
        LoanEvent::ScheduleReamortised,
        LoanEvent::FullyRepaid,
        LoanEvent::Overpaid,
        LoanEvent::PenaltyWaived,
        LoanEvent::WrittenOff,
        LoanEvent::CreditPartlyRefunded,
        LoanEvent::CreditRefunded,
    ];

    /// The action as a verb phrase, for error messages
    /// ("cannot record a repayment when closed").
    pub fn verb(&self) -> &'static str {
        match self {
            LoanEvent::RepaymentRecorded => "record a repayment",
            LoanEvent::ScheduleReamortised => "re-amortise the schedule",
            LoanEvent::FullyRepaid => "repay in full",
            LoanEvent::Overpaid => "overpay",
            LoanEvent::PenaltyWaived => "waive penalty",
            LoanEvent::WrittenOff => "write off",
            LoanEvent::CreditPartlyRefunded => "refund part of the credit balance",
            LoanEvent::CreditRefunded => "refund the credit balance",
        }
    }
}

/// The status after `event`, or the reason it cannot happen in `status`.
///
/// `active → closed` (fully repaid) · `active → overpaid → closed` (credit
/// balance refunded) · `active → written_off`. A closed loan takes nothing. An
/// overpaid loan takes only refunds: more money would only grow a liability.
/// A written-off loan takes recoveries and waivers and stays written off even
/// when fully recovered (as Fineract keeps it "closed, written off"); a
/// recovery beyond what is owed, and re-amortising it, are refused.
pub fn apply(status: LoanStatus, event: LoanEvent) -> Result<LoanStatus, DomainError> {
    use LoanEvent as E;
    use LoanStatus as S;

    match (status, event) {
        (S::Active, E::RepaymentRecorded | E::ScheduleReamortised | E::PenaltyWaived) => {
            Ok(S::Active)
        }
        (S::Active, E::FullyRepaid) => Ok(S::Closed),
        (S::Active, E::Overpaid) => Ok(S::Overpaid),
        (S::Active, E::WrittenOff) => Ok(S::WrittenOff),
        (S::Overpaid, E::CreditPartlyRefunded) => Ok(S::Overpaid),
        (S::Overpaid, E::CreditRefunded) => Ok(S::Closed),
        (S::WrittenOff, E::RepaymentRecorded | E::FullyRepaid | E::PenaltyWaived) => {
            Ok(S::WrittenOff)
        }

        (S::Active, E::CreditPartlyRefunded | E::CreditRefunded)
        | (
            S::Overpaid,
            E::RepaymentRecorded
            | E::ScheduleReamortised
            | E::FullyRepaid
            | E::Overpaid
            | E::PenaltyWaived
            | E::WrittenOff,
        )
        | (
            S::Closed,
            E::RepaymentRecorded
            | E::ScheduleReamortised
            | E::FullyRepaid
            | E::Overpaid
            | E::PenaltyWaived
            | E::WrittenOff
            | E::CreditPartlyRefunded
            | E::CreditRefunded,
        )
        | (
            S::WrittenOff,
            E::ScheduleReamortised
            | E::Overpaid
            | E::WrittenOff
            | E::CreditPartlyRefunded
            | E::CreditRefunded,
        ) => Err(DomainError::IllegalTransition {
            state: status.as_str(),
            event: event.verb(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use LoanStatus as S;

    /// The expected next status for every status (row) and event (column),
    /// columns in the order of [`LoanEvent::ALL`]: repayment, re-amortise,
    /// fully repaid, overpaid, waiver, write-off, partial refund, refund.
    /// `None` is an illegal transition.
    const TABLE: [(LoanStatus, [Option<LoanStatus>; 8]); 4] = [
        (
            S::Active,
            [
                Some(S::Active),
                Some(S::Active),
                Some(S::Closed),
                Some(S::Overpaid),
                Some(S::Active),
                Some(S::WrittenOff),
                None,
                None,
            ],
        ),
        (
            S::Overpaid,
            [
                None,
                None,
                None,
                None,
                None,
                None,
                Some(S::Overpaid),
                Some(S::Closed),
            ],
        ),
        (S::Closed, [None; 8]),
        (
            S::WrittenOff,
            [
                Some(S::WrittenOff),
                None,
                Some(S::WrittenOff),
                None,
                Some(S::WrittenOff),
                None,
                None,
                None,
            ],
        ),
    ];

    #[test]
    fn every_status_and_event_gives_the_transition_of_the_table() {
        for (status, row) in TABLE {
            for (event, expected) in LoanEvent::ALL.into_iter().zip(row) {
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

        assert_eq!(rows, LoanStatus::ALL);
    }

    #[test]
    fn a_repayment_on_a_closed_loan_names_the_state_and_the_action() {
        let error = apply(S::Closed, LoanEvent::RepaymentRecorded).err();

        let message = error.map(|e| e.to_string());
        assert_eq!(
            message,
            Some("cannot record a repayment when closed".into())
        );
    }

    #[test]
    fn statuses_round_trip_through_their_api_names() {
        let names = LoanStatus::ALL.map(|status| status.as_str());

        assert_eq!(names, ["active", "overpaid", "closed", "written_off"]);
        for status in LoanStatus::ALL {
            assert_eq!(status.as_str().parse::<LoanStatus>(), Ok(status));
        }
    }

    #[test]
    fn an_unknown_status_name_is_refused() {
        let parsed = "overdue".parse::<LoanStatus>();

        assert_eq!(parsed, Err(DomainError::UnknownStatus("overdue".into())));
    }
}
