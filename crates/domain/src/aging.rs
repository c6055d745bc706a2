//! Aging (账龄): the band a loan's days past due fall into.
//!
//! Overdue is not a loan status; reports group loans by these buckets instead.
//! Only the bands live here; how days past due are counted is the ledger's.

use std::fmt;
use std::str::FromStr;

use crate::DomainError;

/// A band of days past due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AgingBucket {
    /// Not past due.
    Current,
    /// 1 to 30 days past due.
    Days1To30,
    /// 31 to 60 days past due.
    Days31To60,
    /// 61 to 90 days past due.
    Days61To90,
    /// 91 to 180 days past due.
    Days91To180,
    /// 181 days or more past due.
    Days181Plus,
}

impl AgingBucket {
    /// Every bucket, youngest first.
    pub const ALL: [AgingBucket; 6] = [
        AgingBucket::Current,
        AgingBucket::Days1To30,
        AgingBucket::Days31To60,
        AgingBucket::Days61To90,
        AgingBucket::Days91To180,
        AgingBucket::Days181Plus,
    ];

    /// The bucket of a number of days past due.
    pub fn from_days_past_due(days: u32) -> AgingBucket {
        match days {
            0 => AgingBucket::Current,
            1..=30 => AgingBucket::Days1To30,
            31..=60 => AgingBucket::Days31To60,
            61..=90 => AgingBucket::Days61To90,
            91..=180 => AgingBucket::Days91To180,
            _ => AgingBucket::Days181Plus,
        }
    }

    /// The API and report name.
    pub fn as_str(&self) -> &'static str {
        match self {
            AgingBucket::Current => "current",
            AgingBucket::Days1To30 => "1-30",
            AgingBucket::Days31To60 => "31-60",
            AgingBucket::Days61To90 => "61-90",
            AgingBucket::Days91To180 => "91-180",
            AgingBucket::Days181Plus => "181+",
        }
    }
}

impl fmt::Display for AgingBucket {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AgingBucket {
    type Err = DomainError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        AgingBucket::ALL
            .into_iter()
            .find(|bucket| bucket.as_str() == text)
            .ok_or_else(|| DomainError::UnknownStatus(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_boundary_day_falls_in_its_bucket() {
        let cases = [
            (0, "current"),
            (1, "1-30"),
            (30, "1-30"),
            (31, "31-60"),
            (60, "31-60"),
            (61, "61-90"),
            (90, "61-90"),
            (91, "91-180"),
            (180, "91-180"),
            (181, "181+"),
            (u32::MAX, "181+"),
        ];

        for (days, name) in cases {
            assert_eq!(
                AgingBucket::from_days_past_due(days).as_str(),
                name,
                "{days}"
            );
        }
    }

    #[test]
    fn buckets_round_trip_through_their_names() {
        for bucket in AgingBucket::ALL {
            assert_eq!(bucket.as_str().parse::<AgingBucket>(), Ok(bucket));
        }

        assert!("0-30".parse::<AgingBucket>().is_err());
    }
}
