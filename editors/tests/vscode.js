// Real-editor test: VS Code (code-server) with the packaged xxgk .vsix installed, driven by
// headless Chromium, opens a report with an unbalanced table and must show the squiggle, the
// Problems entry of the expected rule and the live sum (an inlay hint) at the wrong total. Saves a
// screenshot of what the clerk sees.
//
// Run by editors/tests/run.sh, which installs code-server and playwright-core and passes:
//   XXGK_CODE_SERVER   the code-server executable
//   XXGK_PLAYWRIGHT    the playwright-core module directory
//   XXGK_VSIX          the packaged extension
//   XXGK_BIN           the xxgk executable (linked as ~/.cargo/bin/xxgk in the temporary HOME:
//                      the extension finds it there, as it would after `cargo install --path .`;
//                      PATH is no use, the extension host takes it from a login shell)
//   XXGK_FIXTURE       the report to open
//   XXGK_EXPECT_CODE   the rule code the Problems panel must show (e.g. T002)
//   XXGK_EXPECT_MESSAGE a substring of its message
//   XXGK_EXPECT_LINE   the 1-based line of the defect (the editor is scrolled there)
//   XXGK_EXPECT_HINT   the inlay hint that line must show (e.g. `= 34`, the sum the total should be)
//   XXGK_SCREENSHOT    where to save the screenshot
//   XXGK_CHROMIUM      the browser (default /usr/bin/chromium)
"use strict";

const { spawn, spawnSync } = require("child_process");
const fs = require("fs");
const http = require("http");
const net = require("net");
const os = require("os");
const path = require("path");

function need(name) {
  const v = process.env[name];
  if (!v) {
    throw new Error(`environment variable ${name} is required`);
  }
  return v;
}

const codeServer = need("XXGK_CODE_SERVER");
const { chromium } = require(need("XXGK_PLAYWRIGHT"));
const vsix = path.resolve(need("XXGK_VSIX"));
const xxgkBin = path.resolve(need("XXGK_BIN"));
const fixture = path.resolve(need("XXGK_FIXTURE"));
const wantCode = need("XXGK_EXPECT_CODE");
const wantMessage = need("XXGK_EXPECT_MESSAGE");
const wantLine = Number(process.env.XXGK_EXPECT_LINE || "1");
const wantHint = need("XXGK_EXPECT_HINT");
const screenshot = path.resolve(need("XXGK_SCREENSHOT"));
const chromiumPath = process.env.XXGK_CHROMIUM || "/usr/bin/chromium";
const keep = process.env.XXGK_KEEP_TMP === "1";

