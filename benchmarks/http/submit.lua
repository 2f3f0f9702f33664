-- POST /api/v1/feedback with a different comment each time, for the service in HEARD_SERVICE_ID.
local service = os.getenv("HEARD_SERVICE_ID")
local comments = {
  "The nurses on the ward were kind and explained everything to my mum.",
  "Waited four hours in A&E with no update on when I would be seen.",
  "The receptionist was rude and the phone line was engaged all morning.",
  "Physio helped me walk again after my operation, thank you all.",
  "Parking was impossible and the signs to outpatients were confusing.",
  "My GP listened properly and referred me quickly.",
}
local counter = 0
-- Each wrk thread has its own Lua state; the thread id keeps comments distinct across threads.
local thread_id = 0
setup = function(thread)
  thread:set("thread_id", thread_id)
  thread_id = thread_id + 1
end

request = function()
  counter = counter + 1
  local text = comments[counter % #comments + 1] .. " (visit " .. thread_id .. "-" .. counter .. ")"
  local body = string.format('{"service_id":"%s","text":"%s","fft_rating":%d}', service, text, counter % 5 + 1)
  return wrk.format("POST", "/api/v1/feedback", { ["Content-Type"] = "application/json" }, body)
end

done = function(summary, latency, requests)
  require("report").print(summary, latency)
end
