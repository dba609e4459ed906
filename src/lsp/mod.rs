//! The language server: `xxgk lsp` speaks LSP over stdio (tower-lsp).
//!
//! Documents are ropes edited incrementally ([`document`]); a per-document
//! worker lints the newest text off the request path, after an edit only
//! what it can have changed ([`incremental`]), and publishes diagnostics
//! with the version they are for (`worker`); hover, code
//! actions and the outline answer from the current analysis. Positions are
//! byte offsets inside and converted only at the protocol boundary
//! ([`position`]). Nothing but protocol goes to stdout.

mod analysis;
mod backend;
mod code_actions;
pub mod document;
mod hover;
pub mod incremental;
mod inlay;
pub mod position;
mod settings;
mod symbols;
mod transport;
mod worker;

pub use backend::Backend;
pub use code_actions::disable_comment;
pub use transport::serve;

/// Serve on stdin/stdout until the client exits or closes the stream.
pub fn run_stdio() -> i32 {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let why = crate::messages::LSP_RUNTIME.fill(&[&e]);
            eprintln!("{}", crate::messages::ERROR_LINE.fill(&[&why]));
            return 2;
        }
    };
    let code = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // A lint still running on a blocking thread must not keep the process
    // alive after the client has gone.
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    code
}
