-- Integer and float arithmetic, and how Lua prints each.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
print("fib(30)", fib(30))

local f = 1
for i = 2, 20 do f = f * i end
print("20!", f)

print("idiv", 7 // 2, -7 // 2, 7.0 // 2, -7 // 2.0)
print("mod", 7 % 3, -7 % 3, 7 % -3, 5.5 % 2)
print("pow", 2 ^ 10, 2 ^ 0.5)
print("div", 10 / 4, 1 / 3, 3 / 1)
print("wrap", math.maxinteger + 1 == math.mininteger, math.mininteger)
print("intfloat", 3, 3.0, 1e15, 1e16, 2 ^ 53, -0.0)
print("tointeger", math.tointeger(8.0), math.tointeger(8.5), 3 | 0)
print("bits", 0xFF & 0x0F, 0xF0 | 0x0F, 5 ~ 3, ~0, 1 << 62, 256 >> 4)
print("cmp", 1 == 1.0, "1" == 1, 0.1 + 0.2 == 0.3, math.type(1), math.type(1.0), math.type("1"))
print("fmt", string.format("%.17g", 0.1 + 0.2), string.format("%5.2f|%-6d|%x|%e", math.pi, 42, 255, 12345.678))
print("floor", math.floor(-3.5), math.ceil(-3.5), math.abs(-4), math.max(3, 9, 1), math.min(3.5, -1))
print("huge", math.huge, -math.huge, math.huge ~= math.huge + 1)
print("nan", (0 / 0) ~= (0 / 0))
print("coerce", "10" + 5, "3" * "4", 10 .. 20)

-- Sieve of Eratosthenes: 9592 primes below 100000.
local n, sieve, count = 100000, {}, 0
for i = 2, n - 1 do
  if not sieve[i] then
    count = count + 1
    for j = i * i, n - 1, i do sieve[j] = true end
  end
end
print("primes<100000", count)

-- 8 queens: 92 solutions.
local function queens(size)
  local cols, solutions = {}, 0
  local function ok(row, col)
    for r = 1, row - 1 do
      local c = cols[r]
      if c == col or math.abs(c - col) == row - r then return false end
    end
    return true
  end
  local function place(row)
    if row > size then solutions = solutions + 1 return end
    for col = 1, size do
      if ok(row, col) then cols[row] = col place(row + 1) end
    end
  end
  place(1)
  return solutions
end
print("queens(8)", queens(8))

-- A deterministic pseudo-random stream (LCG) summed as integers.
local seed, sum = 12345, 0
for _ = 1, 1000 do
  seed = (seed * 1103515245 + 12345) % 2147483648
  sum = sum + seed % 1000
end
print("lcg", seed, sum)
