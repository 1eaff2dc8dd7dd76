#include "behaviour/requirements.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <string_view>

namespace exengine {

namespace {

constexpr const char* kLead = "your program printed the right lines but ";

struct CounterText {
  const char* name;
  const char* singular;     // "{n} thread": what the program did, n = 1
  const char* plural;       // "{n} threads"
  const char* python_hint;  // when the program did too little
  const char* native_hint;
};

// {n} is replaced by the recorded value.
constexpr CounterText kCounters[] = {
    {"threads_started", "started {n} thread", "started {n} threads",
     "Start one threading.Thread per task.", "Start one std::thread per task."},
    {"max_concurrent_threads", "had at most {n} thread running at the same time",
     "had at most {n} threads running at the same time",
     "Start all the threads before joining any of them.",
     "Start all the threads before joining any of them."},
    {"max_unjoined_threads", "had at most {n} thread started and not yet joined",
     "had at most {n} threads started and not yet joined",
     "Start all the threads first, then join them all.",
     "Start all the threads first, then join them all."},
    {"idle_threads", "started {n} thread with nothing to run", "started {n} threads with nothing to run",
     "", ""},
    {"daemon_threads", "started {n} daemon thread", "started {n} daemon threads",
     "Pass daemon=True when you create the thread.", "Call detach() on the thread."},
    {"threads_joined", "joined {n} thread", "joined {n} threads",
     "Call join() on every thread you start.", "Call join() on every thread you start."},
    {"processes_started", "started {n} process", "started {n} processes",
     "Create each with multiprocessing.Process and call start().",
     "Create each with fork()."},
    {"max_unjoined_processes", "had at most {n} process started and not yet joined",
     "had at most {n} processes started and not yet joined",
     "Start all the processes first, then join them all.",
     "Fork all the children first, then wait for them all."},
    {"helper_processes", "ran {n} helper process", "ran {n} helper processes", "", ""},
    {"pools_created", "created {n} process pool", "created {n} process pools",
     "Hand the work to a multiprocessing.Pool.",
     "Hand the work to a pool of forked workers that talk over pipes."},
    {"pool_tasks", "gave {n} task to a pool", "gave {n} tasks to a pool",
     "Give every item to the pool, e.g. with pool.map().", "Give every item to the pool."},
    {"locks_acquired", "acquired a lock {n} time", "acquired a lock {n} times",
     "Guard every update of the shared value with `with lock:`.",
     "Guard every update of the shared value with a std::lock_guard on a std::mutex."},
    {"distinct_locks", "took {n} distinct lock", "took {n} distinct locks",
     "Create one Lock at module level and take it in every thread.",
     "Create one std::mutex outside the function and lock it in every thread."},
    {"lock_contention", "made a thread wait for a lock {n} time",
     "made a thread wait for a lock {n} times",
     "Let the threads share one lock, held while they update.",
     "Let the threads share one mutex, held while they update."},
    {"queue_puts", "put {n} item on a queue", "put {n} items on a queue",
     "Send each result through the Queue with put().",
     "Send each result through the pipe with write()."},
    {"queue_gets", "took {n} item from a queue", "took {n} items from a queue",
     "Read each result from the Queue with get().",
     "Read each result from the pipe with read()."},
    {"stress_yields", "was paused {n} time by the stress mode",
     "was paused {n} times by the stress mode", "", ""},
    {"child_queue_puts", "had its child processes put {n} item on a queue",
     "had its child processes put {n} items on a queue",
     "Put the result on the Queue in the child process (q.put() in the function the Process runs), and get() it in the parent.",
     "Write the result to the pipe in the child process, and read it in the parent."},
    {"parent_queue_gets", "had the parent take {n} item from a queue",
     "had the parent take {n} items from a queue",
     "Get the results from the Queue in the parent, with q.get().",
     "Read the results from the pipe in the parent."},
};

// The mistakes a counter names better than a count does (issue 15): a start-join loop, a thread
// given the function's result instead of the function, a lock created per call, a parent talking
// to itself through its own queue. Empty when none of them is what happened.
std::string named_mistake(const Requirement& req, std::int64_t actual, const ProbeRecord& record,
                          bool native, bool too_few) {
  const std::string& n = req.counter;
  if (n == "max_unjoined_threads" && too_few && actual == 1 && record.value("threads_started") >= 2)
    return std::string(native ? "you joined each std::thread" : "you joined each thread") +
           " before starting the next, so they never ran at the same time: start them all, then join them all";
  if (n == "max_unjoined_processes" && too_few && actual == 1 && record.value("processes_started") >= 2)
    return native ? "you waited for each child process before forking the next, so they never ran at the same "
                    "time: fork them all, then wait for them all"
                  : "you joined each process before starting the next, so they never ran at the same time: "
                    "start them all, then join them all";
  if (n == "idle_threads" && !too_few && actual >= 1)
    return "your lines were printed by the main thread before the thread started: pass the function itself, "
           "`target=f`, not its result `f()`";
  if (n == "distinct_locks" && !too_few && actual >= 2)
    return native ? "each thread took its own new mutex, so nothing was shared: create one std::mutex outside "
                    "the function"
                  : "each thread took its own new Lock, so nothing was shared: create one Lock at module level";
  if (n == "child_queue_puts" && too_few && actual == 0 && record.value("queue_puts") > 0)
    return native ? "the parent wrote to the pipe and read its own bytes back: the child process must write the "
                    "result, and the parent read it"
                  : "the parent put the values on the queue and took them back itself: the child process must "
                    "put() the result, and the parent get() it";
  return {};
}

struct BooleanText {
  const char* name;
  const char* thing;        // "a process pool"
  const char* python_hint;
  const char* native_hint;
};

constexpr BooleanText kBooleans[] = {
    {"pool_used", "a process pool", "Hand the work to a multiprocessing.Pool.",
     "Fork two or more workers and send them the work, and get the results back, over pipes."},
    {"queue_used", "a queue", "Send the result back through a multiprocessing.Queue.",
     "Send the result back through a pipe (or a POSIX message queue)."},
    {"lock_used", "a lock", "Guard the shared update with `with lock:`.",
     "Guard the shared update with a std::lock_guard on a std::mutex."},
    {"pool_results_printed", "the values its pool returned",
     "Print the results the pool call gives back (pool.map() returns them in order), not values computed in the parent.",
     "Print the results the workers sent back."},
};

const CounterText* counter_text(const std::string& name) {
  for (const auto& c : kCounters)
    if (name == c.name) return &c;
  return nullptr;
}

const BooleanText* boolean_text(const std::string& name) {
  for (const auto& b : kBooleans)
    if (name == b.name) return &b;
  return nullptr;
}

bool holds(std::int64_t actual, const std::string& op, std::int64_t want) {
  if (op == ">=") return actual >= want;
  if (op == "<=") return actual <= want;
  if (op == ">") return actual > want;
  if (op == "<") return actual < want;
  return actual == want;  // "=="
}

std::string asks_for(const std::string& op, std::int64_t want) {
  std::string n = std::to_string(want);
  if (op == ">=") return n;
  if (op == "<=") return "at most " + n;
  if (op == ">") return "more than " + n;
  if (op == "<") return "fewer than " + n;
  return "exactly " + n;
}

std::string with_count(const char* pattern, std::int64_t n) {
  std::string s = pattern;
  auto at = s.find("{n}");
  if (at != std::string::npos) s.replace(at, 3, std::to_string(n));
  return s;
}

std::string teaching_message(const Requirement& req, std::int64_t actual, const ProbeRecord& record, bool native) {
  if (const BooleanText* b = boolean_text(req.counter)) {
    if (req.counter == "pool_results_printed" && req.value != 0)
      return std::string(kLead) + "did not print " + b->thing + ". " + (native ? b->native_hint : b->python_hint);
    if (req.value != 0)
      return std::string(kLead) + "did not use " + b->thing + "; the exercise asks for one. " +
             (native ? b->native_hint : b->python_hint);
    return std::string(kLead) + "used " + b->thing + "; the exercise asks you not to.";
  }
  const bool too_few = actual < req.value || (req.op == ">" && actual == req.value);
  if (std::string named = named_mistake(req, actual, record, native, too_few); !named.empty()) {
    if (named.rfind("your ", 0) == 0) return named + ".";
    return std::string(kLead) + named + ".";
  }
  const CounterText* c = counter_text(req.counter);
  if (!c) return std::string(kLead) + req.counter + " was " + std::to_string(actual) +
                 "; the exercise asks for " + asks_for(req.op, req.value) + ".";
  std::string msg = std::string(kLead) + with_count(actual == 1 ? c->singular : c->plural, actual) +
                    "; the exercise asks for " + asks_for(req.op, req.value);
  const char* hint = native ? c->native_hint : c->python_hint;
  if (too_few && *hint) return msg + ". " + hint;
  return msg + ".";
}

std::string describe_all(const std::vector<Requirement>& requirements);

// One sentence for every requirement of a damaged record (message() says it once).
std::string damaged_message(const std::vector<Requirement>& requirements, const ProbeRecord& record) {
  return "the behaviour record was damaged (" + record.damage + "), so " + describe_all(requirements) +
         (requirements.size() == 1 ? " counts" : " count") +
         " as not met: a record comes only from the engine's probe, on a descriptor the program must leave alone";
}

}  // namespace

std::string describe(const Requirement& requirement) {
  if (boolean_text(requirement.counter))
    return requirement.counter + " = " + (requirement.value ? "true" : "false");
  return requirement.counter + " " + requirement.op + " " + std::to_string(requirement.value);
}

RequirementsCheck check_requirements(const std::vector<Requirement>& requirements,
                                     const ProbeRecord& record) {
  RequirementsCheck out;
  const bool native = record.probe == "native";
  for (const auto& req : requirements) {
    RequirementResult r;
    r.requirement = req;
    if (!record.available && !record.damaged) {
      r.status = RequirementStatus::unchecked;
      r.message = "probe unavailable: not checked";
      out.results.push_back(std::move(r));
      continue;
    }
    r.actual = record.value(req.counter);
    if (record.damaged) {
      r.status = RequirementStatus::failed;
      r.message = damaged_message(requirements, record);
    } else if (holds(r.actual, req.op, req.value)) {
      r.status = RequirementStatus::met;
    } else {
      r.status = RequirementStatus::failed;
      r.message = teaching_message(req, r.actual, record, native);
    }
    out.results.push_back(std::move(r));
  }
  return out;
}

namespace {
std::string describe_all(const std::vector<Requirement>& requirements) {
  std::string all;
  for (std::size_t i = 0; i < requirements.size(); i++) all += (i ? ", " : "") + describe(requirements[i]);
  return all;
}
}  // namespace

bool RequirementsCheck::failed() const {
  return std::any_of(results.begin(), results.end(),
                     [](const auto& r) { return r.status == RequirementStatus::failed; });
}

std::string RequirementsCheck::message() const {
  std::string msg;
  for (const auto& r : results) {
    if (r.status != RequirementStatus::failed) continue;
    if (msg.find(r.message) != std::string::npos) continue;  // a damaged record's, said once
    if (!msg.empty()) {
      // Each failure is a sentence of its own: the lead is said once, then "It also ...".
      msg += ' ';
      // A clause with its own subject ("you joined each thread ...") reads "Also, you joined ...".
      std::string next = r.message;
      if (r.message.starts_with(kLead)) {
        const std::string rest = r.message.substr(std::string_view(kLead).size());
        next = (rest.starts_with("you ") ? "Also, " : "It also ") + rest;
      }
      if (!next.empty() && next[0] >= 'a' && next[0] <= 'z') next[0] = static_cast<char>(next[0] - 'a' + 'A');
      msg += next;
      continue;
    }
    msg += r.message;
  }
  return msg;
}

std::string RequirementsCheck::unchecked_note() const {
  std::vector<const RequirementResult*> unchecked;
  for (const auto& r : results)
    if (r.status == RequirementStatus::unchecked) unchecked.push_back(&r);
  if (unchecked.empty()) return {};
  std::string note = "probe unavailable: ";
  note += std::to_string(unchecked.size()) +
          (unchecked.size() == 1 ? " behaviour requirement was" : " behaviour requirements were") +
          " not checked (";
  std::vector<std::string> described;
  for (const RequirementResult* r : unchecked) described.push_back(describe(r->requirement));
  return note + fmt::format("{})", fmt::join(described, ", "));
}

}  // namespace exengine
