//! Framing in front of tower-lsp, so that one bad message cannot end the server.
//!
//! tower-lsp 0.20 reads with tokio-util's `FramedRead`, which ends the stream
//! after the first decode error: a single malformed message (bad JSON, a
//! body that is not a JSON-RPC message, a wrong `Content-Type`) would make
//! the server stop reading and exit. Here every frame is read and checked
//! first; a bad one is answered with the JSON-RPC error the spec asks for
//! (`-32700` parse error / `-32600` invalid request) and dropped, and only
//! well-formed messages reach tower-lsp. Output is passed on frame by frame,
//! so those error replies never interleave with the server's own messages.
//!
//! It also holds back whatever follows an `initialize` request until its
//! response has gone out: tower-lsp drops notifications (`initialized`,
//! `didOpen`) that it reads before it has started handling `initialize`, and
//! a hasty client that does not wait for the InitializeResult would lose its
//! first document.

use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::io::{
    AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader,
    DuplexStream,
};
use tokio::sync::{mpsc, Notify};
use tower_lsp::jsonrpc::{Request, Response};
use tower_lsp::{LspService, Server};

use super::backend::Backend;

/// Larger bodies are refused: a report is tens of kilobytes.
const MAX_BODY: usize = 64 * 1024 * 1024;
/// A header line longer than this is not a header (nor is a block of them).
const MAX_HEADER_LINE: usize = 8 * 1024;
const MAX_HEADER_BYTES: usize = 64 * 1024;

