-- pcall, error, xpcall, error objects and messages.
print("pcall-ok", pcall(function(a, b) return a + b end, 2, 3))
print("pcall-str", pcall(error, "plain"))
local ok, e = pcall(function() error({ code = 42 }) end)
print("pcall-table", ok, type(e), e.code)
ok, e = pcall(function() error("with level", 1) end)
print("level1", ok, (e:gsub("^.-:%d+: ", "<pos>: ")))
ok, e = pcall(function() error("no position", 0) end)
print("level0", ok, e)
ok, e = pcall(function() local x = nil return x.field end)
print("index-nil", ok, (e:gsub("^.-:%d+: ", "")))
ok, e = pcall(function() return 1 + {} end)
print("arith", ok, (e:gsub("^.-:%d+: ", "")))
ok, e = pcall(function() return #5 end)
print("len", ok, (e:gsub("^.-:%d+: ", "")))
ok, e = pcall(string.rep)
print("badarg", ok, e)
ok, e = pcall(string.format, "%d", 1.5)
print("format", ok, e)
print("xpcall", xpcall(function() error("deep") end, function(m) return "handled: " .. (m:gsub("^.-:%d+: ", "")) end))
print("assert", pcall(assert, false, "assertion text"))
print("assert-ok", assert(1, "unused"))
print("tostring-err", select(2, pcall(error, setmetatable({}, { __tostring = function() return "custom" end }))) ~= nil)

-- Nested pcall and rethrow.
local function inner() error("inner failure", 0) end
local function outer()
  local ok2, m = pcall(inner)
  error("outer saw: " .. m, 0)
end
print("nested", pcall(outer))

-- Stack overflow is caught.
local function rec(n) return 1 + rec(n + 1) end
ok, e = pcall(rec, 1)
print("overflow", ok, e:find("stack overflow") ~= nil)

-- load with syntax errors.
local f, err = load("return 1 +", "chunk")
print("load-err", f, err)
print("load-ok", load("return 6 * 7")())
