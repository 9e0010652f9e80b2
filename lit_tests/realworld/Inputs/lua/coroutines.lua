-- Coroutines: generators, status, passing values both ways.
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i * i) end end)
end
local out = {}
for v in gen(6) do out[#out + 1] = v end
print("gen", table.concat(out, " "))

local co = coroutine.create(function(a, b)
  print("co-start", a, b)
  local c = coroutine.yield(a + b)
  print("co-got", c)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print("resume1", coroutine.resume(co, 1, 2))
print("status", coroutine.status(co))
print("resume2", coroutine.resume(co, 10))
print("resume3", coroutine.resume(co, 3, 4))
print("status", coroutine.status(co))
print("resume-dead", coroutine.resume(co))

-- Producer/consumer.
local producer = coroutine.create(function()
  for _, w in ipairs({ "alpha", "beta", "gamma" }) do coroutine.yield(w) end
  return nil
end)
local got = {}
while true do
  local _, w = coroutine.resume(producer)
  if not w then break end
  got[#got + 1] = w:upper()
end
print("consumer", table.concat(got, ","))

-- Errors inside a coroutine and yields across pcall.
local bad = coroutine.create(function() error("boom") end)
local ok, msg = coroutine.resume(bad)
print("co-error", ok, (msg:gsub("^.-:%d+: ", "")))
local yp = coroutine.wrap(function()
  local ok2, v = pcall(function() return coroutine.yield("inside") + 1 end)
  return ok2, v
end)
print("yield-pcall", yp())
print("yield-pcall2", yp(41))
print("isyieldable", coroutine.isyieldable(), coroutine.running() ~= nil)

-- Many coroutines alive at once.
local cos = {}
for i = 1, 500 do
  cos[i] = coroutine.create(function(x) while true do x = coroutine.yield(x + i) end end)
end
local total = 0
for round = 1, 3 do
  for i = 1, 500 do local _, v = coroutine.resume(cos[i], round) total = total + v end
end
print("many", total)
