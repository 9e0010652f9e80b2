-- Closures, upvalues, varargs.
local function counter()
  local n = 0
  return function() n = n + 1 return n end
end
local c1, c2 = counter(), counter()
c1() c1()
print("counters", c1(), c2())

local function pair()
  local v = 0
  return function(x) v = x end, function() return v end
end
local set, get = pair()
set(42)
print("shared-upvalue", get())

local fs = {}
for i = 1, 3 do fs[i] = function() return i * 10 end end
print("loop-capture", fs[1](), fs[2](), fs[3]())

local function count(...) return select("#", ...), select(2, ...) end
print("varargs", count(1, nil, 3))
local function sum(...)
  local s = 0
  for _, v in ipairs({ ... }) do s = s + v end
  return s
end
print("sum", sum(1, 2, 3, 4, 5))

local function compose(f, g) return function(...) return f(g(...)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print("compose", compose(inc, dbl)(5), compose(dbl, inc)(5))

local function memo(f)
  local cache = {}
  return function(n)
    local v = cache[n]
    if v == nil then v = f(n) cache[n] = v end
    return v
  end
end
local fibm
fibm = memo(function(n) if n < 2 then return n end return fibm(n - 1) + fibm(n - 2) end)
print("memo-fib(80)", fibm(80))

-- Tail calls do not grow the stack.
local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + n) end
print("tailcall", loop(1000000, 0))
