//! The tower-lsp backend: document store, settings, and the request handlers.
//!
//! Notification handlers (`didOpen`, `didChange`) mutate the store before
//! their first `.await`: tower-lsp polls handlers concurrently, and edits are
//! only correct when applied in the order they were sent.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tokio::sync::{watch, Notify};
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

use super::analysis::{Analysis, Job};
use super::code_actions;
use super::document::Document;
use super::position::{self, PositionEncoding};
use super::{hover, inlay, settings, symbols, worker};
use crate::engine::LintOptions;
use crate::messages as m;

struct Entry {
    doc: Document,
    /// The options of the `xxgk.toml` that applies to the file, when it is
    /// on disk and has one.
    file_options: Option<Arc<LintOptions>>,
    /// Distinguishes this opening of the URI from an earlier one whose worker
    /// may still be finishing.
    epoch: u64,
    jobs: watch::Sender<Job>,
    analysis: Option<Arc<Analysis>>,
}

struct Options {
    generation: u64,
    client: settings::Parsed,
}

/// State shared by the handlers and the lint workers.
pub struct State {
    encoding: Mutex<PositionEncoding>,
    docs: Mutex<HashMap<Url, Entry>>,
    options: Mutex<Options>,
    client_pulls_configuration: AtomicBool,
    next_epoch: AtomicU64,
    /// Woken whenever an analysis is stored.
    stored: Notify,
}

/// How long a request waits for the worker's lint of the current text
/// before linting it itself.
const WAIT_FOR_WORKER: std::time::Duration = std::time::Duration::from_secs(2);

/// A poisoned lock means a handler panicked mid-update; the data is still the
/// best we have, and refusing every later request would be worse.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl State {
    fn new() -> Self {
        State {
            encoding: Mutex::new(PositionEncoding::Utf16),
            docs: Mutex::new(HashMap::new()),
            options: Mutex::new(Options {
                generation: 0,
                client: settings::Parsed::default(),
            }),
            client_pulls_configuration: AtomicBool::new(false),
            next_epoch: AtomicU64::new(1),
            stored: Notify::new(),
        }
    }

    pub fn encoding(&self) -> PositionEncoding {
        *lock(&self.encoding)
    }

    fn job(&self, doc: &Document, file_options: Option<&LintOptions>) -> Job {
        let o = lock(&self.options);
        Job {
            version: doc.version,
            generation: o.generation,
            rope: doc.rope.clone(),
            options: Arc::new(settings::merge(file_options, &o.client)),
        }
    }

    fn entry_job(&self, e: &Entry) -> Job {
        self.job(&e.doc, e.file_options.as_deref())
    }

    fn bump_generation(&self) {
        lock(&self.options).generation += 1;
    }

    /// Re-lint every open document (after a settings or config file change).
    fn relint_all(&self) {
        for e in lock(&self.docs).values() {
            // send_replace: succeeds even when the worker is between loops.
            e.jobs.send_replace(self.entry_job(e));
        }
    }

    /// Keep an analysis if it is of the text and settings now current.
    pub fn store(&self, uri: &Url, epoch: u64, analysis: Arc<Analysis>) -> bool {
        let generation = lock(&self.options).generation;
        let mut docs = lock(&self.docs);
        match docs.get_mut(uri) {
            Some(e)
                if e.epoch == epoch
                    && e.doc.version == analysis.version
                    && generation == analysis.generation =>
            {
                e.analysis = Some(analysis);
                self.stored.notify_waiters();
                true
            }
            _ => false,
        }
    }
}

pub struct Backend {
    client: Client,
    state: Arc<State>,
}

impl Backend {
    pub fn new(client: Client) -> Self {
        Backend {
            client,
            state: Arc::new(State::new()),
        }
    }

    async fn log(&self, typ: MessageType, msg: impl std::fmt::Display) {
        self.client.log_message(typ, format!("xxgk: {msg}")).await;
    }

