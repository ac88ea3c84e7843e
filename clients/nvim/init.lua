-- A real LSP client against `yasno lsp`: headless Neovim opens a draft,
-- attaches the server, and records what the editor ends up with. Run by
-- lsp/nvim_test.go:
--
--   YASNO_BIN=/path/to/yasno YASNO_DRAFT=draft.txt YASNO_OUT=out.json \
--     nvim --headless --clean -u clients/nvim/init.lua
--
-- It writes YASNO_OUT as JSON:
--   initial   the diagnostics after opening (vim.diagnostic.get(0)), each
--             with the byte column Neovim computed from our UTF-16
--             character and that character recomputed by Neovim
--   actions   the quick fixes offered on the first diagnostic that has any
--   hover     the hover text on that diagnostic
--   applied   the line after applying the first quick fix
--   final     the diagnostics after the fix and a typed insertion, sent to
--             the server as incremental changes
--   text      the buffer's final text, to check the server saw the same
--   error     set when something did not happen in time
-- Works on Neovim 0.7 (Debian 12) and later.

local bin = assert(os.getenv("YASNO_BIN"), "YASNO_BIN")
local draft = assert(os.getenv("YASNO_DRAFT"), "YASNO_DRAFT")
local out_path = assert(os.getenv("YASNO_OUT"), "YASNO_OUT")

local result = { initial = {}, actions = {}, final = {} }

local function finish()
  local f = assert(io.open(out_path, "w"))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd("qa!")
end

local function fail(msg)
  result.error = msg
  finish()
end

vim.cmd("edit " .. vim.fn.fnameescape(draft))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = "text"

-- Count the publications and remember the version each one was for, so
-- the script can wait for the diagnostics of a given change.
local published = { count = 0, version = -1 }
local function on_publish(err, res, ctx, config)
  published.count = published.count + 1
  published.version = res.version or -1
  return vim.lsp.diagnostic.on_publish_diagnostics(err, res, ctx, config)
end

local config = {
  name = "yasno",
  cmd = { bin, "lsp" },
  root_dir = vim.fn.fnamemodify(draft, ":p:h"),
  init_options = { yasno = { profile = "citizen" } },
  handlers = { ["textDocument/publishDiagnostics"] = on_publish },
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client_id)
end
if not client_id then
  return fail("the client did not start")
end

local function lines()
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

-- utf16 turns a byte column of a line into UTF-16 units, Neovim's way.
local function utf16(line, col)
  local _, u16 = vim.str_utfindex(line, math.min(col, #line))
  return u16
end

local function snapshot()
  local ls = lines()
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local l, el = ls[d.lnum + 1] or "", ls[d.end_lnum + 1] or ""
    table.insert(out, {
      code = d.code, severity = d.severity, source = d.source, message = d.message,
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      character = utf16(l, d.col), end_character = utf16(el, d.end_col),
      href = d.user_data and d.user_data.lsp and d.user_data.lsp.codeDescription
        and d.user_data.lsp.codeDescription.href or nil,
    })
  end
  table.sort(out, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return tostring(a.code) < tostring(b.code)
  end)
  return out
end

if not vim.wait(20000, function() return published.count > 0 end, 20) then
  return fail("no diagnostics within 20 s")
end
result.initial = snapshot()

-- Quick fixes and hover on the first diagnostic that offers a fix.
local uri = vim.uri_from_bufnr(buf)
for _, d in ipairs(result.initial) do
  local pos = { line = d.lnum, character = d.character }
  local resp = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", {
    textDocument = { uri = uri },
    range = { start = pos, ["end"] = pos },
    context = { diagnostics = {} },
  }, 5000)
  local actions = resp and resp[client_id] and resp[client_id].result or {}
  if #actions > 0 then
    for _, a in ipairs(actions) do
      table.insert(result.actions, { title = a.title, kind = a.kind, code = d.code, lnum = d.lnum,
        character = d.character, end_character = d.end_character, col = d.col, end_col = d.end_col })
    end
    local h = vim.lsp.buf_request_sync(buf, "textDocument/hover",
      { textDocument = { uri = uri }, position = pos }, 5000)
    local hv = h and h[client_id] and h[client_id].result
    result.hover = hv and hv.contents and hv.contents.value or nil
    local client = vim.lsp.get_client_by_id(client_id)
    vim.lsp.util.apply_workspace_edit(actions[1].edit, client.offset_encoding or "utf-16")
    result.fixed_with = actions[1].edit.changes[uri][1].newText
    result.applied = lines()[d.lnum + 1]
    break
  end
end

-- Type on the line with the emoji, after it: an incremental change.
for i, l in ipairs(lines()) do
  local s, e = l:find("😀 ", 1, true)
  if s then
    vim.api.nvim_buf_set_text(buf, i - 1, e, i - 1, e, { "Cлужба осуществляет мониторинг. " })
    break
  end
end
local tick = vim.api.nvim_buf_get_changedtick(buf)
if not vim.wait(20000, function() return published.version == tick end, 20) then
  return fail("no diagnostics for the edited text (version " .. tick .. ") within 20 s")
end
result.final = snapshot()
result.text = table.concat(lines(), "\n") .. "\n"
finish()