enum Frame {
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`, or a body too large.
    Bad(String),
}

/// Read one frame; `None` at end of input.
///
/// A wrong `Content-Length` must not make the server deaf (issue 11): the
/// body of a JSON-RPC message is one JSON value, so it is read up to where
/// that value ends, whatever the header claimed (a length too large would
/// otherwise swallow the messages after it, or wait for ever); and a header
/// is looked for anywhere in a line, so the rest of a body cut short by a
/// length too small is skipped up to the next message.
async fn read_frame<R: AsyncBufRead + Unpin>(r: &mut R) -> std::io::Result<Option<Frame>> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    let mut header_bytes = 0;
    loop {
        let Some(line) = read_line_capped(r, MAX_HEADER_LINE).await? else {
            return Ok(None);
        };
        let Some(line) = line else {
            return Ok(Some(Frame::Bad(format!(
                "header line longer than {MAX_HEADER_LINE} bytes"
            ))));
        };
        header_bytes += line.len();
        if header_bytes > MAX_HEADER_BYTES {
            return Ok(Some(Frame::Bad(format!(
                "headers longer than {MAX_HEADER_BYTES} bytes"
            ))));
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if saw_header {
                break;
            }
            continue; // stray blank lines between messages
        }
        if let Some(value) = content_length(line) {
            length = Some(
                value
                    .trim()
                    .parse()
                    .map_err(|_| format!("bad Content-Length `{}`", value.trim())),
            );
        }
        saw_header = true;
    }
    match length {
        None => Ok(Some(Frame::Bad("message without Content-Length".into()))),
        Some(Err(e)) => Ok(Some(Frame::Bad(e))),
        Some(Ok(n)) => read_body(r, n).await.map(Some),
    }
}

/// The value of a `Content-Length` header found in `line`; text before it
/// is what is left of a message whose length was given too small.
fn content_length(line: &str) -> Option<&str> {
    const NAME: &str = "content-length:";
    let at = line.to_ascii_lowercase().find(NAME)?;
    if at > 0 {
        eprintln!("{}", crate::messages::LSP_SKIPPED_BYTES.fill(&[&at]));
    }
    Some(&line[at + NAME.len()..])
}

/// One line, at most `cap` bytes kept: `Ok(None)` at end of input,
/// `Ok(Some(None))` when the line was longer (it is skipped to its end).
async fn read_line_capped<R: AsyncBufRead + Unpin>(
    r: &mut R,
    cap: usize,
) -> std::io::Result<Option<Option<Vec<u8>>>> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buf = r.fill_buf().await?;
        if buf.is_empty() {
            return Ok(if line.is_empty() && !too_long {
                None
            } else {
                Some((!too_long).then_some(line))
            });
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let used = chunk.len();
        if !too_long && line.len() + used <= cap {
            line.extend_from_slice(chunk);
        } else {
            too_long = true;
            line.clear();
        }
        r.consume(used);
        if done {
            return Ok(Some((!too_long).then_some(line)));
        }
    }
}

/// Where a JSON value being read ends.
#[derive(Default)]
struct JsonEnd {
    started: bool,
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl JsonEnd {
    /// Feed one byte; true when it ends the value.
    fn feed(&mut self, b: u8) -> bool {
        if self.in_string {
            match (self.escaped, b) {
                (true, _) => self.escaped = false,
                (false, b'\\') => self.escaped = true,
                (false, b'"') => self.in_string = false,
                _ => {}
            }
            return false;
        }
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => {
                self.started = true;
                self.depth += 1;
            }
            b'}' | b']' => {
                self.depth = self.depth.saturating_sub(1);
                return self.started && self.depth == 0;
            }
            _ => {}
        }
        false
    }
}

/// The body of a frame whose header said `n` bytes.
async fn read_body<R: AsyncBufRead + Unpin>(r: &mut R, n: usize) -> std::io::Result<Frame> {
    // A body that does not start like a JSON object or array is read by its
    // length as given (it will be answered with a parse error).
    if n == 0 {
        return Ok(Frame::Body(Vec::new()));
    }
    let structured = matches!(r.fill_buf().await?.first(), Some(b'{' | b'['));
    if !structured {
        if n > MAX_BODY {
            return Ok(Frame::Bad(format!("message of {n} bytes is too large")));
        }
        let mut body = vec![0; n];
        r.read_exact(&mut body).await?;
        return Ok(Frame::Body(body));
    }
    let limit = n.min(MAX_BODY);
    let mut body = Vec::with_capacity(limit.min(1 << 20));
    let mut end = JsonEnd::default();
    while body.len() < limit {
        let buf = r.fill_buf().await?;
        if buf.is_empty() {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let room = (limit - body.len()).min(buf.len());
        let stop = buf[..room].iter().position(|&b| end.feed(b));
        let used = stop.map_or(room, |i| i + 1);
        body.extend_from_slice(&buf[..used]);
        r.consume(used);
        if stop.is_some() {
            if body.len() < n {
                let why = crate::messages::LSP_LENGTH_TOO_LARGE.fill(&[&n, &body.len()]);
                eprintln!("{why}");
            }
            return Ok(Frame::Body(body));
        }
    }
    Ok(Frame::Bad(if n > MAX_BODY {
        format!("message of {n} bytes is too large")
    } else {
        format!("Content-Length {n} is shorter than the message")
    }))
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

/// The parsed message when tower-lsp will accept the body, else the error reply.
fn check(body: &[u8]) -> Result<Value, Value> {
    let parse_error = |msg: String| json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": msg}});
    let text = std::str::from_utf8(body).map_err(|e| parse_error(format!("not UTF-8: {e}")))?;
    let value: Value =
        serde_json::from_str(text).map_err(|e| parse_error(format!("Parse error: {e}")))?;
    // Deserialised from a borrow: a 1 MB `didOpen` is not copied to be checked.
    let is_message = Request::deserialize(&value).is_ok() || Response::deserialize(&value).is_ok();
    if is_message {
        return Ok(value);
    }
    let id = value
        .get("id")
        .filter(|id| id.is_string() || id.is_number())
        .cloned()
        .unwrap_or(Value::Null);
    Err(json!({"jsonrpc": "2.0", "id": id,
               "error": {"code": -32600, "message": "Invalid Request: not a JSON-RPC 2.0 message"}}))
}

/// The id of a response (a message with an id and no method).
fn response_id(body: &[u8]) -> Option<Value> {
    let v: Value = serde_json::from_slice(body).ok()?;
    if v.get("method").is_some() {
        return None;
    }
    v.get("id").cloned()
}

/// The `initialize` request whose response has not gone out yet: what
/// follows it is held back until then (see the module comment).
#[derive(Clone, Default)]
struct InitGate {
    pending: Arc<Mutex<Option<Value>>>,
    answered: Arc<Notify>,
}

impl InitGate {
    fn pending(&self) -> MutexGuard<'_, Option<Value>> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// An outgoing message: opens the gate when it answers the `initialize`.
    fn saw_outgoing(&self, body: &[u8]) {
        let mut pending = self.pending();
        // Only then is the body parsed: a publishDiagnostics can be large.
        if pending.is_some() && response_id(body).as_ref() == pending.as_ref() {
            *pending = None;
            // notify_one keeps the permit if the answer was quicker than the wait.
            self.answered.notify_one();
        }
    }
}

/// Serve the language server on `input`/`output` until the client exits or
/// closes the input. Returns the process exit code: 1 when the client sent
/// `exit` without `shutdown` first (as the LSP specification asks), else 0.
pub async fn serve<I, O>(input: I, output: O) -> i32
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let (service, socket) = LspService::new(Backend::new);
    let (to_server, server_in) = tokio::io::duplex(1 << 16);
    let (server_out, from_server) = tokio::io::duplex(1 << 16);
    // Whole frames to write, in order; `None` when the server has finished.
    let (out_tx, out_rx) = mpsc::unbounded_channel::<Option<Vec<u8>>>();
    let writer = tokio::spawn(write_frames(output, out_rx));
    let gate = InitGate::default();
    let relay_out = tokio::spawn(relay_from_server(from_server, out_tx.clone(), gate.clone()));
    let exit_code = Arc::new(AtomicI32::new(0));
    let relay_in = RelayIn {
        to_server,
        replies: out_tx,
        gate,
        exit_code: exit_code.clone(),
        shut_down: false,
    };
    // Not awaited: it may sit in a read of stdin after the client said `exit`.
    tokio::spawn(relay_in.run(input));

    Server::new(server_in, server_out, socket)
        .serve(service)
        .await;
    let _ = relay_out.await;
    let _ = writer.await;
    exit_code.load(Ordering::SeqCst)
}

async fn write_frames<O: AsyncWrite + Unpin>(
    mut output: O,
    mut frames: mpsc::UnboundedReceiver<Option<Vec<u8>>>,
) {
    while let Some(Some(bytes)) = frames.recv().await {
        if output.write_all(&bytes).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
}

/// The server's messages, frame by frame, to the writer.
async fn relay_from_server(
    from_server: DuplexStream,
    out: mpsc::UnboundedSender<Option<Vec<u8>>>,
    gate: InitGate,
) {
    let mut from_server = BufReader::new(from_server);
    while let Ok(Some(Frame::Body(body))) = read_frame(&mut from_server).await {
        // Keep draining after the client's end is gone (the writer stopped):
        // tower-lsp 0.20 panics if its own output breaks under it.
        let _ = out.send(Some(frame(&body)));
        gate.saw_outgoing(&body);
    }
    let _ = out.send(None);
}

/// The client's messages: checked, then passed on to tower-lsp or answered
/// with an error.
struct RelayIn {
    to_server: DuplexStream,
    /// Error replies go out through the writer, between whole frames.
    replies: mpsc::UnboundedSender<Option<Vec<u8>>>,
    gate: InitGate,
    exit_code: Arc<AtomicI32>,
    shut_down: bool,
}

/// Whether to go on reading the client.
enum Flow {
    Continue,
    Stop,
}

impl RelayIn {
    async fn run<I: AsyncRead + Unpin>(mut self, input: I) {
        let mut input = BufReader::new(input);
        loop {
            let flow = match read_frame(&mut input).await {
                Ok(None) | Err(_) => Flow::Stop, // end of input: the server sees EOF
                Ok(Some(Frame::Body(body))) if body.iter().all(u8::is_ascii_whitespace) => {
                    Flow::Continue
                }
                Ok(Some(Frame::Body(body))) => match check(&body) {
                    Ok(message) => self.forward(&body, &message).await,
                    Err(reply) => self.refuse(&reply, reply.clone()),
                },
                Ok(Some(Frame::Bad(why))) => self.refuse(
                    &why,
                    json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": why}}),
                ),
            };
            if let Flow::Stop = flow {
                break;
            }
        }
    }

    fn refuse(&self, why: &dyn std::fmt::Display, reply: Value) -> Flow {
        eprintln!("{}", crate::messages::LSP_MALFORMED.fill(&[why]));
        let _ = self.replies.send(Some(frame(reply.to_string().as_bytes())));
        Flow::Continue
    }

    /// Pass a well-formed message on to tower-lsp.
    async fn forward(&mut self, body: &[u8], message: &Value) -> Flow {
        let method = message.get("method").and_then(Value::as_str);
        let is_exit = method == Some("exit");
        self.shut_down |= method == Some("shutdown");
        if is_exit && !self.shut_down {
            self.exit_code.store(1, Ordering::SeqCst);
        }
        let init_id = (method == Some("initialize")).then(|| message.get("id").cloned());
        let init_id = init_id.flatten();
        if let Some(id) = &init_id {
            *self.gate.pending() = Some(id.clone());
        }
        if self.to_server.write_all(&frame(body)).await.is_err() {
            return Flow::Stop;
        }
        if init_id.is_some() {
            self.gate.answered.notified().await;
        }
        if is_exit {
            // tower-lsp only stops at the end of its input: after `exit`
            // close it, so the process ends even if the client keeps
            // stdin open.
            return Flow::Stop;
        }
        Flow::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_what_tower_lsp_would_reject() {
        assert!(check(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#).is_ok());
        assert!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_ok());
        let e = check(b"{not json").unwrap_err();
        assert_eq!(e["error"]["code"], -32700);
        let e = check(br#"{"id": 7, "hello": 1}"#).unwrap_err();
        assert_eq!(e["error"]["code"], -32600);
        assert_eq!(e["id"], 7);
    }

    #[tokio::test]
    async fn frames_and_bad_headers() {
        let input = b"Content-Length: 2\r\n\r\n{}\r\nX-Foo: 1\r\n\r\nContent-Length: 1\r\n\r\n1";
        let mut r = BufReader::new(&input[..]);
        assert!(matches!(read_frame(&mut r).await.unwrap(), Some(Frame::Body(b)) if b == b"{}"));
        assert!(matches!(
            read_frame(&mut r).await.unwrap(),
            Some(Frame::Bad(_))
        ));
        assert!(matches!(read_frame(&mut r).await.unwrap(), Some(Frame::Body(b)) if b == b"1"));
        assert!(read_frame(&mut r).await.unwrap().is_none());
    }
}
