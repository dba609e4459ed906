//! A minimal LSP client for in-process tests: drives `xxgk::lsp::service()`
//! over `tokio::io::duplex` with Content-Length framing, as an editor would
//! over stdio. It answers the server's own requests (`workspace/configuration`
//! with the settings it was given) and records every notification.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::mpsc;

const TIMEOUT: Duration = Duration::from_secs(20);

pub struct TestClient {
    writer: WriteHalf<DuplexStream>,
    incoming: mpsc::UnboundedReceiver<Value>,
    next_id: i64,
    /// Every message received from the server, in order.
    pub seen: Vec<Value>,
    /// What `workspace/configuration` answers for the `xxgk` section.
    pub settings: Value,
}

pub fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
}

async fn read_frames(reader: tokio::io::ReadHalf<DuplexStream>, tx: mpsc::UnboundedSender<Value>) {
    let mut reader = BufReader::new(reader);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let Some(n) = length else { return };
        let mut body = vec![0; n];
        if reader.read_exact(&mut body).await.is_err() {
            return;
        }
        let v: Value = serde_json::from_slice(&body).expect("server sent invalid JSON");
        if tx.send(v).is_err() {
            return;
        }
    }
}

impl TestClient {
    pub fn start() -> TestClient {
        let (client_io, server_io) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_io);
        tokio::spawn(xxgk::lsp::serve(server_read, server_write));
        let (client_read, client_write) = tokio::io::split(client_io);
        let (tx, rx) = mpsc::unbounded_channel();
        tokio::spawn(read_frames(client_read, tx));
        TestClient {
            writer: client_write,
            incoming: rx,
            next_id: 1,
            seen: Vec::new(),
            settings: Value::Null,
        }
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    pub async fn send(&mut self, msg: Value) {
        let bytes = frame(&msg.to_string());
        self.send_raw(&bytes).await;
    }

    /// The next message from the server; the server's requests are answered
    /// on the way.
    pub async fn recv(&mut self) -> Value {
        let msg = tokio::time::timeout(TIMEOUT, self.incoming.recv())
            .await
            .expect("timed out waiting for the server")
            .expect("server closed the connection");
        if let (Some(method), Some(id)) = (msg.get("method"), msg.get("id")) {
            let result = match method.as_str() {
                Some("workspace/configuration") => {
                    let n = msg["params"]["items"].as_array().map_or(1, Vec::len);
                    Value::Array(vec![self.settings.clone(); n])
                }
                _ => Value::Null,
            };
            self.send(json!({"jsonrpc": "2.0", "id": id, "result": result}))
                .await;
        }
        self.seen.push(msg.clone());
        msg
    }

    pub async fn recv_until(&mut self, mut pred: impl FnMut(&Value) -> bool) -> Value {
        loop {
            let m = self.recv().await;
            if pred(&m) {
                return m;
            }
        }
    }

    /// Send a request and return its whole response (`result` or `error`).
    pub async fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({"jsonrpc": "2.0", "id": id, "method": method});
        if !params.is_null() {
            msg["params"] = params;
        }
        self.send(msg).await;
        self.recv_until(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
            .await
    }

    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.request_raw(method, params).await;
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    pub async fn initialize(&mut self, capabilities: Value) -> Value {
        let r = self
            .request(
                "initialize",
                json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
            )
            .await;
        self.notify("initialized", json!({})).await;
        r
    }

    pub async fn open(&mut self, uri: &str, text: &str, version: i32) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": version, "text": text}}),
        )
        .await;
    }

    pub async fn change(&mut self, uri: &str, version: i32, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// Diagnostics published for `uri` at `version` (waiting for them if needed).
    pub async fn diagnostics(&mut self, uri: &str, version: i32) -> Vec<Value> {
        let is_it = |m: &Value| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        };
        let m = match self.seen.iter().rev().find(|m| is_it(m)) {
            Some(m) => m.clone(),
            None => self.recv_until(is_it).await,
        };
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// Every publishDiagnostics for `uri` received so far, as versions.
    pub fn published_versions(&self, uri: &str) -> Vec<Value> {
        self.seen
            .iter()
            .filter(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .map(|m| m["params"]["version"].clone())
            .collect()
    }

    /// Keep reading for `ms` milliseconds (to see that nothing more arrives).
    pub async fn drain_for(&mut self, ms: u64) {
        let deadline = tokio::time::Instant::now() + Duration::from_millis(ms);
        while let Ok(Some(m)) = tokio::time::timeout_at(deadline, self.incoming.recv()).await {
            self.seen.push(m);
        }
    }
}

/// A position: `{"line": l, "character": c}`.
pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

pub fn range(l0: u32, c0: u32, l1: u32, c1: u32) -> Value {
    json!({"start": pos(l0, c0), "end": pos(l1, c1)})
}

/// Apply LSP text edits to a string the way a client does, with columns in
/// UTF-16 code units (or bytes) and lines ended by `\n`, `\r\n` or `\r`.
/// Written independently of the server's position code on purpose.
pub fn apply_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let a = offset(text, &e["range"]["start"], utf8);
            let b = offset(text, &e["range"]["end"], utf8);
            (a, b, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (a, b, t) in spans {
        out.replace_range(a..b, &t);
    }
    out
}

/// Byte offsets of line starts and line content ends, LSP line rules.
pub fn lines(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => {
                out.push((start, i));
                i += 2;
                start = i;
            }
            b'\r' | b'\n' => {
                out.push((start, i));
                i += 1;
                start = i;
            }
            _ => i += 1,
        }
    }
    out.push((start, b.len()));
    out
}

pub fn offset(text: &str, p: &Value, utf8: bool) -> usize {
    let line = p["line"].as_u64().unwrap() as usize;
    let col = p["character"].as_u64().unwrap() as usize;
    let ls = lines(text);
    let Some(&(start, end)) = ls.get(line) else {
        return text.len();
    };
    let mut units = 0;
    for (i, ch) in text[start..end].char_indices() {
        let w = if utf8 { ch.len_utf8() } else { ch.len_utf16() };
        if units + w > col {
            return start + i;
        }
        units += w;
    }
    end
}
