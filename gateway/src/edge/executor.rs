//! Where GraphQL work runs: a tokio runtime of its own, so a CPU-heavy request never
//! occupies the threads that answer `/healthz`, the issuer and the other routes, and a
//! deadline after which the work is dropped.
//!
//! The runtime belongs to the gateway's state. A tokio `Runtime` dropped inside an
//! async context panics, and the state is dropped inside one (when the server task
//! ends, and in every `#[tokio::test]`), so [`Executor`]'s `Drop` shuts it down in the
//! background instead.
//!
//! Cancellation is tokio's: the task is aborted at its next `.await`. Work that does
//! not yield (parsing, validation) runs to its end on the GraphQL threads, which is why
//! the operation limits bound it first.

use std::future::Future;
use std::time::Duration;

use tokio::runtime::{Builder, Runtime};
use tokio::task::AbortHandle;

/// Why work did not give its answer.
#[derive(Debug, thiserror::Error)]
pub enum ExecutorError {
    /// The deadline passed; the work was cancelled.
    #[error("the request did not finish within {0:?}")]
    Timeout(Duration),
    /// The work panicked (a bug; logged by the caller).
    #[error("the request's work failed: {0}")]
    Failed(String),
}

/// The GraphQL runtime and the per-request deadline.
pub struct Executor {
    runtime: Option<Runtime>,
    deadline: Duration,
}

impl std::fmt::Debug for Executor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Executor")
            .field("deadline", &self.deadline)
            .finish_non_exhaustive()
    }
}

/// Aborts the task when the request's future is dropped (the client went away).
struct AbortOnDrop(AbortHandle);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Executor {
    /// A runtime with one worker per core (at least two), named `graphql`.
    pub fn new(deadline: Duration) -> std::io::Result<Self> {
        let workers = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .max(2);
        let runtime = Builder::new_multi_thread()
            .worker_threads(workers)
            .thread_name("graphql")
            .enable_all()
            .build()?;
        Ok(Self {
            runtime: Some(runtime),
            deadline,
        })
    }

    /// The deadline each request gets.
    pub fn deadline(&self) -> Duration {
        self.deadline
    }

    /// Runs `work` on the GraphQL runtime and waits for it here, at most the deadline;
    /// past it, or when this future is dropped, the work is cancelled.
    pub async fn run<F>(&self, work: F) -> Result<F::Output, ExecutorError>
    where
        F: Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let Some(runtime) = &self.runtime else {
            return Err(ExecutorError::Failed(
                "the GraphQL runtime is shut down".into(),
            ));
        };
        let task = runtime.spawn(work);
        let _abort = AbortOnDrop(task.abort_handle());
        match tokio::time::timeout(self.deadline, task).await {
            Ok(Ok(output)) => Ok(output),
            Ok(Err(failed)) => Err(ExecutorError::Failed(failed.to_string())),
            Err(_) => Err(ExecutorError::Timeout(self.deadline)),
        }
    }
}

impl Drop for Executor {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

#[cfg(test)]
mod tests {
    use tokio::sync::oneshot;

    use super::*;

    /// Sends on drop: tells the test the work was dropped.
    struct Dropped(Option<oneshot::Sender<()>>);

    impl Drop for Dropped {
        fn drop(&mut self) {
            if let Some(tx) = self.0.take() {
                let _ = tx.send(());
            }
        }
    }

    #[tokio::test]
    async fn work_runs_on_the_graphql_threads_and_answers() {
        let executor = Executor::new(Duration::from_secs(10)).expect("runtime");
        let name = executor
            .run(async { std::thread::current().name().map(str::to_string) })
            .await
            .expect("an answer");
        assert_eq!(name.as_deref(), Some("graphql"));
        // Dropped inside an async context without a panic.
        drop(executor);
    }

    #[tokio::test]
    async fn work_past_the_deadline_is_refused_and_dropped() {
        let executor = Executor::new(Duration::from_millis(20)).expect("runtime");
        let (tx, dropped) = oneshot::channel();
        let guard = Dropped(Some(tx));
        let refused = executor
            .run(async move {
                let _guard = guard;
                std::future::pending::<()>().await;
            })
            .await
            .expect_err("never finishes");
        assert!(matches!(refused, ExecutorError::Timeout(_)), "{refused:?}");
        dropped
            .await
            .expect("the work was dropped, not left running");
    }

    #[tokio::test]
    async fn work_whose_caller_goes_away_is_dropped() {
        let executor = Executor::new(Duration::from_secs(600)).expect("runtime");
        let (tx, dropped) = oneshot::channel();
        let (started_tx, started) = oneshot::channel();
        let guard = Dropped(Some(tx));
        let request = executor.run(async move {
            let _guard = guard;
            let _ = started_tx.send(());
            std::future::pending::<()>().await;
        });
        tokio::select! {
            _ = request => panic!("never finishes"),
            _ = started => {}
        }
        dropped.await.expect("the work was dropped with its caller");
    }

    #[tokio::test]
    async fn a_panic_in_the_work_is_an_error_not_a_crash() {
        let executor = Executor::new(Duration::from_secs(10)).expect("runtime");
        let failed = executor
            .run(async {
                let bug = true;
                if bug {
                    panic!("a bug");
                }
                1
            })
            .await
            .expect_err("panicked");
        assert!(matches!(failed, ExecutorError::Failed(_)), "{failed:?}");
    }
}
