-- Drives Neovim 0.7's built-in LSP client against a language server and writes what it saw as JSON.
-- Environment: HOTLSP_NVIM_CMD (JSON array: the server command), HOTLSP_NVIM_ROOT (workspace),
-- HOTLSP_NVIM_FILE (file to open), HOTLSP_NVIM_OUT (result file), HOTLSP_NVIM_TIMEOUT_MS.
-- Exit: 0 diagnostics arrived, 1 none arrived (in time, or the server ended first),
-- 3 the client could not start, 4 a Lua error.
local cmd = vim.json.decode(os.getenv('HOTLSP_NVIM_CMD'))
local root = os.getenv('HOTLSP_NVIM_ROOT')
local file = os.getenv('HOTLSP_NVIM_FILE')
local out = os.getenv('HOTLSP_NVIM_OUT')
local timeout = tonumber(os.getenv('HOTLSP_NVIM_TIMEOUT_MS') or '60000')

local result = { initialized = false, diagnostics = {}, errors = {}, nvim = tostring(vim.version().minor) }

local function finish(code)
  local f = assert(io.open(out, 'w'))
  f:write(vim.json.encode(result))
  f:close()
  vim.cmd('cquit ' .. code)
end

local function run()
  local client_id = vim.lsp.start_client({
    name = 'hotlsp-test',
    cmd = cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'workspace' } },
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

  local arrived = vim.wait(timeout, function()
    return #vim.diagnostic.get(bufnr) > 0 or result.exit_code ~= nil
  end, 20) and #vim.diagnostic.get(bufnr) > 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, source = d.source })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  if client then
    client.stop()
  end
  vim.wait(10000, function()
    return result.exit_code ~= nil
  end, 20)
  return arrived and 0 or 1
end

local ok, code = pcall(run)
if not ok then
  table.insert(result.errors, tostring(code))
  code = 4
end
finish(code)
