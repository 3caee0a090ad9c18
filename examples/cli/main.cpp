// The csat program: subcommands register themselves from examples/cli/cmd_*.cpp.
// Exit codes: 0 success, 2 usage error, 3 input error (one line on stderr: "csat: error: ...").
#include "cli.hpp"

#include <csat/version.hpp>

#include <algorithm>
#include <cctype>
#include <exception>
#include <iostream>
#include <new>
#include <string>

namespace {

std::string one_line(std::string s) {
  std::replace(s.begin(), s.end(), '\n', ' ');
  std::replace(s.begin(), s.end(), '\r', ' ');
  return s;
}

// The library's messages start with the function that threw ("csat::pls::estimate: "), which helps an embedder
// but means nothing to a user of the program: every such prefix is left out.
std::string without_function_names(std::string s) {
  std::size_t at = 0;
  while ((at = s.find("csat::", at)) != std::string::npos) {
    std::size_t end = at + 6;
    while (end < s.size() && (std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_' || s[end] == ':')) ++end;
    // the name ends in ": " (a prefix), not in "::" or inside a word
    const bool prefix = end >= 2 && s.compare(end - 1, 2, ": ") == 0 && s[end - 2] != ':' &&
                        (at == 0 || s[at - 1] == ' ' || s[at - 1] == '(');
    if (prefix) s.erase(at, end + 1 - at);
    else at = end;
  }
  return s;
}

int fail(int code, const std::string& what) {
  std::cout.flush();
  std::cerr << "csat: error: " << csat_cli::printable(one_line(without_function_names(what))) << '\n';
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"csat " CSAT_VERSION_STRING
               " - customer-satisfaction modeling: PLS path models and 0-100 indices, ML SEM, AHP, fuzzy evaluation",
               "csat"};
  app.set_version_flag("--version", std::string("csat ") + CSAT_VERSION_STRING);
  app.require_subcommand(1, 1);
  app.fallthrough(false);

  auto commands = csat_cli::registry();
  std::stable_sort(commands.begin(), commands.end(),
                   [](const auto& a, const auto& b) { return a.order < b.order; });
  for (const auto& c : commands) {
    CLI::App* sub = app.add_subcommand(c.name, c.description);
    c.setup(*sub);
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return fail(2, std::string(e.what()) + " (run 'csat --help')");
  } catch (const csat_cli::usage_error& e) {
    return fail(2, std::string(e.what()) + " (run 'csat --help')");
  } catch (const std::bad_alloc&) {
    return fail(3, "out of memory");
  } catch (const std::exception& e) {
    // csat::parse_error, csat::invalid_argument, csat::domain_error, csat_cli::input_error and
    // anything else a malformed input can provoke: one line, exit 3.
    return fail(3, e.what());
  }
  return 0;
}
