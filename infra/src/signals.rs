//! In-process wake-ups by name: a relay tells this process's consumers of a topic that
//! it published ([`crate::kafka::announce`]), a group writer tells this process's relay
//! of a database that it committed ([`crate::event_store::committed`]). Only hints: a
//! signal from another process never arrives here, so every waiter also looks on its own.

use std::collections::HashMap;
use std::sync::Mutex;

use tokio::sync::watch;

/// Named signals, each a `watch` channel made on first use.
#[derive(Default)]
pub(crate) struct Signals {
    senders: Mutex<HashMap<String, watch::Sender<()>>>,
}

impl Signals {
    /// Marks every receiver of `name` changed (nobody listening: nothing to do).
    pub fn raise(&self, name: &str) {
        let senders = self.senders.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sender) = senders.get(name) {
            sender.send_replace(());
        }
    }

    /// A receiver marked changed by every later [`Self::raise`] of `name`.
    pub fn subscribe(&self, name: &str) -> watch::Receiver<()> {
        let mut senders = self.senders.lock().unwrap_or_else(|e| e.into_inner());
        senders
            .entry(name.to_string())
            .or_insert_with(|| watch::channel(()).0)
            .subscribe()
    }
}
