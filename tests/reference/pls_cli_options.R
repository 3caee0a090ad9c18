# Expected values for the csat pls options that mirror seminr's (tests/cli/pls_options.cmake), from seminr 2.3.2:
#   1. the stopping rule: estimate_pls(..., maxIt, stopCriterion) on the ECSI model of mobi, with seminr's own test
#      setting stopCriterion = 1 (tolerance 0.1) and with maxIt = 1 (stopped before convergence);
#   2. bootstrap intervals at another level: summary(bootstrap_model(m, nboot = 5000, cores = 1, seed = 123),
#      alpha = 0.10), whose resamples are ../shared/data/mobi_boot_indices_seed123_n5000.csv;
#   3. Fornell-Larcker, cross-loadings and construct scores of the ECSI model (printed by csat pls).
# seminr 2.3.2 is not packaged by Debian: install the release_2_3_2 branch of github.com/sem-in-r/seminr into a private
# library after deleting DiagrammeR, DiagrammeRsvg and webp from the Imports of its DESCRIPTION (plotting only):
#   R CMD INSTALL -l /tmp/rlib seminr        (needs Debian's r-cran-glue r-cran-knitr r-cran-testthat r-cran-rmarkdown)
# Run from the repository root:  R_LIBS=/tmp/rlib Rscript tests/reference/pls_cli_options.R ../shared/data/mobi.csv
suppressMessages(library(seminr))
stopifnot(packageVersion("seminr") == "2.3.2")
args <- commandArgs(trailingOnly = TRUE)
mobi <- read.csv(if (length(args)) args[1] else "../shared/data/mobi.csv")
mm <- constructs(
  composite("Image", multi_items("IMAG", 1:5)), composite("Expectation", multi_items("CUEX", 1:3)),
  composite("Quality", multi_items("PERQ", 1:7)), composite("Value", multi_items("PERV", 1:2)),
  composite("Satisfaction", multi_items("CUSA", 1:3)), composite("Complaints", single_item("CUSCO")),
  composite("Loyalty", multi_items("CUSL", 1:3)))
sm <- relationships(
  paths(from = "Image", to = c("Expectation", "Satisfaction", "Loyalty")),
  paths(from = "Expectation", to = c("Quality", "Value", "Satisfaction")),
  paths(from = "Quality", to = c("Value", "Satisfaction")), paths(from = "Value", to = "Satisfaction"),
  paths(from = "Satisfaction", to = c("Complaints", "Loyalty")), paths(from = "Complaints", to = "Loyalty"))
num <- function(x) formatC(x, digits = 16, format = "g")
say <- function(...) cat(..., "\n", sep = "")

for (setting in list(c(300, 1), c(1, 7))) {
  m <- estimate_pls(mobi, mm, sm, maxIt = setting[1], stopCriterion = setting[2])
  say("maxIt ", setting[1], " stopCriterion ", setting[2], ": iterations ", m$iterations,
      ", Image -> Expectation ", num(m$path_coef["Image", "Expectation"]),
      ", Satisfaction -> Loyalty ", num(m$path_coef["Satisfaction", "Loyalty"]),
      ", weight IMAG1 ", num(m$outer_weights["IMAG1", "Image"]))
}
m <- estimate_pls(mobi, mm, sm)
s <- summary(m)
say("Fornell-Larcker: sqrt(AVE) of Image ", num(s$validity$fl_criteria["Image", "Image"]),
    ", Satisfaction-Quality ", num(s$validity$fl_criteria["Satisfaction", "Quality"]))
say("cross-loading IMAG2 on Expectation ", num(s$validity$cross_loadings["IMAG2", "Expectation"]))
say("score of row 1 on Image ", num(m$construct_scores[1, "Image"]),
    ", row 250 on Loyalty ", num(m$construct_scores[250, "Loyalty"]))
b <- bootstrap_model(m, nboot = 5000, cores = 1, seed = 123)
bs <- summary(b, alpha = 0.10)
p <- bs$bootstrapped_paths
say("90% interval of Image -> Expectation: ", num(p["Image  ->  Expectation", "5% CI"]), " ",
    num(p["Image  ->  Expectation", "95% CI"]))