const log = (msg) => console.log(`[vscode] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/healthz", timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => {
      req.destroy();
      resolve(false);
    });
  });
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "xxgk-vscode-"));
  const home = path.join(tmp, "home");
  const userDir = path.join(tmp, "user");
  const extDir = path.join(tmp, "ext");
  const ws = path.join(tmp, "workspace");
  for (const d of [home, path.join(userDir, "User"), extDir, ws]) {
    fs.mkdirSync(d, { recursive: true });
  }
  fs.mkdirSync(path.join(home, ".cargo", "bin"), { recursive: true });
  fs.symlinkSync(xxgkBin, path.join(home, ".cargo", "bin", "xxgk"));
  const fileName = "report-" + path.basename(fixture);
  fs.copyFileSync(fixture, path.join(ws, fileName));
  fs.writeFileSync(
    path.join(userDir, "User", "settings.json"),
    JSON.stringify(
      {
        "security.workspace.trust.enabled": false,
        "workbench.startupEditor": "none",
        "extensions.autoUpdate": false,
        "extensions.autoCheckUpdates": false,
        "telemetry.telemetryLevel": "off",
        "workbench.tips.enabled": false,
        "workbench.colorTheme": "Default Light Modern",
        "editor.minimap.enabled": false,
        "chat.commandCenter.enabled": false,
        "chat.disableAIFeatures": true,
        "window.commandCenter": false,
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        // The live sums: shown where a total differs from its parts (the defaults, said here).
        "editor.inlayHints.enabled": "on",
        "xxgk.inlayHints": "differences",
      },
      null,
      2,
    ),
  );

  const env = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, ".config"),
    XDG_DATA_HOME: path.join(home, ".local", "share"),
    XDG_CACHE_HOME: path.join(home, ".cache"),
  };
  const common = ["--user-data-dir", userDir, "--extensions-dir", extDir];

  log(`installing ${path.basename(vsix)}`);
  const inst = spawnSync(codeServer, [...common, "--install-extension", vsix], {
    env,
    encoding: "utf8",
    timeout: 120_000,
  });
  if (inst.status !== 0) {
    throw new Error(`--install-extension failed (${inst.status}):\n${inst.stdout}\n${inst.stderr}`);
  }
  const installed = fs.readdirSync(extDir).filter((d) => d.startsWith("xxgk."));
  if (installed.length === 0) {
    throw new Error(`the extension is not in ${extDir}: ${inst.stdout}\n${inst.stderr}`);
  }
  log(`installed ${installed.join(", ")}`);

  const port = await freePort();
  const serverLog = fs.openSync(path.join(tmp, "code-server.log"), "w");
  // detached: a new session and process group, so the extension host (which outlives the main
  // process) is killed with it.
  const server = spawn(
    codeServer,
    [
      "--bind-addr",
      `127.0.0.1:${port}`,
      "--auth",
      "none",
      ...common,
      "--disable-telemetry",
      "--disable-update-check",
      "--disable-workspace-trust",
      "--disable-getting-started-override",
      "--ignore-last-opened",
      ws,
    ],
    { env, detached: true, stdio: ["ignore", serverLog, serverLog] },
  );
  const killServer = async () => {
    for (const sig of ["SIGTERM", "SIGKILL"]) {
      try {
        process.kill(-server.pid, sig);
      } catch {
        return;
      }
      for (let i = 0; i < 30; i++) {
        try {
          process.kill(-server.pid, 0);
        } catch {
          return;
        }
        await sleep(100);
      }
    }
  };

  let browser;
  let page;
  try {
    const t0 = Date.now();
    while (!(await healthy(port))) {
      if (server.exitCode !== null || Date.now() - t0 > 90_000) {
        throw new Error("code-server did not become healthy");
      }
      await sleep(200);
    }
    log(`code-server up on port ${port} after ${Date.now() - t0} ms`);

    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector(".monaco-workbench", { timeout: 90_000 });
    // Let the workbench settle (the first Ctrl+P can be swallowed while it restores).
    await page.waitForSelector(".explorer-folders-view .monaco-list-row", { timeout: 60_000 }).catch(() => {});
    log("workbench loaded");

    // Open the report: Quick Open, its name, Enter.
    const editorTab = page.locator(".tabs-container .tab", { hasText: fileName });
    for (let attempt = 0; attempt < 5 && (await editorTab.count()) === 0; attempt++) {
      await page.keyboard.press("Control+P");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor({ state: "visible", timeout: 10_000 }).catch(() => {});
      await input.fill(fileName).catch(() => page.keyboard.type(fileName));
      await page.locator(".quick-input-widget .monaco-list-row", { hasText: fileName }).first()
        .waitFor({ timeout: 10_000 }).catch(() => {});
      await page.keyboard.press("Enter");
      await editorTab.first().waitFor({ timeout: 10_000 }).catch(() => {});
    }
    if ((await editorTab.count()) === 0) {
      throw new Error(`could not open ${fileName}`);
    }
    log(`opened ${fileName}`);
    await page.locator(".monaco-editor .view-lines").first().click();

    // Scroll the defect into view: Go to Line.
    await page.keyboard.press("Control+G");
    await page.locator(".quick-input-widget input").waitFor({ state: "visible", timeout: 10_000 });
    await page.keyboard.type(String(wantLine));
    await page.keyboard.press("Enter");

    const squiggle = page.locator(".monaco-editor .squiggly-error, .monaco-editor .squiggly-warning");
    await squiggle.first().waitFor({ timeout: 60_000 });
    log(`squiggles: ${await squiggle.count()}`);
    await expectHint(page);

    // The Problems panel, with the rule's row.
    await page.keyboard.press("Control+Shift+M");
    const rows = page.locator(".markers-panel .monaco-list-row");
    const row = rows.filter({ hasText: wantCode }).filter({ hasText: wantMessage });
    await row.first().waitFor({ timeout: 30_000 });
    const texts = await rows.allInnerTexts();
    for (const t of texts) {
      log(`problem: ${t.replace(/\s+/g, " ").trim()}`);
    }

    // Hover the squiggle on the defect's line so the screenshot shows the message too.
    await page.keyboard.press("Control+1"); // focus the editor again
    await page.keyboard.press("Control+G");
    await page.keyboard.type(String(wantLine));
    await page.keyboard.press("Enter");
    await sleep(300);
    const target = squiggle.first();
    const box = await target.boundingBox();
    if (box) {
      await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2 - 4);
      await page.locator(".monaco-hover").filter({ hasText: wantCode }).first()
        .waitFor({ state: "visible", timeout: 5_000 })
        .catch(() => log("(no hover shown; screenshot without it)"));
    }
    // Still there, not covered by the hover, when the picture is taken.
    await expectHint(page);
    fs.mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot });
    log(`screenshot: ${screenshot}`);
  } catch (err) {
    if (page) {
      const failShot = path.join(os.tmpdir(), "xxgk-vscode-failure.png");
      await page.screenshot({ path: failShot }).catch(() => {});
      log(`failure screenshot: ${failShot}`);
    }
    try {
      log("code-server log (tail):\n" + fs.readFileSync(path.join(tmp, "code-server.log"), "utf8").slice(-3000));
    } catch {}
    throw err;
  } finally {
    if (browser) {
      await browser.close().catch(() => {});
    }
    await killServer();
    if (!keep) {
      fs.rmSync(tmp, { recursive: true, force: true });
    } else {
      log(`kept ${tmp}`);
    }
  }
}

// The inlay hint at the defect's total: Monaco renders a hint as text injected into the line
// (`.view-line`) in its own span, after the line's own text. The line must hold the total the
// defect is about and, after it, the hint; the hint's span must be visible in the viewport.
async function expectHint(page) {
  const spaced = wantHint.trim().split(/\s+/).map(escapeRegExp).join("[\\s\\u00a0]*");
  const hintText = new RegExp(spaced);
  // Not the report's own text: the hint exists only on screen.
  const source = fs.readFileSync(fixture, "utf8").split(/\r?\n/);
  if (source.some((l) => hintText.test(l))) {
    throw new Error(`the report itself contains "${wantHint}": the test would prove nothing`);
  }
  const line = page.locator(".monaco-editor .view-line").filter({ hasText: hintText });
  await line.first().waitFor({ timeout: 30_000 });
  const text = (await line.first().textContent()).replace(/[\s\u00a0]+/g, " ").trim();
  const total = wantMessage.match(/\d+/);
  if (!total || !new RegExp(`${total[0]}.*${spaced}`).test(text)) {
    throw new Error(`the line with the inlay hint is "${text}", not the total ${total} followed by "${wantHint}"`);
  }
  const span = line.first().locator("span", { hasText: hintText }).last();
  if (!(await span.isVisible())) {
    throw new Error(`the inlay hint "${wantHint}" is in the DOM but not visible`);
  }
  log(`inlay hint: "${text}"`);
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`[vscode] FAIL: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  },
);
