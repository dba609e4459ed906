//! The per-document lint worker: typing never waits for a lint.
//!
//! Every change puts the newest [`Job`] into a `watch` channel, which holds
//! only the latest value. The worker lints as soon as a change arrives — no
//! timer, so a single keystroke is answered in the time one lint takes — and
//! the keystrokes that arrive while it runs overwrite each other in the
//! channel: a burst costs one lint of its newest text, not one per keystroke.
//! A result that is no longer the newest when the lint finishes is dropped
//! rather than published, so the client never sees diagnostics for text it
//! has already changed. Each lint after the first starts from the worker's
//! last one ([`super::incremental`]): an edit of running text re-runs the
//! sentence rules only around it.

use std::sync::Arc;

use tokio::sync::watch;
use tower_lsp::lsp_types::{MessageType, Url};
use tower_lsp::Client;

use super::analysis::{Analysis, Job};
use super::backend::State;
use super::incremental::Memo;

pub fn spawn(uri: Url, epoch: u64, rx: watch::Receiver<Job>, state: Arc<State>, client: Client) {
    tokio::spawn(run(uri, epoch, rx, state, client));
}

async fn run(
    uri: Url,
    epoch: u64,
    mut rx: watch::Receiver<Job>,
    state: Arc<State>,
    client: Client,
) {
    // The job the document was opened with is linted at once.
    rx.mark_changed();
    // The last lint and what it left for the next (kept even when its result
    // was stale: the next text is compared with the text it linted).
    let mut last: Option<(Arc<Analysis>, Memo)> = None;
    loop {
        if rx.changed().await.is_err() {
            return; // document closed
        }
        // Let changes already queued behind this one land first, so that
        // edits sent together are linted together.
        tokio::task::yield_now().await;
        let job = rx.borrow_and_update().clone();
        let key = job.key();
        // The engine is synchronous and CPU-bound: keep it off the async
        // threads that answer requests. A panic in a rule ends this lint,
        // not the server.
        let prev = last.take();
        let analysis =
            match tokio::task::spawn_blocking(move || Analysis::run_after(job, prev)).await {
                Ok((a, memo)) => {
                    let a = Arc::new(a);
                    last = Some((a.clone(), memo));
                    a
                }
                Err(e) => {
                    client
                        .log_message(
                            MessageType::ERROR,
                            format!(
                                "xxgk: {}",
                                crate::messages::LSP_LINT_FAILED
                                    .fill(&[&format_args!("{uri} (version {})", key.0), &e])
                            ),
                        )
                        .await;
                    continue;
                }
            };
        match rx.has_changed() {
            Err(_closed) => return,
            // Stale: a newer version is waiting; the loop lints that instead.
            Ok(true) => continue,
            Ok(false) => {}
        }
        if !state.store(&uri, epoch, analysis.clone()) {
            continue;
        }
        let diagnostics = analysis.lsp_diagnostics(&uri, state.encoding());
        client
            .publish_diagnostics(uri.clone(), diagnostics, Some(analysis.version))
            .await;
    }
}
