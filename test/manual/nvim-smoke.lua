-- A manual smoke test of the built language server in Neovim, headless. It opens an account of a
-- portfolio, starts the server the way docs/editors.md says, and prints what the editor received:
-- diagnostics, completion (after LMCA5/ and fuzzy), hover, definition, references, code lens, code actions.
--
--   npm run build
--   nvim --headless -u NONE -c 'luafile test/manual/nvim-smoke.lua'
--
-- Environment: PORTFOLIO (default /work/shared/examples/portfolio, else examples/), RA_SERVER (a command,
-- default "node <project>/dist/cli.js serve --stdio"). Nothing is written to disk: edits stay in buffers.
-- Works with Neovim 0.7 (vim.lsp.start_client, push diagnostics) and 0.8+ (vim.lsp.start).

local function out(...)
  io.stdout:write(table.concat(vim.tbl_map(tostring, { ... }), ' ') .. '\n')
end

local function fail(message)
  out('FAILED: ' .. message)
  vim.cmd('cquit 1')
end

local project = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h')
local folder = vim.env.PORTFOLIO
if not folder or folder == '' then
  folder = vim.fn.isdirectory('/work/shared/examples/portfolio') == 1 and '/work/shared/examples/portfolio' or project .. '/examples'
end
local cmd = vim.env.RA_SERVER and vim.split(vim.env.RA_SERVER, ' ', { trimempty = true })
  or { 'node', project .. '/dist/cli.js', 'serve', '--stdio' }

vim.cmd('edit ' .. vim.fn.fnameescape(folder .. '/ra1.md'))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'markdown'
vim.bo[buf].readonly = false -- the shared examples are read-only files; the edits below stay in the buffer

local initialized = false
local config = {
  name = 'reflective-accounts',
  cmd = cmd,
  root_dir = folder,
  settings = { reflectiveAccounts = { minimumEvidence = 1 } },
  flags = { debounce_text_changes = 0 },
  on_init = function() initialized = true end,
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else -- Neovim 0.7
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client_id)
end
local client = vim.lsp.get_client_by_id(client_id)
if not vim.wait(10000, function() return initialized end, 20) then fail('the server did not initialize') end
out(('Neovim %s, server %s, folder %s'):format(tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
  table.concat(cmd, ' '), folder))

local function request(method, params)
  local response = client.request_sync(method, params, 10000, buf)
  if not response then fail(method .. ' timed out') end
  if response.err then fail(method .. ': ' .. vim.inspect(response.err)) end
  return response.result
end

local function position_of(needle, shift)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local at = line:find(needle, 1, true)
    if at then return { line = i - 1, character = at - 1 + (shift or 0) } end
  end
  fail(needle .. ' not found')
end

local function at(pos)
  return { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = pos }
end

-- Diagnostics (pushed to Neovim 0.7, which cannot pull).
if not vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20) then fail('no diagnostics') end
out('\n== diagnostics of ra1.md')
local severities = { 'error', 'warning', 'information', 'hint' }
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  out(('%d:%d %s %s %s'):format(d.lnum + 1, d.col + 1, severities[d.severity], code, d.message))
end

-- Hover on the first citation.
local hover = request('textDocument/hover', at(position_of('LMCA5/P1)', 7)))
out('\n== hover on LMCA5/P1')
out(hover.contents.value)

-- Definition and references.
local definition = request('textDocument/definition', at(position_of('LMCA5/P2)', 7)))
local loc = definition[1] or definition
local unit_doc = request('reflectiveAccounts/unitDocument', { uri = loc.uri })
out('\n== definition of LMCA5/P2')
out(loc.uri, 'line ' .. (loc.range.start.line + 1) .. ':', vim.split(unit_doc.text, '\n')[loc.range.start.line + 1])
local refs = request('textDocument/references', vim.tbl_extend('force', at(position_of('LMCA5/P1)', 7)), { context = { includeDeclaration = false } }))
out('\n== references of LMCA5/P1')
for _, r in ipairs(refs) do out(vim.fn.fnamemodify(vim.uri_to_fname(r.uri), ':t') .. ':' .. (r.range.start.line + 1) .. ':' .. (r.range.start.character + 1)) end

