# Expected values of the PLS parity tests against seminr 2.3.2: the PLSc bootstrap of a model whose
# resamples have disattenuated construct correlations beyond 1, and f² of moderated models.
#
# Run from the repository root:   Rscript tests/reference/pls_seminr_parity.R
#
# seminr 2.3.2 must be installed in /tmp/rlib or in any library on the R library path. To install it:
#   git clone --branch release_2_3_2 https://github.com/sem-in-r/seminr /tmp/seminr_src
#   # drop DiagrammeR, DiagrammeRsvg and webp from the Imports: field of /tmp/seminr_src/DESCRIPTION
#   # (they are needed for plots only), then
#   mkdir -p /tmp/rlib && R CMD INSTALL -l /tmp/rlib /tmp/seminr_src
# (its remaining imports parallel, lavaan, glue, knitr, testthat and rmarkdown come from CRAN or Debian's r-cran-*).
#
# Writes (small files; the tests need nothing outside the repository):
#   tests/data/pls_mobi.csv                    mobi (250 rows), the columns the models use
#   tests/data/pls_corp_rep.csv                corp_rep_data (344 rows), the moderation model's columns, -99 as NA
#   tests/data/pls_mobi_boot_indices_plsc.csv  the 1-based rows of each resample of the PLSc bootstrap below
#   tests/data/pls_mobi_plsc_inadmissible.csv  the first of them whose PLSc construct correlations exceed 1
#   tests/reference/pls_plsc_boot_mobi.csv     PLSc estimates and seminr's bootstrap means and sds
#   tests/reference/pls_plsc_boot_mobi_counts.csv  resamples requested, kept by seminr, with a non-PD matrix
#   tests/reference/pls_moderation_f2.csv      seminr's f² (and R²) of the moderated models

.libPaths(c("/tmp/rlib", .libPaths()))
suppressMessages(library(seminr))
stopifnot(packageVersion("seminr") == "2.3.2")
# bootstrap_model() starts PSOCK workers, which call seminr::estimate_pls: they need the same library path
Sys.setenv(R_LIBS = paste(.libPaths(), collapse = .Platform$path.sep))

out_data <- "tests/data"
out_ref <- "tests/reference"
stopifnot(dir.exists(out_data), dir.exists(out_ref))

# ---------------------------------------------------------------------------------------------------------------
# Data
mobi_cols <- c(paste0("IMAG", 1:5), paste0("CUEX", 1:3), paste0("PERV", 1:2), paste0("CUSA", 1:3))
mobi_small <- mobi[, mobi_cols]
write.csv(mobi_small, file.path(out_data, "pls_mobi.csv"), row.names = FALSE, na = "NA")

corp_cols <- c(paste0("comp_", 1:3), paste0("like_", 1:3), "cusa", paste0("switch_", 1:4), paste0("cusl_", 1:3))
corp <- corp_rep_data[, corp_cols]
corp[corp == -99] <- NA
write.csv(corp, file.path(out_data, "pls_corp_rep.csv"), row.names = FALSE, na = "NA")

# ---------------------------------------------------------------------------------------------------------------
# 1. PLSc bootstrap. reflective() = common factor: seminr applies PLSc.
plsc_mm <- constructs(
  reflective("Image",        multi_items("IMAG", 1:5)),
  reflective("Expectation",  multi_items("CUEX", 1:3)),
  reflective("Value",        multi_items("PERV", 1:2)),
  reflective("Satisfaction", multi_items("CUSA", 1:3))
)
plsc_sm <- relationships(paths(from = c("Image", "Expectation", "Value"), to = "Satisfaction"))
plsc <- suppressMessages(estimate_pls(data = mobi_small, measurement_model = plsc_mm, structural_model = plsc_sm))

nboot <- 100
seed <- 1
n <- nrow(mobi_small)
# bootstrap_model() draws resample i (1-based) by set.seed(seed + i); sample.int(n, replace = TRUE)
idx <- t(sapply(seq_len(nboot), function(i) { set.seed(seed + i); sample.int(n, replace = TRUE) }))
write.table(idx, file.path(out_data, "pls_mobi_boot_indices_plsc.csv"), sep = ",", row.names = FALSE,
            col.names = FALSE)