    /// The analysis of the document as it is now, linting it here if the
    /// worker has not got to it yet (a request must answer about the text the
    /// client sees, not an older one). The worker's lint is waited for first,
    /// a while: an editor asks for hints and symbols after every keystroke,
    /// and a second lint of a large report beside the worker's doubles the
    /// cost of typing.
    async fn current(&self, uri: &Url) -> Option<Arc<Analysis>> {
        let deadline = tokio::time::Instant::now() + WAIT_FOR_WORKER;
        let (job, epoch) = loop {
            // Created before looking, so that a store in between still wakes it.
            let stored = self.state.stored.notified();
            {
                let docs = lock(&self.state.docs);
                let e = docs.get(uri)?;
                let job = self.state.entry_job(e);
                if let Some(a) = e.analysis.as_ref().filter(|a| a.key() == job.key()) {
                    return Some(a.clone());
                }
                if tokio::time::Instant::now() >= deadline {
                    break (job, e.epoch);
                }
            }
            let _ = tokio::time::timeout_at(deadline, stored).await;
        };
        match tokio::task::spawn_blocking(move || Analysis::run(job)).await {
            Ok(a) => {
                let a = Arc::new(a);
                self.state.store(uri, epoch, a.clone());
                Some(a)
            }
            Err(e) => {
                let msg = m::LSP_LINT_FAILED.fill(&[&uri, &e]);
                self.log(MessageType::ERROR, msg).await;
                None
            }
        }
    }

    /// New settings: re-lint every open document under them.
    async fn apply_settings(&self, value: &Value) {
        let parsed = settings::parse(value);
        let problems = parsed.problems.clone();
        {
            let mut o = lock(&self.state.options);
            o.generation += 1;
            o.client = parsed;
        }
        self.state.relint_all();
        for p in problems {
            self.log(MessageType::WARNING, p).await;
        }
    }

    /// A configuration file was saved or changed: read them again for every
    /// open document and re-lint.
    async fn reload_config_files(&self) {
        let mut errors = Vec::new();
        // Read off the async threads and without the documents' lock: a huge
        // configuration must not hold up requests on other documents.
        let uris: Vec<Url> = lock(&self.state.docs).keys().cloned().collect();
        let loaded = tokio::task::spawn_blocking(move || {
            uris.into_iter()
                .map(|u| {
                    let o = file_options(&u);
                    (u, o)
                })
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        {
            let mut docs = lock(&self.state.docs);
            for (uri, options) in loaded {
                let options = options.unwrap_or_else(|err| {
                    errors.push(err);
                    None
                });
                if let Some(e) = docs.get_mut(&uri) {
                    e.file_options = options;
                }
            }
        }
        self.state.bump_generation();
        self.state.relint_all();
        for e in errors {
            let msg = m::LSP_USING_DEFAULTS.fill(&[&e]);
            self.log(MessageType::ERROR, msg).await;
        }
    }

    async fn pull_settings(&self) {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("xxgk".into()),
        }];
        match self.client.configuration(items).await {
            Ok(mut values) if !values.is_empty() => {
                let v = values.swap_remove(0);
                self.apply_settings(&v).await;
            }
            Ok(_) => {}
            Err(e) => {
                let msg = m::LSP_CONFIGURATION_FAILED.fill(&[&e]);
                self.log(MessageType::WARNING, msg).await
            }
        }
    }
}

/// The options of the `xxgk.toml` for a document on disk (`file:` URI), the
/// same file `xxgk check` would use for it.
fn file_options(uri: &Url) -> std::result::Result<Option<Arc<LintOptions>>, String> {
    let Some(path) = uri.to_file_path().ok() else {
        return Ok(None);
    };
    crate::config::config_for(&path, None, false)
        .map(|c| c.map(|l| Arc::new(l.options_for(&path))))
        .map_err(|e| e.to_string())
}

fn is_config_file(uri: &Url) -> bool {
    uri.path()
        .rsplit('/')
        .next()
        .is_some_and(|n| n == "xxgk.toml" || n == ".xxgk.toml")
}

