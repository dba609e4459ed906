//! The per-document lint worker: typing never waits for a lint.
//!
//! Every change puts the newest [`Job`] into a `watch` channel, which holds
//! only the latest value: a burst of keystrokes overwrites itself, and the
//! worker lints whatever is newest once the burst has settled. A result that
//! is no longer the newest when the lint finishes is dropped rather than
//! published, so the client never sees diagnostics for text it has already
//! changed.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::watch;
use tower_lsp::lsp_types::{MessageType, Url};
use tower_lsp::Client;

use super::analysis::{Analysis, Job};
use super::backend::State;

/// How long the text must stay unchanged before a lint starts. Short enough
/// to feel live, long enough to swallow the changes of one typed word.
pub const SETTLE: Duration = Duration::from_millis(60);

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
    let mut settle = false;
    rx.mark_changed();
    loop {
        if rx.changed().await.is_err() {
            return; // document closed
        }
        if settle {
            loop {
                match tokio::time::timeout(SETTLE, rx.changed()).await {
                    Err(_quiet) => break,
                    Ok(Ok(())) => continue,
                    Ok(Err(_closed)) => return,
                }
            }
        }
        settle = true;
        let job = rx.borrow_and_update().clone();
        let key = job.key();
        // The engine is synchronous and CPU-bound: keep it off the async
        // threads that answer requests. A panic in a rule ends this lint,
        // not the server.
        let analysis = match tokio::task::spawn_blocking(move || Analysis::run(job)).await {
            Ok(a) => Arc::new(a),
            Err(e) => {
                client
                    .log_message(
                        MessageType::ERROR,
                        format!("xxgk: lint of {uri} (version {}) failed: {e}", key.0),
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
