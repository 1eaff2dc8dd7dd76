// exengine: the engine library plus this main().
#include "cli/cli.h"

int main(int argc, char** argv) { return exengine::run_cli(argc, argv); }
