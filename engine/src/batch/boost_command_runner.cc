// CommandRunner over Boost.Process (v1, as runner/boost_process_runner.cc): both output pipes are
// drained by one io_context, so a chatty program cannot block on a full pipe.
#include <sys/wait.h>

#include <boost/asio/io_context.hpp>
#include <boost/process/args.hpp>
#include <boost/process/async.hpp>
#include <boost/process/child.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/io.hpp>

#include <cstdlib>
#include <future>
#include <system_error>
#include <unistd.h>

#include "batch/command_runner.h"

namespace exengine {
namespace bp = boost::process;
namespace fs = std::filesystem;

namespace {

class BoostCommandRunner : public CommandRunner {
 public:
  CommandResult run(const std::vector<std::string>& argv) override {
    CommandResult result;
    if (argv.empty()) {
      result.error = "no program given";
      return result;
    }
    fs::path exe = argv[0].find('/') == std::string::npos ? find_on_path(argv[0]) : fs::path(argv[0]);
    if (exe.empty() || ::access(exe.c_str(), X_OK) != 0) {
      result.not_found = true;
      result.error = argv[0] + " is not on PATH";
      return result;
    }
    boost::asio::io_context io;
    std::future<std::string> out, err;
    std::error_code ec;
    std::vector<std::string> args(argv.begin() + 1, argv.end());
    bp::child c(bp::exe = exe.string(), bp::args = args, bp::std_in.close(), bp::std_out > out, bp::std_err > err,
                io, ec);
    if (ec) {
      result.error = ec.message();
      return result;
    }
    io.run();
    c.wait(ec);
    result.started = true;
    const int status = c.native_exit_code();
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    result.out = out.get();
    result.err = err.get();
    return result;
  }
};

}  // namespace

std::unique_ptr<CommandRunner> make_command_runner() { return std::make_unique<BoostCommandRunner>(); }

fs::path find_on_path(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
  std::size_t start = 0;
  while (start <= dirs.size()) {
    std::size_t colon = dirs.find(':', start);
    if (colon == std::string::npos) colon = dirs.size();
    fs::path dir = dirs.substr(start, colon - start);
    if (dir.empty()) dir = ".";
    const fs::path candidate = dir / name;
    if (::access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return fs::absolute(candidate);
    start = colon + 1;
  }
  return {};
}

}  // namespace exengine