-- Code lens on the units entry.
out('\n== code lens')
for _, lens in ipairs(request('textDocument/codeLens', { textDocument = { uri = vim.uri_from_bufnr(buf) } })) do
  out('line ' .. (lens.range.start.line + 1) .. ': ' .. lens.command.title)
end

-- Completion after "LMCA5/", then with words typed.
local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, false, { '', 'I also supervised the new starters (LMCA5/' })
local line = vim.api.nvim_buf_get_lines(buf, last + 1, last + 2, false)[1]
local list = request('textDocument/completion', at({ line = last + 1, character = #line }))
local items = list.items or list
out('\n== completion after "' .. line:sub(-7) .. '": ' .. #items .. ' items')
table.sort(items, function(a, b) return a.sortText < b.sortText end)
for i = 1, 3 do out(items[i].label, '|', items[i].detail) end
vim.api.nvim_buf_set_lines(buf, last + 1, last + 2, false, { 'I also supervised the new starters (LMCA5/superv' })
list = request('textDocument/completion', at({ line = last + 1, character = #'I also supervised the new starters (LMCA5/superv' }))
items = list.items or list
out('\n== completion after "LMCA5/superv": isIncomplete=' .. tostring(list.isIncomplete) .. ', ' .. #items .. ' item(s)')
for i = 1, math.min(3, #items) do out(items[i].label, '|', items[i].detail, '| replaces with', items[i].textEdit.newText) end

-- Code actions on a non-canonical range.
vim.api.nvim_buf_set_lines(buf, last + 1, last + 2, false, { 'See scdlmca5/P3-5 too.' })
local actions = request('textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = { start = { line = last + 1, character = 14 }, ['end'] = { line = last + 1, character = 14 } },
  context = { diagnostics = {} },
})
out('\n== code actions on "scdlmca5/P3-5"')
for _, a in ipairs(actions) do out(a.kind, '|', a.title) end

-- Go to definition in the editor itself: the unit document is served by the server (autocmd as in the docs).
vim.api.nvim_create_autocmd('BufReadCmd', {
  -- Neovim may name the buffer after the URI or prefix it with the current folder.
  pattern = { 'reflective-accounts-unit:/*', '*/reflective-accounts-unit:/*' },
  callback = function(ev)
    local code = ev.match:match('reflective%-accounts%-unit:/*(.-)$')
    for _, c in pairs(vim.lsp.get_active_clients()) do
      if c.name == 'reflective-accounts' then
        local res = c.request_sync('reflectiveAccounts/unitDocument', { uri = 'reflective-accounts-unit:/' .. code }, 5000)
        local text = res and res.result and res.result.text or ('No unit ' .. code)
        vim.api.nvim_buf_set_lines(ev.buf, 0, -1, false, vim.split(text, '\n'))
        vim.bo[ev.buf].buftype, vim.bo[ev.buf].modifiable, vim.bo[ev.buf].filetype = 'nofile', false, 'markdown'
        return
      end
    end
  end,
})
local p2 = position_of('LMCA5/P2)', 7)
vim.api.nvim_win_set_cursor(0, { p2.line + 1, p2.character })
vim.lsp.buf.definition()
if not vim.wait(5000, function() return vim.api.nvim_buf_get_name(0):find('reflective%-accounts%-unit') ~= nil end, 20) then
  fail('definition did not open the unit document')
end
out('\n== :lua vim.lsp.buf.definition() on LMCA5/P2 opened ' .. vim.fn.fnamemodify(vim.api.nvim_buf_get_name(0), ':t'))
out('line ' .. vim.fn.line('.') .. ': ' .. vim.api.nvim_get_current_line())
out('line 1: ' .. vim.api.nvim_buf_get_lines(0, 0, 1, false)[1])

client.stop()
vim.wait(2000, function() return client.is_stopped() end, 20)
out('\nOK')
vim.cmd('qa!')
