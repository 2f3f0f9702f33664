-- GET requests cycling through the paths in HEARD_PATHS (comma-separated).
local paths = {}
for path in string.gmatch(os.getenv("HEARD_PATHS") or "/", "[^,]+") do table.insert(paths, path) end
local next_path = 0

request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

done = function(summary, latency, requests)
  require("report").print(summary, latency)
end
