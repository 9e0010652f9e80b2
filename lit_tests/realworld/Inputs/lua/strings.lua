-- The string library.
print("upper", string.upper("hello, world"), ("MiXeD"):lower())
print("len", #"hotpatch", ("abc"):rep(3, "-"), ("stressed"):reverse())
print("sub", ("hotpatch"):sub(4), ("hotpatch"):sub(-5, -3), ("x"):sub(5))
print("byte", string.byte("ABC", 1, 3), string.char(72, 105))
print("find", string.find("the quick brown fox", "quick"), string.find("a.b", ".", 1, true))
print("match", string.match("key = value", "(%w+)%s*=%s*(%w+)"))
print("date", string.match("2024-03-15", "(%d+)-(%d+)-(%d+)"))
local s, n = string.gsub("hello world from lua", "o", "0")
print("gsub", s, n)
print("gsub-fn", (string.gsub("a1b22c333", "%d+", function(d) return "<" .. #d .. ">" end)))
print("gsub-tbl", (string.gsub("$name is $age", "%$(%w+)", { name = "Ada", age = 36 })))
print("gsub-cap", (string.gsub("hello world", "(%w+) (%w+)", "%2 %1")))
local words = {}
for w in string.gmatch("one two  three   four", "%a+") do words[#words + 1] = w end
print("gmatch", #words, table.concat(words, ","))
print("format", string.format("[%5s][%-5s][%05d][%+.3f][%q]", "ab", "cd", 42, 2.5, "a\nb\"c"))
print("format-g", string.format("%g %g %g", 1e20, 0.0001, 100))
print("format-i", string.format("%d %s %s", 3.0, 1e100, 2^63))
print("tostring", tostring(12), tostring(12.5), tostring(nil), tostring(true))
print("tonumber", tonumber("0x1F"), tonumber("  12  "), tonumber("1e2"), tonumber("z", 36), tonumber("abc"))
print("pack", string.unpack("<i4", string.pack("<i4", -2)), #string.pack("z", "abc"))
print("utf8", utf8.char(72, 228, 8364), utf8.len("häh€"), utf8.codepoint("€"))
local parts = {}
for i = 1, 10 do parts[#parts + 1] = string.format("%02d", i * i) end
print("concat", table.concat(parts, ":"))
-- A long string built and hashed piecewise.
local big = string.rep("abcdefghij", 10000)
local h = 0
for i = 1, #big, 97 do h = (h * 31 + big:byte(i)) % 1000000007 end
print("bighash", #big, h)
