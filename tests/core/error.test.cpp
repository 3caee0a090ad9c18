// Tests of csat/core/error.hpp: the exception hierarchy and parse_error's location.
#include <csat/core/error.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

TEST_CASE("csat exceptions derive from the standard ones", "[core][error]") {
  CHECK_THROWS_AS(throw csat::invalid_argument("x"), std::invalid_argument);
  CHECK_THROWS_AS(throw csat::domain_error("x"), std::domain_error);
  CHECK_THROWS_AS(throw csat::parse_error("f.csv", 3, 7, "abc", "bad"), csat::invalid_argument);
  CHECK_THROWS_AS(throw csat::parse_error("f.csv", 3, 7, "abc", "bad"), std::invalid_argument);
}

TEST_CASE("parse_error carries and prints its location", "[core][error]") {
  const csat::parse_error e("data/f.csv", 3, 7, "abc", "column \"Q1\": \"abc\" is not a number");
  CHECK(std::string(e.what()) == "data/f.csv:3:7: column \"Q1\": \"abc\" is not a number");
  CHECK(e.source() == "data/f.csv");
  CHECK(e.line() == 3);
  CHECK(e.column() == 7);
  CHECK(e.text() == "abc");
  CHECK(e.message() == "column \"Q1\": \"abc\" is not a number");
  CHECK(std::string(csat::parse_error("", 0, 0, "", "empty").what()) == "<input>: empty");
  CHECK(std::string(csat::parse_error("m.txt", 4, 0, "", "x").what()) == "m.txt:4: x");
}
