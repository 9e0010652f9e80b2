-- strings.lua N: string building, formatting, patterns and gsub (lstrlib.c,
-- the string table, the garbage collector).
local n = tonumber(arg[1]) or 50000
local parts = {}
for i = 1, n do parts[#parts + 1] = string.format("%d:%s", i, ("x"):rep(i % 7)) end
local s = table.concat(parts, ",")
local count = 0
for a, b in s:gmatch("(%d+):(x*)") do count = count + #b + (tonumber(a) % 3) end
local upper = s:sub(1, 100000):upper():gsub("X+", function(x) return #x end)
print("strings", #s, count, #upper)
