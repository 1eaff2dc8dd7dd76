#!/usr/bin/python3
"""Checks the plugin ABI's symbols with `nm -D` (exengine/abi.h).

  check_exports.py ENGINE PLUGIN.so...

- every PLUGIN.so defines exactly one dynamic symbol, exengine_plugin_entry;
- ENGINE defines (exports) the typeinfo of the SDK's exception type exengine::OptionError, and a
  plugin that uses OptionError refers to that one (undefined in the plugin) instead of its own.
Prints one line per failed expectation; exits 1 if there is any.
"""
import subprocess
import sys

OPTION_ERROR_TYPEINFO = "_ZTIN8exengine11OptionErrorE"


def symbols(path, which):
    out = subprocess.run(["nm", "-D", which, "--format=posix", path], capture_output=True, text=True, check=True)
    return [line.split()[0] for line in out.stdout.splitlines() if line.strip()]


def main():
    engine, *plugins = sys.argv[1:]
    failures = []
    if OPTION_ERROR_TYPEINFO not in symbols(engine, "--defined-only"):
        failures.append(f"{engine}: does not export {OPTION_ERROR_TYPEINFO} (typeinfo for exengine::OptionError)")
    refer = 0
    for plugin in plugins:
        defined = symbols(plugin, "--defined-only")
        if defined != ["exengine_plugin_entry"]:
            failures.append(f"{plugin}: exports {len(defined)} symbols, not exengine_plugin_entry alone: "
                            + " ".join(defined[:20]))
        if OPTION_ERROR_TYPEINFO in symbols(plugin, "--undefined-only"):
            refer += 1
    if plugins and refer == 0:
        failures.append("no plugin refers to the engine's typeinfo for exengine::OptionError")
    for f in failures:
        print(f)
    print(f"{len(plugins)} plugins checked, {refer} use the engine's OptionError, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
