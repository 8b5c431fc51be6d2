-- Headless Neovim (0.7+, vim.lsp.start_client) as an LSP client of the built server:
-- opens a file, waits for diagnostics, asks for a hover (and the lines its float would show),
-- writes what it saw as JSON.
-- Environment: POSTFIX_SERVER (dist/server.js), POSTFIX_FILE, POSTFIX_OUT, POSTFIX_HOVER_LINE,
-- POSTFIX_HOVER_COL (0-based). Run by test/neovim/neovim.test.ts.
local out = { diagnostics = vim.NIL, vim_diagnostics = {}, hover = { answered = false } }

local function finish()
  local f = assert(io.open(vim.env.POSTFIX_OUT, 'w'))
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.POSTFIX_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[bufnr].filetype
  local client_id = vim.lsp.start_client({
    name = 'postfix',
    cmd = { 'node', vim.env.POSTFIX_SERVER, '--stdio' },
    root_dir = vim.fn.fnamemodify(vim.env.POSTFIX_FILE, ':h'),
    handlers = {
      ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
        vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
        out.diagnostics = result.diagnostics
      end,
    },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  vim.lsp.buf_attach_client(bufnr, client_id)
  out.got_diagnostics = vim.wait(10000, function() return out.diagnostics ~= vim.NIL end, 20)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.vim_diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity,
      message = d.message, source = d.source, code = d.user_data and d.user_data.lsp and d.user_data.lsp.code,
    })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(bufnr),
    position = { line = tonumber(vim.env.POSTFIX_HOVER_LINE), character = tonumber(vim.env.POSTFIX_HOVER_COL) },
  }
  client.request('textDocument/hover', params, function(e, result)
    out.hover = { answered = true, error = e and e.message or vim.NIL, result = result or vim.NIL }
    -- What Neovim's hover float would show: the Markdown lines it builds from the contents.
    if result and result.contents then
      out.hover.lines = vim.lsp.util.trim_empty_lines(vim.lsp.util.convert_input_to_markdown_lines(result.contents))
    end
  end, bufnr)
  vim.wait(10000, function() return out.hover.answered end, 20)

  vim.lsp.stop_client(client_id)
  out.stopped = vim.wait(5000, function() return client.is_stopped() end, 20)
end)
if not ok then out.lua_error = tostring(err) end
finish()
