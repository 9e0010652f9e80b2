-- closures.lua N: closure creation, upvalues, higher-order calls and
-- varargs (lfunc.c, OP_CLOSURE, OP_GETUPVAL, luaD_call).
local n = tonumber(arg[1]) or 300000
local function counter() local c = 0 return function(k) c = c + k return c end end
local function map(f, ...) local r = {} for i, v in ipairs({...}) do r[i] = f(v) end return r end
local total = 0
for i = 1, n do
  local c = counter()
  c(i)
  local r = map(c, 1, 2, 3)
  total = total + r[3]
end
print("closures", total)
