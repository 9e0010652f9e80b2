-- The garbage collector: full collections, weak tables, finalizers, modes.
print("collect", collectgarbage("collect"))
local before = collectgarbage("count")
do
  local junk = {}
  for i = 1, 100000 do junk[i] = { i, tostring(i) } end
end
collectgarbage("collect")
local after = collectgarbage("count")
print("count-number", type(before), after > 0, after < before + 1000)

local weak = setmetatable({}, { __mode = "k" })
local keep = {}
for i = 1, 10 do
  local k = {}
  weak[k] = i
  if i % 2 == 0 then keep[#keep + 1] = k end
end
collectgarbage("collect")
local n = 0
for _ in pairs(weak) do n = n + 1 end
print("weak-keys", n)

local weakv = setmetatable({}, { __mode = "v" })
weakv[1] = {}
weakv[2] = keep[1]
collectgarbage("collect")
print("weak-values", weakv[1] == nil, weakv[2] == keep[1])

local order = {}
for i = 1, 5 do
  setmetatable({}, { __gc = function() order[#order + 1] = i end })
end
collectgarbage("collect")
collectgarbage("collect")
table.sort(order)
print("finalizers", #order, table.concat(order, ","))

print("mode", collectgarbage("generational"), collectgarbage("incremental"))
print("running", collectgarbage("isrunning"))
collectgarbage("stop")
print("stopped", collectgarbage("isrunning"))
collectgarbage("restart")
print("step", type(collectgarbage("step", 0)))

-- Churn: many short-lived strings and tables under the collector.
local total = 0
for i = 1, 200000 do
  local t = { i, i * 2, s = "x" .. (i % 100) }
  total = total + t[2] + #t.s
end
print("churn", total)
