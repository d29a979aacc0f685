-- wrk script of the deadline-day benchmark (driven by bench/deadline_day.py).
--
-- Run with as many threads as connections (-t N -c N): each wrk thread then has exactly one
-- connection, so responses arrive in request order and every response can be matched to the
-- request (application, Idempotency-Key) that caused it. Each thread acts for its own slice of
-- the applicants (index % threads == thread id), like a pool of browsers working in parallel.
--
-- Environment (set by the runner):
--   DD_MODE      mixed | baseline | warm
--   DD_APPS      file of "application_id token" lines
--   DD_THREADS   number of wrk threads (= connections)
--   DD_CALLS     comma-separated call ids for the public page views
--   DD_MIX       weights "autosave,page,detail,validation,submit" in percent
--   DD_DUP_PCT   % of acknowledged submits re-sent with the same key (double click / lost reply)
--   DD_RUN       run id, part of every Idempotency-Key
--   DD_OUT       file the per-request log is written to (by done())
--
-- Per-request log line: kind app status latency_us receipt attempt
--   status -1 = no response (connection error; the client retries a submit with the same key),
--   status -2 = still in flight when the run stopped.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } dd_timespec;
  int clock_gettime(int clk_id, dd_timespec *tp);
]]
local ts = ffi.new("dd_timespec")
local function now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + math.floor(tonumber(ts.tv_nsec) / 1000)
end

local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

local mode, nthreads, run
local apps, drafts, draft_pos, tokens = {}, {}, {}, {}
local calls = {}
local weights = {}
local dup_pct
local retry_queue = {}
local attempts = {}
local autosave_seq = {}
log = {}
inflight = nil -- description of the request awaiting its response (read by done())
local current = nil

