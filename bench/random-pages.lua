-- bench/random-pages.lua — a wrk script for bench/run --ideas: half the requests ask for a
-- random page of a project's idea list filtered by status, half for a random idea page, so
-- that the server touches much of the big database (its page caches fill up: the worst case
-- for resident memory, and deep pages show what OFFSET costs).
-- Environment: BENCH_LIST (the list path with ?status=...), BENCH_PAGES (how many pages it
-- has), BENCH_IDEA_MIN and BENCH_IDEA_MAX (the range of idea ids to ask for).
local list = os.getenv("BENCH_LIST")
local pages = tonumber(os.getenv("BENCH_PAGES"))
local lo = tonumber(os.getenv("BENCH_IDEA_MIN"))
local hi = tonumber(os.getenv("BENCH_IDEA_MAX"))
local n = 0

function setup(thread)
  thread:set("seed", math.random(1, 1000000))
end

function init(args)
  math.randomseed(seed or os.time())
end

request = function()
  n = n + 1
  if n % 2 == 0 then
    return wrk.format("GET", list .. "&sida=" .. math.random(1, pages))
  end
  return wrk.format("GET", "/ideer/" .. math.random(lo, hi))
end
