// Tests of csat/core/validate.hpp: every checker throws the right type with a located message.
#include <csat/core/validate.hpp>

#include <catch2/catch.hpp>

#include <limits>

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
namespace d = csat::detail;

TEST_CASE("format_value prints the shortest round-trip text", "[core][validate]") {
  CHECK(d::format_value(3.0) == "3");
  CHECK(d::format_value(0.1) == "0.1");
  CHECK(d::format_value(1.0 / 3.0) == "0.3333333333333333");
  CHECK(d::format_value(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(d::format_value(-std::numeric_limits<double>::infinity()) == "-inf");
  CHECK(d::format_value(1e308) == "1e+308");
}

TEST_CASE("shape checks throw csat::invalid_argument naming the argument", "[core][validate]") {
  Eigen::MatrixXd m(2, 3);
  m.setOnes();
  CHECK_THROWS_AS(d::check_square("f", "pairwise", m), csat::invalid_argument);
  CHECK_THROWS_WITH(d::check_square("f", "pairwise", m), Equals("f: pairwise is 2x3, but must be square"));
  CHECK_NOTHROW(d::check_square("f", "m", Eigen::MatrixXd::Identity(3, 3)));
  CHECK_THROWS_WITH(d::check_size("f", "weights", 4, 5), Equals("f: weights has size 4, but must have size 5"));
  CHECK_THROWS_AS(d::check_nonempty("f", "x", Eigen::VectorXd()), csat::invalid_argument);
  CHECK_THROWS_WITH(d::check_same_rows("f", "X", Eigen::MatrixXd(3, 1), "y", Eigen::VectorXd(4)),
                    Equals("f: X has 3 rows, but y has 4"));
}

TEST_CASE("value checks throw csat::domain_error naming the cell and value", "[core][validate]") {
  Eigen::MatrixXd m = Eigen::MatrixXd::Ones(3, 3);
  m(2, 0) = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(d::check_finite("g", "A", m), csat::domain_error);
  CHECK_THROWS_WITH(d::check_finite("g", "A", m), Equals("g: A[2,0] = nan, but must be finite"));
  m(2, 0) = -2;
  CHECK_THROWS_WITH(d::check_positive("g", "A", m), Equals("g: A[2,0] = -2, but must be finite and positive"));
  CHECK_NOTHROW(d::check_finite("g", "A", m));
  Eigen::VectorXd w(3);
  w << 0.2, 0.3, 0.4;
  CHECK_THROWS_WITH(d::check_simplex("h", "weights", w), Contains("sum of weights = 0.9") && Contains("1e-09"));
  w(2) = 0.5;
  CHECK_NOTHROW(d::check_simplex("h", "weights", w));
  w(1) = -0.1;
  w(2) = 0.9;
  CHECK_THROWS_WITH(d::check_simplex("h", "weights", w), Equals("h: weights[1] = -0.1, but must be finite and non-negative"));
  Eigen::RowVectorXd r(2);
  r << 0.5, 1.5;
  CHECK_THROWS_WITH(d::check_probability("h", "R", r), Equals("h: R[1] = 1.5, but must lie in [0, 1]"));
  CHECK_THROWS_WITH(d::check_bounded("h", "alpha", 2.0, 0.0, 1.0), Equals("h: alpha = 2, but must lie in [0, 1]"));
  CHECK_THROWS_AS(d::check_positive("h", "n", 0.0), csat::domain_error);
}
