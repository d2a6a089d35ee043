-- Drives the kubeplan language server from Neovim's built-in LSP client (Neovim 0.7+: only
-- vim.lsp.start_client and buf_attach_client, no vim.lsp.start). Run by test/neovim/neovim.test.mjs:
--
--   nvim --headless --clean -u NONE -n -S test/neovim/lsp-check.lua
--
-- Input (environment): KUBEPLAN_NODE, KUBEPLAN_SERVER (dist/server.js), KUBEPLAN_FILE (the manifest
-- to open), KUBEPLAN_SETTINGS (JSON, sent as initializationOptions.settings), KUBEPLAN_HOVER_LINE /
-- KUBEPLAN_HOVER_COL (1-based line, 0-based byte column of the cursor for textDocument/hover),
-- KUBEPLAN_OUT (where the JSON result goes), KUBEPLAN_TIMEOUT_MS (per wait).
-- Output: KUBEPLAN_OUT holds { diagnostics = what vim.diagnostic holds for the buffer (the editor's
-- view: 0-based lines, byte columns), published = the raw publishDiagnostics params, hover = the
-- hover result, ... }. Exit status 0 when the server answered in time, 1 (with the reason on stderr)
-- otherwise. Every path ends in :qall! or :cquit, so a headless Neovim never lingers.

local env = vim.env
local timeout = tonumber(env.KUBEPLAN_TIMEOUT_MS) or 8000
local out = {
  nvim = vim.version(),
  logs = {},          -- window/logMessage texts
  published = {},     -- every textDocument/publishDiagnostics params for our file, in order
  complete = {},      -- every kubeplan/analysisComplete params, in order
}

local function write_out()
  local f = assert(io.open(env.KUBEPLAN_OUT, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
end

local function fail(reason)
  out.error = reason
  pcall(write_out)
  io.stderr:write('lsp-check.lua: ', reason, '\n')
  vim.cmd('cquit 1')
end

local function main()
  for _, name in ipairs({ 'KUBEPLAN_NODE', 'KUBEPLAN_SERVER', 'KUBEPLAN_FILE', 'KUBEPLAN_OUT' }) do
    if not env[name] or env[name] == '' then return fail(name .. ' is not set') end
  end

  local exited = nil
  local ready = false       -- "kubeplan ready" logged: settings pulled, analysis rescheduled
  local settled = nil       -- first analysisComplete for our document after ready

  local client_id = vim.lsp.start_client({
    name = 'kubeplan',
    cmd = { env.KUBEPLAN_NODE, env.KUBEPLAN_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(env.KUBEPLAN_FILE, ':h'),
    init_options = { settings = vim.fn.json_decode(env.KUBEPLAN_SETTINGS or '{}') },
    handlers = {
      ['window/logMessage'] = function(_, result)
        table.insert(out.logs, result.message)
        if result.message:find('^kubeplan ready') then ready = true end
      end,
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        table.insert(out.published, result)
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
      ['kubeplan/analysisComplete'] = function(_, result)
        table.insert(out.complete, result)
        if ready and not settled then settled = result end
      end,
    },
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  })
  if not client_id then return fail('vim.lsp.start_client returned nil') end

  vim.cmd('edit ' .. vim.fn.fnameescape(env.KUBEPLAN_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'yaml' -- -u NONE: no filetype detection; this becomes the languageId
  if not vim.lsp.buf_attach_client(bufnr, client_id) then return fail('buf_attach_client failed') end
  local uri = vim.uri_from_bufnr(bufnr)
  out.uri = uri

  -- The server pulls its settings after `initialized` and re-analyses open documents with them, then
  -- logs "kubeplan ready"; the first analysisComplete for this document after that is final.
  local function kubeplan_diagnostics()
    return vim.tbl_filter(function(d) return d.source == 'kubeplan' end, vim.diagnostic.get(bufnr))
  end
  local ok = vim.wait(timeout, function()
    return exited ~= nil or (settled ~= nil and settled.uri == uri and #kubeplan_diagnostics() > 0)
  end, 10)
  if exited then return fail('the server exited early: ' .. vim.inspect(exited)) end
  if not ok then
    return fail(string.format('no kubeplan diagnostics after %d ms (ready: %s, analysisComplete: %s)',
      timeout, tostring(ready), vim.inspect(out.complete)))
  end
  out.version = vim.lsp.util.buf_versions[bufnr]
  out.diagnostics = vim.tbl_map(function(d)
    return {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source, message = d.message,
    }
  end, kubeplan_diagnostics())

  -- Hover as `K` asks for it: from the cursor position.
  vim.api.nvim_win_set_cursor(0, { tonumber(env.KUBEPLAN_HOVER_LINE) or 1, tonumber(env.KUBEPLAN_HOVER_COL) or 0 })
  local client = vim.lsp.get_client_by_id(client_id)
  out.hover_provider = client.server_capabilities.hoverProvider or vim.NIL
  if client.supports_method('textDocument/hover') then
    local params = vim.lsp.util.make_position_params()
    out.hover_params = params
    local results, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
    if not results then return fail('textDocument/hover: ' .. tostring(err)) end
    local r = results[client_id] or {}
    if r.error then return fail('textDocument/hover error: ' .. vim.inspect(r.error)) end
    out.hover = r.result
  else
    -- 0.7's buf_request_sync would only time out here (no request is sent); record the absence.
    out.hover = vim.NIL
  end

  write_out()
  vim.cmd('qall!')
end

local ok, err = xpcall(main, debug.traceback)
if not ok then fail(tostring(err)) end
