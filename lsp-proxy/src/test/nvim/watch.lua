-- Neovim 0.7 has no file watcher for LSP servers: it never declares dynamic registration of
-- workspace/didChangeWatchedFiles. This script opens a caller's file, waits until gopls has checked
-- it and HotLSP has built the caller's run target (so HotLSP's watcher is up), renames a function
-- on disk in a closed file, and waits for gopls's diagnostic on the caller — which only a
-- didChangeWatchedFiles from HotLSP can bring. It writes what it saw as JSON.
-- Environment: HOTLSP_NVIM_CMD (JSON array: the server command), HOTLSP_NVIM_ROOT (workspace),
-- HOTLSP_NVIM_FILE (caller to open), HOTLSP_NVIM_TARGET (its run target), HOTLSP_NVIM_RENAME_FILE
-- (closed file to rewrite), HOTLSP_NVIM_OLD / HOTLSP_NVIM_NEW (function names),
-- HOTLSP_NVIM_EXPECT (text of the expected message), HOTLSP_NVIM_OUT (result file), HOTLSP_NVIM_TIMEOUT_MS.
-- Exit: 0 gopls's diagnostic arrived, 1 it did not, 2 the session never got ready, 3 the client
-- could not start, 4 a Lua error.
local cmd = vim.json.decode(os.getenv('HOTLSP_NVIM_CMD'))
local root = os.getenv('HOTLSP_NVIM_ROOT')
local file = os.getenv('HOTLSP_NVIM_FILE')
local target = os.getenv('HOTLSP_NVIM_TARGET')
local rename_file = os.getenv('HOTLSP_NVIM_RENAME_FILE')
local old_name = os.getenv('HOTLSP_NVIM_OLD')
local new_name = os.getenv('HOTLSP_NVIM_NEW')
local expect = os.getenv('HOTLSP_NVIM_EXPECT')
local out = os.getenv('HOTLSP_NVIM_OUT')
local timeout = tonumber(os.getenv('HOTLSP_NVIM_TIMEOUT_MS') or '60000')

local result = { initialized = false, ready = false, published = 0, builds = {}, diagnostics = {}, errors = {},
  ms = {}, nvim = tostring(vim.version().minor) }
local started = vim.loop.hrtime()
local function stamp(name)
  result.ms[name] = math.floor((vim.loop.hrtime() - started) / 1e6)
end
local file_uri = vim.uri_from_fname(file)

local function finish(code)
  local f = assert(io.open(out, 'w'))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd('cquit ' .. code)
end

local function rewrite(path, from, to)
  local f = assert(io.open(path, 'r'))
  local text = f:read('*a')
  f:close()
  local changed, n = text:gsub(from, to)
  assert(n > 0, from .. ' not found in ' .. path)
  f = assert(io.open(path, 'w'))
  f:write(changed)
  f:close()
end

local function gopls_reports(bufnr)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.source ~= 'go build' and d.message:find(expect, 1, true) then
      return true
    end
  end
  return false
end

local function run()
  local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
  local client_id = vim.lsp.start_client({
    name = 'hotlsp-test',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        if params and params.uri == file_uri then
          result.published = result.published + 1
        end
        return default_publish(err, params, ctx, config)
      end,
      ['hotlsp/buildEnded'] = function(_, params)
        table.insert(result.builds, { target = params.target, ok = params.ok })
      end,
    },
    on_init = function()
      result.initialized = true
    end,
    on_error = function(code, err)
      table.insert(result.errors, tostring(code) .. ': ' .. vim.inspect(err))
    end,
    on_exit = function(code, signal)
      result.exit_code = code
      result.exit_signal = signal
    end,
  })
  if not client_id then
    table.insert(result.errors, 'vim.lsp.start_client returned nil')
    return 3
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  vim.cmd('setlocal filetype=go')
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)

  result.ready = vim.wait(timeout, function()
    if result.exit_code ~= nil or result.published == 0 then
      return result.exit_code ~= nil
    end
    for _, b in ipairs(result.builds) do
      if b.target == target then
        return true
      end
    end
    return false
  end, 20) and result.exit_code == nil
  stamp('ready')
  if not result.ready then
    return 2
  end

  rewrite(rename_file, 'func ' .. old_name .. '%(', 'func ' .. new_name .. '(')
  local arrived = vim.wait(timeout, function()
    return gopls_reports(bufnr) or result.exit_code ~= nil
  end, 20) and gopls_reports(bufnr)
  stamp('reported')
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, message = d.message, source = d.source })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  if client then
    client.stop()
  end
  vim.wait(10000, function()
    return result.exit_code ~= nil
  end, 20)
  stamp('stopped')
  return arrived and 0 or 1
end

local ok, code = pcall(run)
if not ok then
  table.insert(result.errors, tostring(code))
  code = 4
end
finish(code)
