// Fuzz target: the study-file reader of the csat program (TOML, with located errors for every key).
#include "fuzz_common.hpp"

#include "../../examples/cli/study_config.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/csat-fuzz-study-" + std::to_string(::getpid()) + ".toml";
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  return csat_fuzz_run([&] { (void)csat_cli::load_study_config(path); });
}