pub fn capabilities(enc: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(enc.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(
            TextDocumentSyncKind::INCREMENTAL,
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, code_actions::fix_all_kind()]),
            work_done_progress_options: Default::default(),
            resolve_provider: Some(false),
        })),
        ..Default::default()
    }
}

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        // Hover texts follow the editor's language, not the server's environment.
        let lang = params.locale.as_deref().map(crate::lang::Lang::from_locale);
        crate::lang::set(lang.unwrap_or_default());
        let enc = PositionEncoding::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        *lock(&self.state.encoding) = enc;
        let pulls = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.configuration)
            .unwrap_or(false);
        self.state
            .client_pulls_configuration
            .store(pulls, Ordering::Relaxed);
        if let Some(opts) = params.initialization_options.as_ref() {
            // Clients without workspace/configuration pass settings here.
            if let Some(v) = opts.get("xxgk").or(Some(opts)) {
                self.apply_settings(v).await;
            }
        }
        Ok(InitializeResult {
            capabilities: capabilities(enc),
            server_info: Some(ServerInfo {
                name: "xxgk".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        if self
            .state
            .client_pulls_configuration
            .load(Ordering::Relaxed)
        {
            self.pull_settings().await;
        }
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let td = params.text_document;
        let doc = Document::new(&td.text, td.version);
        let epoch = self.state.next_epoch.fetch_add(1, Ordering::Relaxed);
        // The document is stored first, so that edits sent right after the
        // open find it; its configuration is read off the async threads (a
        // huge one must not hold up other requests), and only then does its
        // worker start linting.
        let (tx, rx) = watch::channel(self.state.job(&doc, None));
        let replaced = lock(&self.state.docs)
            .insert(
                td.uri.clone(),
                Entry {
                    doc,
                    file_options: None,
                    epoch,
                    jobs: tx,
                    analysis: None,
                },
            )
            .is_some();
        let uri = td.uri.clone();
        let options = tokio::task::spawn_blocking(move || file_options(&uri))
            .await
            .unwrap_or_else(|e| Err(format!("reading the configuration failed: {e}")));
        let (file_options, config_error) = match options {
            Ok(o) => (o, None),
            Err(e) => (None, Some(e)),
        };
        if let Some(e) = lock(&self.state.docs)
            .get_mut(&td.uri)
            .filter(|e| e.epoch == epoch)
        {
            e.file_options = file_options;
            e.jobs.send_replace(self.state.entry_job(e));
        }
        worker::spawn(
            td.uri.clone(),
            epoch,
            rx,
            self.state.clone(),
            self.client.clone(),
        );
        if let Some(e) = config_error {
            let msg = m::LSP_USING_DEFAULTS.fill(&[&e]);
            self.log(MessageType::ERROR, msg).await;
        }
        if replaced {
            let msg = m::LSP_OPENED_TWICE.fill(&[&td.uri]);
            self.log(MessageType::WARNING, msg).await;
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let enc = self.state.encoding();
        let applied = lock(&self.state.docs).get_mut(&uri).map(|e| {
            let warnings: Vec<String> = params
                .content_changes
                .iter()
                .filter_map(|c| e.doc.apply(c, enc))
                .collect();
            e.doc.version = params.text_document.version;
            e.jobs.send_replace(self.state.entry_job(e));
            warnings
        });
        let Some(warnings) = applied else {
            let msg = m::LSP_CHANGE_NOT_OPEN.fill(&[&uri]);
            self.log(MessageType::WARNING, msg).await;
            return;
        };
        for w in warnings {
            self.log(MessageType::WARNING, format!("{uri}: {w}")).await;
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if is_config_file(&params.text_document.uri) {
            self.reload_config_files().await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| is_config_file(&c.uri)) {
            self.reload_config_files().await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        // Dropping the entry drops the job sender, which ends the worker.
        let was_open = lock(&self.state.docs).remove(&uri).is_some();
        if was_open {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let s = &params.settings;
        if let Some(v) = s.get("xxgk").filter(|v| v.is_object()) {
            self.apply_settings(&v.clone()).await;
        } else if self
            .state
            .client_pulls_configuration
            .load(Ordering::Relaxed)
        {
            self.pull_settings().await;
        } else if s.get("reportKind").is_some() || s.get("rules").is_some() {
            self.apply_settings(s).await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let Some(a) = self.current(&p.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        let (offset, _) = position::to_offset(&a.rope, p.position, enc);
        Ok(hover::hover(&a, offset).map(|(text, span)| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: Some(a.range(span, enc)),
        }))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(a) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        let mode = lock(&self.state.options).client.inlay;
        let (within, _) = position::to_span(&a.rope, params.range, enc);
        Ok(Some(inlay::hints(&a, within, mode, enc)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(a) = self.current(&uri).await else {
            return Ok(None);
        };
        let enc = self.state.encoding();
        let (span, _) = position::to_span(&a.rope, params.range, enc);
        let actions = code_actions::actions(&a, &uri, span, params.context.only.as_deref(), enc);
        Ok(Some(actions))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(a) = self.current(&params.text_document.uri).await else {
            return Ok(None);
        };
        Ok(Some(DocumentSymbolResponse::Nested(
            symbols::document_symbols(&a, self.state.encoding()),
        )))
    }
}