boot <- suppressMessages(bootstrap_model(plsc, nboot = nboot, cores = 1, seed = seed))
kept <- dim(boot$boot_paths)[3]

# the indices above are the ones bootstrap_model used: re-estimate the first resample
first <- suppressMessages(estimate_pls(data = mobi_small[idx[1, ], ], measurement_model = plsc_mm,
                                       structural_model = plsc_sm))
stopifnot(max(abs(first$path_coef - boot$boot_paths[, , 1])) < 1e-12)

# the disattenuated construct correlations of every resample: how many are not positive definite
min_eigen <- sapply(seq_len(nboot), function(b) {
  m <- suppressMessages(estimate_pls(data = mobi_small[idx[b, ], ], measurement_model = plsc_mm,
                                     structural_model = plsc_sm))
  rho <- seminr:::rho_A(m, m$constructs)
  adj <- sqrt(rho %*% t(rho)); diag(adj) <- 1
  min(eigen(stats::cor(m$construct_scores) / adj, symmetric = TRUE, only.values = TRUE)$values)
})
first_bad <- which(min_eigen <= 1e-10)[1]
write.csv(data.frame(requested = nboot, kept = kept, not_positive_definite = sum(min_eigen <= 1e-10),
                     min_eigenvalue = min(min_eigen), first_not_positive_definite = first_bad,
                     its_min_eigenvalue = min_eigen[first_bad]),
          file.path(out_ref, "pls_plsc_boot_mobi_counts.csv"), row.names = FALSE)

rows <- list()
add <- function(kind, from, to, original, draws) {
  rows[[length(rows) + 1]] <<- data.frame(kind = kind, from = from, to = to, original = original,
                                          mean = mean(draws), sd = stats::sd(draws), n = length(draws))
}
for (f in c("Image", "Expectation", "Value"))
  add("path", f, "Satisfaction", plsc$path_coef[f, "Satisfaction"], boot$boot_paths[f, "Satisfaction", ])
for (f in c("Image", "Expectation", "Value"))
  add("total", f, "Satisfaction", plsc$path_coef[f, "Satisfaction"], boot$boot_total_paths[f, "Satisfaction", ])
mm <- plsc$mmMatrix
for (i in seq_len(nrow(mm))) {
  add("loading", mm[i, "measurement"], mm[i, "construct"], plsc$outer_loadings[mm[i, "measurement"], mm[i, "construct"]],
      boot$boot_loadings[mm[i, "measurement"], mm[i, "construct"], ])
  add("weight", mm[i, "measurement"], mm[i, "construct"], plsc$outer_weights[mm[i, "measurement"], mm[i, "construct"]],
      boot$boot_weights[mm[i, "measurement"], mm[i, "construct"], ])
}
H <- seminr:::HTMT(plsc)
cn <- rownames(H)
for (a in seq_along(cn)) for (b in seq_along(cn))
  if (a < b) add("htmt", cn[a], cn[b], H[a, b], boot$boot_HTMT[cn[a], cn[b], ])
for (k in "Satisfaction") add("r2", k, "", plsc$rSquared["Rsq", k], NA)
# the single fit of the first resample whose disattenuated matrix is not positive definite (seminr estimates it)
bad <- suppressMessages(estimate_pls(data = mobi_small[idx[first_bad, ], ], measurement_model = plsc_mm,
                                     structural_model = plsc_sm))
write.csv(mobi_small[idx[first_bad, ], ], file.path(out_data, "pls_mobi_plsc_inadmissible.csv"), row.names = FALSE)
for (f in c("Image", "Expectation", "Value"))
  add("resample_path", f, "Satisfaction", bad$path_coef[f, "Satisfaction"], NA)
for (i in seq_len(nrow(mm)))
  add("resample_loading", mm[i, "measurement"], mm[i, "construct"],
      bad$outer_loadings[mm[i, "measurement"], mm[i, "construct"]], NA)
