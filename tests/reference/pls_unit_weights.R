# Expected values of the unit-weight tests against seminr 2.3.2: composites with
# `weights = unit_weights` (seminr's mmMatrix type "UNIT"), csat's model::mode::unit.
#
# Run from the repository root:   Rscript tests/reference/pls_unit_weights.R
#
# seminr 2.3.2 must be installed in /tmp/rlib or in any library on the R library path (see
# tests/reference/pls_seminr_parity.R for how to install it).
#
# Writes (small files; the tests need nothing outside the repository):
#   tests/data/pls_mobi_full.csv                 seminr's own `mobi` (250 rows, all 24 columns)
#   tests/data/pls_mobi_boot_indices_unit.csv    the 1-based rows of each resample of the bootstrap below
#   tests/reference/pls_unit_weights.csv         kind, a, b, value: seminr's estimates of the models below
#
# Models (ECSI structure of seminr's mobi demonstration):
#   plain  Image and Value unit-weighted, every other block composite(mode_A); Complaints a single item
#   plsc   the same with reflective() instead of composite(mode_A): seminr applies PLSc, whose rho_A adjustment
#          covers the UNIT constructs too (their loadings are not corrected: they are not common factors)
#   hoc    Image, Expectation, Quality, Value, Satisfaction composites; Service = higher_composite(Quality, Value,
#          weights = unit_weights), two-stage; Image -> Expectation -> Service -> Satisfaction, Image -> Satisfaction
#   boot   the plain model, bootstrap_model(nboot = 30, seed = 1): mean and sd of paths and weights

.libPaths(c("/tmp/rlib", .libPaths()))
suppressMessages(library(seminr))
stopifnot(packageVersion("seminr") == "2.3.2")
Sys.setenv(R_LIBS = paste(.libPaths(), collapse = .Platform$path.sep))

out_data <- "tests/data"
out_ref <- "tests/reference"
stopifnot(dir.exists(out_data), dir.exists(out_ref))

write.csv(mobi, file.path(out_data, "pls_mobi_full.csv"), row.names = FALSE, na = "NA")

ecsi_sm <- relationships(
  paths(from = "Image",        to = c("Expectation", "Satisfaction", "Loyalty")),
  paths(from = "Expectation",  to = c("Quality", "Value", "Satisfaction")),
  paths(from = "Quality",      to = c("Value", "Satisfaction")),
  paths(from = "Value",        to = c("Satisfaction")),
  paths(from = "Satisfaction", to = c("Complaints", "Loyalty")),
  paths(from = "Complaints",   to = "Loyalty"))
plain_mm <- constructs(
  composite("Image",        multi_items("IMAG", 1:5), weights = unit_weights),
  composite("Expectation",  multi_items("CUEX", 1:3)),
  composite("Quality",      multi_items("PERQ", 1:7)),
  composite("Value",        multi_items("PERV", 1:2), weights = unit_weights),
  composite("Satisfaction", multi_items("CUSA", 1:3)),
  composite("Complaints",   single_item("CUSCO")),
  composite("Loyalty",      multi_items("CUSL", 1:3)))
plsc_mm <- constructs(
  composite("Image",        multi_items("IMAG", 1:5), weights = unit_weights),
  reflective("Expectation",  multi_items("CUEX", 1:3)),
  reflective("Quality",      multi_items("PERQ", 1:7)),
  composite("Value",        multi_items("PERV", 1:2), weights = unit_weights),
  reflective("Satisfaction", multi_items("CUSA", 1:3)),
  reflective("Complaints",   single_item("CUSCO")),
  reflective("Loyalty",      multi_items("CUSL", 1:3)))

rows <- list()
add <- function(model, kind, a, b, value) {
  rows[[length(rows) + 1]] <<- data.frame(model = model, kind = kind, a = a, b = b, value = value)
}
add_fit <- function(name, m) {
  sm <- m$smMatrix
  for (i in seq_len(nrow(sm))) add(name, "path", sm[i, "source"], sm[i, "target"], m$path_coef[sm[i, "source"], sm[i, "target"]])
  mm <- m$mmMatrix
  for (i in seq_len(nrow(mm))) {
    it <- mm[i, "measurement"]; k <- mm[i, "construct"]
    if (!(k %in% colnames(m$outer_weights)) || !(it %in% rownames(m$outer_weights))) next
    add(name, "weight", it, k, m$outer_weights[it, k])
    add(name, "loading", it, k, m$outer_loadings[it, k])
  }
  for (k in colnames(m$rSquared)) {
    add(name, "r2", k, "", m$rSquared["Rsq", k])
    add(name, "r2_adj", k, "", m$rSquared["AdjRsq", k])
  }
  s <- summary(m)
  rel <- s$reliability
  for (k in rownames(rel)) for (q in c("alpha", "rhoC", "AVE", "rhoA")) add(name, q, k, "", rel[k, q])
  H <- s$validity$htmt
  cn <- rownames(H)
  for (a in seq_along(cn)) for (b in seq_along(cn)) if (a > b) add(name, "htmt", cn[b], cn[a], H[a, b])
  add(name, "iterations", "", "", m$iterations)
}

