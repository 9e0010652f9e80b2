-- Reads a line per step; prints a counter kept in a Lua global, what
-- string.upper makes of a constant, and string.lower as a control.
count = 0
for line in io.lines() do
  count = count + 1
  print(count, string.upper("abc-def"), "lower=" .. string.lower("XYZ"))
  io.stdout:flush()
end
