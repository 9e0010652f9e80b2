-- Metatables and metamethods.
local Vec = {}
Vec.__index = Vec
local function vec(x, y) return setmetatable({ x = x, y = y }, Vec) end
Vec.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
Vec.__mul = function(a, k) return vec(a.x * k, a.y * k) end
Vec.__eq = function(a, b) return a.x == b.x and a.y == b.y end
Vec.__lt = function(a, b) return a:len2() < b:len2() end
Vec.__le = function(a, b) return a:len2() <= b:len2() end
Vec.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
Vec.__len = function(v) return 2 end
Vec.__concat = function(a, b) return tostring(a) .. tostring(b) end
Vec.__unm = function(v) return vec(-v.x, -v.y) end
function Vec:len2() return self.x * self.x + self.y * self.y end

local a, b = vec(1, 2), vec(3, 4)
print("add", tostring(a + b), "mul", tostring(a * 3), "unm", tostring(-a))
print("eq", a == vec(1, 2), a ~= b, "lt", a < b, "le", b <= a)
print("len", #a, "concat", a .. b, "method", b:len2())

-- Inheritance through __index chains.
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound) return setmetatable({ name = name, sound = sound }, Animal) end
function Animal:speak() return self.name .. " says " .. self.sound end
local Dog = setmetatable({}, { __index = Animal })
Dog.__index = Dog
function Dog.new(name) local d = Animal.new(name, "woof") return setmetatable(d, Dog) end
function Dog:fetch() return self.name .. " fetches" end
local d = Dog.new("rex")
print("inherit", d:speak(), d:fetch(), getmetatable(d) == Dog)

-- __index / __newindex functions, rawget/rawset.
local log = {}
local proxy = setmetatable({}, {
  __index = function(_, k) return "default-" .. k end,
  __newindex = function(t, k, v) log[#log + 1] = k rawset(t, k, v * 2) end,
})
proxy.a = 5
print("proxy", proxy.a, proxy.zzz, rawget(proxy, "zzz"), table.concat(log, ","))

-- __call and __close.
local callable = setmetatable({}, { __call = function(_, x, y) return x * y end })
print("call", callable(6, 7))
do
  local closed = {}
  do
    local r <close> = setmetatable({}, { __close = function() closed[#closed + 1] = "closed" end })
    closed[#closed + 1] = "body"
  end
  print("close", table.concat(closed, ","))
end

-- String metatable.
print("strmeta", ("abc"):upper(), getmetatable("").__index == string)