plain <- suppressMessages(estimate_pls(data = mobi, measurement_model = plain_mm, structural_model = ecsi_sm))
stopifnot(all(plain$mmMatrix[plain$mmMatrix[, "construct"] %in% c("Image", "Value"), "type"] == "UNIT"))
add_fit("plain", plain)
s <- summary(plain)
f2 <- s$fSquare
for (i in seq_len(nrow(ecsi_sm))) add("plain", "f2", ecsi_sm[i, "source"], ecsi_sm[i, "target"],
                                      f2[ecsi_sm[i, "source"], ecsi_sm[i, "target"]])
for (k in names(s$validity$vif_items)) {
  v <- s$validity$vif_items[[k]]
  for (it in names(v)) add("plain", "item_vif", it, k, v[[it]])
}
# the fixed weights are the unit weights scaled to a unit-variance composite: 1 / sqrt(1' R 1)
R <- stats::cor(mobi[, paste0("IMAG", 1:5)])
stopifnot(abs(plain$outer_weights["IMAG1", "Image"] - 1 / sqrt(sum(R))) < 1e-12)

plsc <- suppressMessages(estimate_pls(data = mobi, measurement_model = plsc_mm, structural_model = ecsi_sm))
add_fit("plsc", plsc)

hoc_mm <- constructs(
  composite("Image",        multi_items("IMAG", 1:5)),
  composite("Expectation",  multi_items("CUEX", 1:3)),
  composite("Quality",      multi_items("PERQ", 1:7)),
  composite("Value",        multi_items("PERV", 1:2)),
  higher_composite("Service", c("Quality", "Value"), method = two_stage, weights = unit_weights),
  composite("Satisfaction", multi_items("CUSA", 1:3)))
hoc_sm <- relationships(paths(from = "Image", to = c("Expectation", "Satisfaction")),
                        paths(from = "Expectation", to = "Service"),
                        paths(from = "Service", to = "Satisfaction"))
hoc <- suppressMessages(estimate_pls(data = mobi, measurement_model = hoc_mm, structural_model = hoc_sm))
sm <- hoc$smMatrix
for (i in seq_len(nrow(sm))) add("hoc", "path", sm[i, "source"], sm[i, "target"], hoc$path_coef[sm[i, "source"], sm[i, "target"]])
for (d in c("Quality", "Value")) {
  add("hoc", "weight", d, "Service", hoc$outer_weights[d, "Service"])
  add("hoc", "loading", d, "Service", hoc$outer_loadings[d, "Service"])
}
add("hoc", "r2", "Satisfaction", "", hoc$rSquared["Rsq", "Satisfaction"])
add("hoc", "r2", "Service", "", hoc$rSquared["Rsq", "Service"])
rel <- summary(hoc)$reliability
for (q in c("alpha", "rhoC", "AVE", "rhoA")) add("hoc", q, "Service", "", rel["Service", q])

nboot <- 30
seed <- 1
n <- nrow(mobi)
idx <- t(sapply(seq_len(nboot), function(i) { set.seed(seed + i); sample.int(n, replace = TRUE) }))
write.table(idx, file.path(out_data, "pls_mobi_boot_indices_unit.csv"), sep = ",", row.names = FALSE, col.names = FALSE)
boot <- suppressMessages(bootstrap_model(plain, nboot = nboot, cores = 1, seed = seed))
stopifnot(dim(boot$boot_paths)[3] == nboot)
for (i in seq_len(nrow(ecsi_sm))) {
  f <- ecsi_sm[i, "source"]; t <- ecsi_sm[i, "target"]
  add("boot", "path_mean", f, t, mean(boot$boot_paths[f, t, ]))
  add("boot", "path_sd", f, t, stats::sd(boot$boot_paths[f, t, ]))
}
mm <- plain$mmMatrix
for (i in seq_len(nrow(mm))) {
  it <- mm[i, "measurement"]; k <- mm[i, "construct"]
  add("boot", "weight_mean", it, k, mean(boot$boot_weights[it, k, ]))
  add("boot", "weight_sd", it, k, stats::sd(boot$boot_weights[it, k, ]))
}

ref <- do.call(rbind, rows)
ref$value <- sprintf("%.17g", ref$value)
write.csv(ref, file.path(out_ref, "pls_unit_weights.csv"), row.names = FALSE, quote = FALSE)
cat(nrow(ref), "values written; plain iterations", plain$iterations, "\n")
print(ref[ref$model == "plain" & ref$kind %in% c("path", "rhoA", "alpha"), ])
