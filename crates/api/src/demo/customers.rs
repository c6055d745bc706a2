//! The demo's customers: companies created by the sales user on the first
//! day of the history, as the customer handler would create them, and the
//! draw of which customer applies next (a quarter of them borrow often).

use std::collections::HashSet;

use anyhow::bail;
use loanbook_persistence::PersistenceError;
use loanbook_persistence::repo::customers;
use uuid::Uuid;

use super::staff::Who;
use super::{Book, explain, names};
use crate::http::Permission;

impl Book {
    /// Creates `count` customers on the first day of the history.
    pub(super) async fn add_customers(&mut self, count: usize) -> anyhow::Result<()> {
        self.set_business_date(self.start).await?;
        self.actor(Who::Sales)
            .require(Permission::CustomerWrite)
            .map_err(explain)?;
        let mut names = HashSet::new();
        for _ in 0..count {
            let id = self.add_customer(&mut names).await?;
            self.customers.push(id);
        }
        Ok(())
    }

    /// Creates one customer as the sales user, who becomes its account
    /// manager as the HTTP handler makes them. A credit code or external id
    /// already taken (a `--force` run) is drawn again.
    async fn add_customer(&mut self, names: &mut HashSet<String>) -> anyhow::Result<Uuid> {
        let sales = self.actor(Who::Sales).user_id;
        for _ in 0..10 {
            let request = names::customer(&mut self.rng, names)?;
            let mut details = request.parse().map_err(explain)?;
            details.account_manager_id = Some(sales);
            match customers::insert(&self.state.db, details, sales).await {
                Ok(customer) => return Ok(customer.id),
                Err(PersistenceError::Conflict(_)) => continue,
                Err(other) => return Err(other.into()),
            }
        }
        bail!("could not find a free credit code for a demo customer")
    }

    /// A customer for a new application; a few customers borrow often.
    pub(super) fn pick_customer(&mut self) -> Option<Uuid> {
        let len = self.customers.len();
        let regulars = (len / 4).max(1);
        let index = if self.rng.chance(40) {
            self.rng.index(regulars)
        } else {
            self.rng.index(len)
        };
        self.customers.get(index).copied()
    }
}
