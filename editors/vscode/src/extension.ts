// The xxgk VS Code extension: starts `xxgk lsp` for plain-text and Markdown documents that are
// government information-disclosure annual reports (政府信息公开工作年度报告), or that the
// `xxgk.files` setting names, and shows its diagnostics, quick fixes, hovers and outline.

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as vscode from "vscode";
import {
  DidOpenTextDocumentNotification,
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  ServerOptions,
} from "vscode-languageclient/node";
import template from "./template.generated.json";

const INSTALL_HINT =
  "Install it with `cargo install --path .` from the xxgk repository (or put `xxgk` on PATH), " +
  "or set `xxgk.path` to the executable.";

/**
 * Text that marks a document as an annual report: its title, a preamble line, the headings or
 * table words. The words are the ones `xxgk check` uses when walking folders (src/input/sniff.rs),
 * taken from `xxgk template --format json` as committed in template.generated.json (a Rust test
 * keeps the file equal to the binary's output).
 */
const REPORT_MARKERS: readonly string[] = template.sniff.markers;

/** Only the first part of a document is searched for the markers (as in sniff.rs). */
const SNIFF_CHARS = template.sniff.chars;

let client: LanguageClient | undefined;
let output: vscode.OutputChannel;
/** Documents (by URI string) that were handed to the server. */
const accepted = new Set<string>();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("xxgk");
  context.subscriptions.push(output);

  context.subscriptions.push(
    vscode.commands.registerCommand("xxgk.restartServer", async () => {
      await stopClient();
      await startClient(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // Where the server is and which files it sees need a restart; severities and the report
      // kind are sent to the running server (it reads them through workspace/configuration).
      if (e.affectsConfiguration("xxgk.path") || e.affectsConfiguration("xxgk.files")) {
        await stopClient();
        await startClient(context);
      }
    }),
  );

  await startClient(context);
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  accepted.clear();
  if (c) {
    try {
      await c.stop();
    } catch (err) {
      output.appendLine(`stopping the server: ${String(err)}`);
    }
    await c.dispose();
  }
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  const command = findServer(context);
  if (!command) {
    const choice = await vscode.window.showErrorMessage(
      `xxgk: the \`xxgk\` executable was not found. ${INSTALL_HINT}`,
      "Open Settings",
      "Retry",
    );
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "xxgk.path");
    } else if (choice === "Retry") {
      await startClient(context);
    }
    return;
  }
  output.appendLine(`starting ${command} lsp`);

  const serverOptions: ServerOptions = {
    // No `transport`: stdio, without the `--stdio` argument the client would otherwise append.
    run: { command, args: ["lsp"] },
    debug: { command, args: ["lsp"] },
  };

  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: "plaintext", scheme: "file" },
      { language: "plaintext", scheme: "untitled" },
      { language: "markdown", scheme: "file" },
      { language: "markdown", scheme: "untitled" },
    ],
    synchronize: { configurationSection: "xxgk" },
    outputChannel: output,
    middleware: reportsOnly(),
  };

  const c = new LanguageClient("xxgk", "xxgk", serverOptions, clientOptions);
  client = c;
  try {
    await c.start();
  } catch (err) {
    client = undefined;
    void vscode.window.showErrorMessage(
      `xxgk: could not start the language server \`${command} lsp\`: ${String(err)}. ${INSTALL_HINT}`,
    );
  }
}

/**
 * The document selector admits every plain-text and Markdown document; this middleware passes
 * on only those that look like a report or that `xxgk.files` names, so the server never sees a
 * README or a shopping list. A document that becomes a report while being typed (a report pasted
 * into an empty file) is opened on the server at that moment.
 */
function reportsOnly(): Middleware {
  return {
    didOpen: async (document, next) => {
      if (isReport(document)) {
        accepted.add(document.uri.toString());
        return next(document);
      }
    },
    didChange: async (event, next) => {
      const key = event.document.uri.toString();
      if (accepted.has(key)) {
        return next(event);
      }
      if (client && isReport(event.document)) {
        accepted.add(key);
        // The server has never seen this document: give it the whole current text.
        await client.sendNotification(
          DidOpenTextDocumentNotification.type,
          client.code2ProtocolConverter.asOpenTextDocumentParams(event.document),
        );
      }
    },
    willSave: async (event, next) => {
      if (accepted.has(event.document.uri.toString())) {
        return next(event);
      }
    },
    didSave: async (document, next) => {
      if (accepted.has(document.uri.toString())) {
        return next(document);
      }
    },
    didClose: async (document, next) => {
      if (accepted.delete(document.uri.toString())) {
        return next(document);
      }
    },
    // Requests about documents the server was never given are not sent.
    provideHover: (document, position, token, next) =>
      accepted.has(document.uri.toString()) ? next(document, position, token) : undefined,
    provideCodeActions: (document, range, context, token, next) =>
      accepted.has(document.uri.toString()) ? next(document, range, context, token) : undefined,
    provideDocumentSymbols: (document, token, next) =>
      accepted.has(document.uri.toString()) ? next(document, token) : undefined,
  };
}

function isReport(document: vscode.TextDocument): boolean {
  if (document.languageId !== "plaintext" && document.languageId !== "markdown") {
    return false;
  }
  const globs = vscode.workspace.getConfiguration("xxgk", document.uri).get<string[]>("files", []);
  for (const pattern of globs) {
    if (pattern && vscode.languages.match({ pattern }, document) > 0) {
      return true;
    }
  }
  const text = document.getText(
    new vscode.Range(new vscode.Position(0, 0), document.positionAt(SNIFF_CHARS)),
  );
  return REPORT_MARKERS.some((marker) => text.includes(marker));
}

/** `xxgk.path`, then the binary bundled in the extension, then `xxgk` on PATH or in ~/.cargo/bin. */
function findServer(context: vscode.ExtensionContext): string | undefined {
  const exe = process.platform === "win32" ? "xxgk.exe" : "xxgk";

  const configured = vscode.workspace.getConfiguration("xxgk").get<string>("path", "").trim();
  if (configured) {
    const resolved = resolveConfiguredPath(configured);
    if (isExecutable(resolved)) {
      return resolved;
    }
    void vscode.window.showWarningMessage(
      `xxgk: \`xxgk.path\` is set to "${configured}", which is not an executable file; looking for a bundled or installed xxgk instead.`,
    );
    output.appendLine(`xxgk.path "${configured}" (${resolved}) is not an executable file`);
  }

  const bundled = path.join(context.extensionPath, "bin", exe);
  if (isExecutable(bundled)) {
    return bundled;
  }

  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter((d) => d.length > 0);
  dirs.push(path.join(os.homedir(), ".cargo", "bin"));
  for (const dir of dirs) {
    const candidate = path.join(dir, exe);
    if (isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

function resolveConfiguredPath(p: string): string {
  if (p === "~" || p.startsWith("~/")) {
    p = path.join(os.homedir(), p.slice(1));
  }
  if (!path.isAbsolute(p)) {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder && folder.uri.scheme === "file") {
      p = path.join(folder.uri.fsPath, p);
    }
  }
  return p;
}

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) {
      return false;
    }
    if (process.platform !== "win32") {
      fs.accessSync(file, fs.constants.X_OK);
    }
    return true;
  } catch {
    return false;
  }
}
