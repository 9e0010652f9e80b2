-- Tables: arrays, sort with a comparator, insert/remove, move, unpack.
local t = { 5, 3, 8, 1, 9, 2, 7 }
table.sort(t)
print("sort", table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print("sort-desc", table.concat(t, " "))

local people = {
  { name = "ada", age = 36 }, { name = "bob", age = 25 }, { name = "cy", age = 36 },
  { name = "dee", age = 19 }, { name = "eve", age = 25 },
}
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  return a.name < b.name
end)
local names = {}
for i, p in ipairs(people) do names[i] = p.name .. "(" .. p.age .. ")" end
print("sort-records", table.concat(names, " "))

local a = {}
for i = 1, 10 do table.insert(a, i * 10) end
table.insert(a, 1, 0)
print("insert", #a, a[1], a[11])
print("remove", table.remove(a), table.remove(a, 1), #a)
print("move", table.concat(table.move({ 1, 2, 3 }, 1, 3, 2, { 9 }), ","))
print("unpack", table.unpack({ 1, 2, 3 }, 2))
print("pack", table.pack(1, nil, 3).n)

-- Hash part: count and sum keys in a fixed order.
local h = {}
for i = 1, 1000 do h["k" .. i] = i end
local keys = {}
for k in pairs(h) do keys[#keys + 1] = k end
table.sort(keys)
print("keys", #keys, keys[1], keys[#keys])
local sum = 0
for _, v in pairs(h) do sum = sum + v end
print("sum", sum)

-- Sorting many numbers with a comparator on a derived key.
local nums, seed = {}, 42
for i = 1, 2000 do seed = (seed * 16807) % 2147483647 nums[i] = seed % 10000 end
table.sort(nums, function(x, y) return (x % 100) < (y % 100) or ((x % 100) == (y % 100) and x < y) end)
print("sorted", nums[1], nums[2], nums[1000], nums[2000])
