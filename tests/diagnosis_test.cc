// Diagnoses that name the real mistake (issue 15, Must 4): a missing `global`, a lock per call, a
// thread given the function's result; checking/diagnosis.h, with the exact texts.
#include <catch2/catch.hpp>

#include <string>

#include "behaviour/probe_record.h"
#include "checking/diagnosis.h"

using namespace exengine;

namespace {

const std::string kToken(32, 'a');

// One Python process's start and exit lines with `counters`, checked and merged.
ProbeRecord record_with(const std::string& counters, const std::string& probe = "python") {
  const std::string head = "{\"v\":1,\"token\":\"" + kToken + "\",\"pid\":2,\"seq\":";
  const std::string text = head + "0,\"kind\":\"start\",\"probe\":\"" + probe + "\",\"ppid\":1,\"exe\":\"x\"}\n" + head +
                           "1,\"kind\":\"exit\",\"probe\":\"" + probe + "\",\"exit\":\"exit\",\"partial\":false," +
                           counters + "}\n";
  ProbeExpect expect;
  expect.token = kToken;
  expect.main_pid = 2;
  return parse_probe_record(text, expect);
}

const char* const kUnbound311 =
    "Exception in thread Thread-1 (increment):\n"
    "Traceback (most recent call last):\n"
    "  File \"/usr/lib/python3.11/threading.py\", line 1038, in _bootstrap_inner\n"
    "    self.run()\n"
    "  File \"main.py\", line 11, in increment\n"
    "    local = count\n"
    "            ^^^^^\n"
    "UnboundLocalError: cannot access local variable 'count' where it is not associated with a value\n";

}  // namespace

TEST_CASE("a missing global: the UnboundLocalError and the fix, not the grader's guess") {
  CHECK(leading_worker_error(kUnbound311) ==
        "a thread raised UnboundLocalError: cannot access local variable 'count' where it is not associated "
        "with a value: the function assigns to `count`, so Python makes `count` local to it and the read "
        "before the assignment fails: add `global count` as the function's first line");
  // Python before 3.11 words it differently; the name is found the same way.
  CHECK(leading_worker_error("Traceback (most recent call last):\n  File \"main.py\", line 3\n"
                             "UnboundLocalError: local variable 'total' referenced before assignment\n") ==
        "your program raised UnboundLocalError: local variable 'total' referenced before assignment: the "
        "function assigns to `total`, so Python makes `total` local to it and the read before the assignment "
        "fails: add `global total` as the function's first line");
  // In a crash of the main thread, the same fix follows the exception.
  CHECK(known_mistake_hint(kUnbound311) ==
        "the function assigns to `count`, so Python makes `count` local to it and the read before the "
        "assignment fails: add `global count` as the function's first line");
  // Anything else is left to the grader and the other diagnoses.
  CHECK(leading_worker_error("Traceback (most recent call last):\nNameError: name 'x' is not defined\n").empty());
  CHECK(leading_worker_error("UnboundLocalError: no traceback, so not a Python exception\n").empty());
  // A name that is not an identifier (student text in the message) is not repeated.
  CHECK(leading_worker_error("Traceback (most recent call last):\nUnboundLocalError: local variable "
                             "'\x1b[2J' referenced before assignment\n").empty());
}

TEST_CASE("several distinct locks, each taken once: each thread took its own new Lock") {
  CHECK(diagnose_record(record_with("\"threads_started\":5,\"locks_acquired\":5,\"distinct_locks\":5")) ==
        "each thread took its own new Lock, so nothing was shared: create one Lock at module level");
  CHECK(diagnose_record(record_with("\"threads_started\":5,\"locks_acquired\":5,\"distinct_locks\":5", "native")) ==
        "each thread took its own new mutex, so nothing was shared: create one std::mutex outside the function");
  // One shared lock, or locks taken many times (two accounts, each its own lock): nothing to say.
  CHECK(diagnose_record(record_with("\"threads_started\":5,\"locks_acquired\":5,\"distinct_locks\":1")).empty());
  CHECK(diagnose_record(record_with("\"threads_started\":2,\"locks_acquired\":40,\"distinct_locks\":2")).empty());
  CHECK(diagnose_record(record_with("\"threads_started\":0,\"locks_acquired\":2,\"distinct_locks\":2")).empty());
  CHECK(diagnose_record(ProbeRecord{}).empty());  // no record
}

TEST_CASE("target=f(): the message names the function the submission called") {
  const std::string generic = "your lines were printed by the main thread before the thread started: pass the "
                              "function itself, `target=f`, not its result `f()`.";
  CHECK(name_thread_target(generic, "t = threading.Thread(target=print_numbers())\n") ==
        "your lines were printed by the main thread before the thread started: pass the function itself, "
        "`target=print_numbers`, not its result `print_numbers()`.");
  CHECK(name_thread_target(generic, "t = Thread(target = work ( 3 ), daemon=True)\n") ==
        "your lines were printed by the main thread before the thread started: pass the function itself, "
        "`target=work`, not its result `work()`.");
  // Two different candidates, none, or a comparison: the generic words stay.
  CHECK(name_thread_target(generic, "Thread(target=a())\nThread(target=b())\n") == generic);
  CHECK(name_thread_target(generic, "Thread(target=print_numbers)\n") == generic);
  CHECK(name_thread_target(generic, "if target == f(): pass\n") == generic);
  CHECK(name_thread_target(generic, "my_target=f()\n") == generic);
  // Another message is not touched.
  CHECK(name_thread_target("started 0 threads", "Thread(target=f())") == "started 0 threads");
}
