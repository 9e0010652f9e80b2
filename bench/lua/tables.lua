-- tables.lua N: table inserts, lookups, hash and array parts, sort with a
-- Lua comparator (luaH_*, luaV_finishget/set, table.sort).
local n = tonumber(arg[1]) or 200000
local t, h = {}, {}
for i = 1, n do t[i] = (i * 7919) % n; h["k" .. (i % 5000)] = i end
local sum = 0
for i = 1, n do sum = sum + t[i] + (h["k" .. (i % 5000)] or 0) end
table.sort(t, function(a, b) return a > b end)
print("tables", sum, t[1], t[n])
