// The command-line interface: parses arguments and dispatches to one subcommand.
#pragma once

namespace exengine {

// Returns the process exit code. Never throws: every error becomes one line on stderr.
int run_cli(int argc, char** argv);

}  // namespace exengine