add("resample_r2", "Satisfaction", "", bad$rSquared["Rsq", "Satisfaction"], NA)
ref <- do.call(rbind, rows)
write.csv(ref, file.path(out_ref, "pls_plsc_boot_mobi.csv"), row.names = FALSE)
cat("PLSc bootstrap: ", kept, " of ", nboot, " resamples kept by seminr; ", sum(min_eigen <= 1e-10),
    " with a non-positive-definite disattenuated matrix (smallest eigenvalue ", min(min_eigen), ")\n", sep = "")

# ---------------------------------------------------------------------------------------------------------------
# 3. f² of moderated models (seminr's summary()$fSquare: each path dropped, the model re-estimated, the interaction
# term rebuilt; NA for the main effects of an interaction's iv and moderator on its outcome)
f2_rows <- list()
methods <- list("two-stage" = two_stage, "product-indicator" = product_indicator, "orthogonal" = orthogonal)
run_f2 <- function(dataset, method_name, mdl) {
  f2 <- seminr:::model_fsquares(mdl)
  for (to in seminr:::all_endogenous(mdl$smMatrix))
    for (from in mdl$smMatrix[mdl$smMatrix[, "target"] == to, "source"])
      f2_rows[[length(f2_rows) + 1]] <<- data.frame(dataset = dataset, method = method_name,
                                                    from = sub("\\*", ":", from), to = to,
                                                    f2 = f2[from, to], r2 = mdl$rSquared["Rsq", to])
}
for (mname in names(methods)) {
  corp_mm <- constructs(
    composite("COMP", multi_items("comp_", 1:3)),
    composite("LIKE", multi_items("like_", 1:3)),
    composite("CUSA", single_item("cusa")),
    composite("SC",   multi_items("switch_", 1:4)),
    composite("CUSL", multi_items("cusl_", 1:3)),
    interaction_term(iv = "CUSA", moderator = "SC", method = methods[[mname]]))
  corp_sm <- relationships(paths(from = c("COMP", "LIKE", "CUSA", "SC", "CUSA*SC"), to = "CUSL"))
  m <- suppressMessages(estimate_pls(data = corp_rep_data[, corp_cols], measurement_model = corp_mm,
                                     structural_model = corp_sm, missing = mean_replacement, missing_value = "-99"))
  run_f2("corp_rep", mname, m)

  mobi_mm <- constructs(
    composite("Image",        multi_items("IMAG", 1:5)),
    composite("Expectation",  multi_items("CUEX", 1:3)),
    composite("Satisfaction", multi_items("CUSA", 1:3)),
    interaction_term(iv = "Image", moderator = "Expectation", method = methods[[mname]]))
  mobi_sm <- relationships(paths(from = c("Image", "Expectation", "Image*Expectation"), to = "Satisfaction"))
  m <- suppressMessages(estimate_pls(data = mobi_small, measurement_model = mobi_mm, structural_model = mobi_sm))
  run_f2("mobi", mname, m)
}
# the same models without the interaction term (plain PLS): every dropped path leaves its predecessor isolated, so
# seminr re-estimates the model without that construct
corp_plain <- suppressMessages(estimate_pls(
  data = corp_rep_data[, corp_cols],
  measurement_model = constructs(composite("COMP", multi_items("comp_", 1:3)), composite("LIKE", multi_items("like_", 1:3)),
                                 composite("CUSA", single_item("cusa")), composite("SC", multi_items("switch_", 1:4)),
                                 composite("CUSL", multi_items("cusl_", 1:3))),
  structural_model = relationships(paths(from = c("COMP", "LIKE", "CUSA", "SC"), to = "CUSL")),
  missing = mean_replacement, missing_value = "-99"))
run_f2("corp_rep", "none", corp_plain)
mobi_plain <- suppressMessages(estimate_pls(
  data = mobi_small,
  measurement_model = constructs(composite("Image", multi_items("IMAG", 1:5)),
                                 composite("Expectation", multi_items("CUEX", 1:3)),
                                 composite("Satisfaction", multi_items("CUSA", 1:3))),
  structural_model = relationships(paths(from = c("Image", "Expectation"), to = "Satisfaction"))))
run_f2("mobi", "none", mobi_plain)
f2_ref <- do.call(rbind, f2_rows)
write.csv(f2_ref, file.path(out_ref, "pls_moderation_f2.csv"), row.names = FALSE, na = "NA")
print(f2_ref)
