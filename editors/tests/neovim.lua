-- Real-editor test: Neovim's own LSP client starts `xxgk lsp` on a report with a known defect and
-- must receive the expected diagnostic (rule code, message, line).
--
--   nvim --headless -u NONE -i NONE -n -c 'luafile editors/tests/neovim.lua'
--
-- Works with Neovim 0.7 (vim.lsp.start_client + buf_attach_client) and later. Run from the
-- repository root. Environment overrides:
--   XXGK_BIN              the server executable   (default target/debug/xxgk)
--   XXGK_FIXTURE          the report to open      (default fixtures/editor/unbalanced.txt)
--   XXGK_EXPECT_CODE      the rule code expected  (default T002)
--   XXGK_EXPECT_LINE      its 1-based start line  (default 90: the 总计 cell changed 34 → 35)
--   XXGK_EXPECT_MESSAGE   a substring of its message (default 总计为35)
--   XXGK_TIMEOUT_MS       how long to wait        (default 15000)

local function env(name, default)
  local v = os.getenv(name)
  if v == nil or v == '' then
    return default
  end
  return v
end

local root = vim.fn.getcwd()
local bin = vim.fn.fnamemodify(env('XXGK_BIN', root .. '/target/debug/xxgk'), ':p')
local fixture = vim.fn.fnamemodify(env('XXGK_FIXTURE', root .. '/fixtures/editor/unbalanced.txt'), ':p')
local want_code = env('XXGK_EXPECT_CODE', 'T002')
local want_line = tonumber(env('XXGK_EXPECT_LINE', '90'))
local want_message = env('XXGK_EXPECT_MESSAGE', '总计为35')
local timeout = tonumber(env('XXGK_TIMEOUT_MS', '15000'))

local function log(msg)
  io.stdout:write('[neovim] ' .. msg .. '\n')
  io.stdout:flush()
end

local function fail(msg)
  log('FAIL: ' .. msg)
  vim.cmd('cquit 1')
end

if vim.fn.executable(bin) ~= 1 then
  fail('server executable not found: ' .. bin)
  return
end
if vim.fn.filereadable(fixture) ~= 1 then
  fail('fixture not found: ' .. fixture)
  return
end

local stderr_lines = {}
local exited = nil

vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'text'

local client_id = vim.lsp.start_client({
  name = 'xxgk',
  cmd = { bin, 'lsp' },
  root_dir = vim.fn.fnamemodify(fixture, ':h'),
  -- Answered to the server's workspace/configuration request for section "xxgk".
  settings = { xxgk = { reportKind = 'department', rules = vim.empty_dict() } },
  on_exit = function(code, signal)
    exited = { code = code, signal = signal }
  end,
  handlers = {
    ['window/logMessage'] = function(_, result)
      if result and result.message then
        table.insert(stderr_lines, result.message)
      end
    end,
  },
})
if not client_id then
  fail('vim.lsp.start_client returned nil')
  return
end
vim.lsp.buf_attach_client(buf, client_id)

local found = nil
local function matches(d)
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then
    code = d.user_data.lsp.code
  end
  return tostring(code) == want_code
    and d.lnum == want_line - 1
    and string.find(d.message, want_message, 1, true) ~= nil
end

local ok = vim.wait(timeout, function()
  if exited then
    return true
  end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if matches(d) then
      found = d
      return true
    end
  end
  return false
end, 50)

local all = vim.diagnostic.get(buf)
for _, d in ipairs(all) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  log(string.format('diagnostic %s line %d: %s', tostring(code), d.lnum + 1, d.message))
end

if found then
  log(string.format('got %s at line %d: %s', want_code, found.lnum + 1, found.message))
  -- Shut the server down cleanly: it must exit when asked.
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function()
    return exited ~= nil
  end, 50)
  if not exited then
    log('warning: server did not exit within 2 s of shutdown')
  end
  vim.cmd('qall!')
elseif exited then
  fail(string.format('server exited early (code %s, signal %s)', tostring(exited.code), tostring(exited.signal)))
elseif not ok then
  fail(string.format(
    'no %s diagnostic at line %d containing "%s" within %d ms (%d diagnostics received)',
    want_code, want_line, want_message, timeout, #all
  ))
end
