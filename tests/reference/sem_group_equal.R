# Expected values for lavaan's group.equal and group.partial (csat sem --group-equal / --group-partial,
# sem::model_options::group_equal / group_partial), lavaan 0.6-14 on HolzingerSwineford1939 with group = "school":
# metric, scalar and strict invariance written with group.equal, the same models written with labels, and a
# partial scalar model (the intercept of x3 and the loading of x2 left free across schools).
# Run from the repository root:  Rscript tests/reference/sem_group_equal.R
# Writes tests/data/sem_hs_school.csv and tests/reference/sem_group_equal_{fit,estimates}.csv.
suppressMessages(library(lavaan))
stopifnot(packageVersion("lavaan") == "0.6.14")
num <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 17, format = "g")))
hs <- HolzingerSwineford1939[, c(paste0("x", 1:9), "school")]
write.csv(hs, "tests/data/sem_hs_school.csv", row.names = FALSE, quote = FALSE)
model <- "visual =~ x1 + x2 + x3\n textual =~ x4 + x5 + x6\n speed =~ x7 + x8 + x9"
# the same constraints written with labels (c(a, a) gives both schools one parameter)
labelled_loadings <- "visual =~ x1 + c(l2, l2)*x2 + c(l3, l3)*x3
 textual =~ x4 + c(l5, l5)*x5 + c(l6, l6)*x6
 speed =~ x7 + c(l8, l8)*x8 + c(l9, l9)*x9"
labelled_intercepts <- paste0(" x", 1:9, " ~ c(i", 1:9, ", i", 1:9, ")*1", collapse = "\n")
labelled_means <- " visual ~ c(0, NA)*1\n textual ~ c(0, NA)*1\n speed ~ c(0, NA)*1"
labelled_residuals <- paste0(" x", 1:9, " ~~ c(r", 1:9, ", r", 1:9, ")*x", 1:9, collapse = "\n")
fits <- list(
  metric = cfa(model, hs, group = "school", group.equal = "loadings"),
  metric_labels = cfa(labelled_loadings, hs, group = "school"),
  scalar = cfa(model, hs, group = "school", group.equal = c("loadings", "intercepts")),
  scalar_labels = cfa(paste(labelled_loadings, labelled_intercepts, labelled_means, sep = "\n"), hs, group = "school"),
  strict = cfa(model, hs, group = "school", group.equal = c("loadings", "intercepts", "residuals")),
  strict_labels = cfa(paste(labelled_loadings, labelled_intercepts, labelled_means, labelled_residuals, sep = "\n"),
                      hs, group = "school"),
  partial = cfa(model, hs, group = "school", group.equal = c("loadings", "intercepts"),
                group.partial = c("x3 ~ 1", "visual =~ x2")))
rows <- NULL
for (nm in names(fits)) {
  fm <- fitMeasures(fits[[nm]], c("npar", "chisq", "df", "cfi", "rmsea", "logl"))
  rows <- rbind(rows, data.frame(model = nm, measure = names(fm), value = num(unname(fm))))
}
write.table(rows, "tests/reference/sem_group_equal_fit.csv", sep = ",", row.names = FALSE, quote = TRUE)
pe <- parameterEstimates(fits$partial)
pe <- pe[pe$op %in% c("=~", "~1") & pe$lhs %in% c("visual", "x3", "x1"), ]
write.table(data.frame(lhs = pe$lhs, op = pe$op, rhs = pe$rhs, group = pe$group, est = num(pe$est), se = num(pe$se)),
            "tests/reference/sem_group_equal_estimates.csv", sep = ",", row.names = FALSE, quote = TRUE)