local function split(s, sep)
  local out = {}
  for part in string.gmatch(s, "([^" .. sep .. "]+)") do
    out[#out + 1] = part
  end
  return out
end

function init(args)
  mode = os.getenv("DD_MODE") or "mixed"
  nthreads = tonumber(os.getenv("DD_THREADS") or "1")
  run = os.getenv("DD_RUN") or "run"
  dup_pct = tonumber(os.getenv("DD_DUP_PCT") or "5")
  for _, c in ipairs(split(os.getenv("DD_CALLS") or "", ",")) do
    calls[#calls + 1] = c
  end
  local w = split(os.getenv("DD_MIX") or "60,25,5,4,6", ",")
  local names = { "autosave", "page", "detail", "validation", "submit" }
  local acc = 0
  for i, name in ipairs(names) do
    acc = acc + tonumber(w[i] or "0")
    weights[#weights + 1] = { acc, name }
  end
  weights.total = acc
  local idx = 0
  for line in io.lines(os.getenv("DD_APPS")) do
    local id, token = line:match("^(%d+)%s+(%S+)")
    if id then
      if idx % nthreads == tid then
        local app = tonumber(id)
        apps[#apps + 1] = app
        tokens[app] = token
        drafts[#drafts + 1] = app
        draft_pos[app] = #drafts
      end
      idx = idx + 1
    end
  end
  math.randomseed(1000 + tid)
end

local function remove_draft(app)
  local pos = draft_pos[app]
  if not pos then
    return
  end
  local last = drafts[#drafts]
  drafts[pos] = last
  draft_pos[last] = pos
  drafts[#drafts] = nil
  draft_pos[app] = nil
end

local function auth(app, extra)
  local h = { ["Authorization"] = "Token " .. tokens[app], ["Accept"] = "application/json" }
  if extra then
    for k, v in pairs(extra) do
      h[k] = v
    end
  end
  return h
end

local function api(app, suffix)
  return "/api/v1/applications/" .. app .. "/" .. suffix
end

local function submit_request(app, kind)
  attempts[app] = (attempts[app] or 0) + 1
  local key = "dd-" .. run .. "-" .. app
  local h = auth(app, { ["Idempotency-Key"] = key, ["Content-Type"] = "application/json" })
  return { kind = kind, app = app, attempt = attempts[app] },
    wrk.format("POST", api(app, "submit/"), h, "{}")
end

local function pick()
  local r = math.random() * weights.total
  for _, pair in ipairs(weights) do
    if r < pair[1] then
      return pair[2]
    end
  end
  return weights[#weights][2]
end

local function any_app()
  return apps[math.random(#apps)]
end

local function next_request()
  if mode == "baseline" then
    return { kind = "baseline", app = 0 }, wrk.format("GET", "/bench/baseline/")
  end
  if #retry_queue > 0 then
    local item = table.remove(retry_queue, 1)
    return submit_request(item.app, item.kind)
  end
  local kind = pick()
  if mode == "warm" and (kind == "autosave" or kind == "submit") then
    kind = "detail"
  end
  if (kind == "autosave" or kind == "submit") and #drafts == 0 then
    kind = "detail" -- everyone of this slice has submitted: they look at their receipt
  end
  if kind == "page" then
    if #calls == 0 or math.random() < 0.4 then
      return { kind = "page", app = 0 }, wrk.format("GET", "/calls/")
    end
    return { kind = "page", app = 0 }, wrk.format("GET", "/calls/" .. calls[math.random(#calls)] .. "/")
  elseif kind == "detail" then
    local app = any_app()
    return { kind = "detail", app = app }, wrk.format("GET", api(app, ""), auth(app))
  elseif kind == "validation" then
    local app = any_app()
    return { kind = "validation", app = app }, wrk.format("GET", api(app, "validation/"), auth(app))
  elseif kind == "autosave" then
    local app = drafts[math.random(#drafts)]
    local seq = (autosave_seq[app] or 0) + 1
    autosave_seq[app] = seq
    local body = '{"summary": "자동저장 ' .. run .. " " .. app .. " " .. seq
      .. ': 서울시 도시 데이터를 활용한 시설물 안전관리 AI 플랫폼 사업화"}'
    local h = auth(app, { ["Content-Type"] = "application/json" })
    return { kind = "autosave", app = app, attempt = seq }, wrk.format("PATCH", api(app, ""), h, body)
  end
  local app = drafts[math.random(#drafts)]
  remove_draft(app)
  return submit_request(app, "submit")
end

local function record(r, status, latency, receipt)
  log[#log + 1] = string.format("%s %d %d %d %s %d", r.kind, r.app, status, latency,
    receipt or "-", r.attempt or 0)
end

local function retry_later(r)
  -- Client retry with the same Idempotency-Key after an error or a lost reply (at most 5 tries).
  if (r.kind == "submit" or r.kind == "retry" or r.kind == "dup") and attempts[r.app] < 5 then
    retry_queue[#retry_queue + 1] = { app = r.app, kind = "retry" }
  end
end

local probed = false
function request()
  if tid == 0 and not probed then
    -- wrk calls request() once on thread 0 before it starts, to inspect the request; that one is
    -- never sent, so it must not count as a request without a reply.
    probed = true
    return wrk.format("GET", "/calls/")
  end
  if current then
    -- The previous request on this connection never got a response (connection error).
    record(current, -1, now_us() - current.t0, nil)
    retry_later(current)
  end
  local r, raw = next_request()
  r.t0 = now_us()
  current = r
  inflight = string.format("%s %d -2 0 - %d", r.kind, r.app, r.attempt or 0)
  return raw
end

function response(status, headers, body)
  local r = current
  current = nil
  inflight = nil
  if not r then
    return
  end
  local latency = now_us() - r.t0
  local receipt = nil
  if r.kind == "submit" or r.kind == "retry" or r.kind == "dup" then
    receipt = body:match('"receipt_no"%s*:%s*"([^"]+)"')
    if (status == 200 or status == 201) and receipt then
      if r.kind ~= "dup" and math.random() * 100 < dup_pct then
        retry_queue[#retry_queue + 1] = { app = r.app, kind = "dup" }
      end
    elseif status >= 500 or status == 429 or status == 408 then
      retry_later(r)
    end
  end
  record(r, status, latency, receipt)
end

function done(summary, latency, requests)
  local out = assert(io.open(os.getenv("DD_OUT"), "w"))
  for _, thread in ipairs(threads_list) do
    local lines = thread:get("log")
    for _, line in ipairs(lines) do
      out:write(line, "\n")
    end
    local pending = thread:get("inflight")
    if pending then
      out:write(pending, "\n")
    end
  end
  out:close()
  local p = {}
  for _, q in ipairs({ 50, 90, 99, 99.9 }) do
    p[#p + 1] = string.format('"%s": %d', tostring(q), latency:percentile(q))
  end
  io.write(string.format(
    'WRK_SUMMARY {"duration_us": %d, "requests": %d, "bytes": %d, "errors": {"connect": %d, '
      .. '"read": %d, "write": %d, "status": %d, "timeout": %d}, "latency_us": {%s}}\n',
    summary.duration, summary.requests, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout, table.concat(p, ", ")))
end

threads_list = {}
local base_setup = setup
function setup(thread)
  base_setup(thread)
  threads_list[#threads_list + 1] = thread
end
