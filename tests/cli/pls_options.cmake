# csat pls options that mirror seminr's: the stopping rule (maxIt, stopCriterion), the interval level, and the
# discriminant-validity tables and construct scores. Expected values: seminr 2.3.2, tests/reference/pls_cli_options.R.
set(_small --model @SRC@/tests/pls/data/small.model --data @SRC@/tests/pls/data/small.csv --missing listwise)

# seminr's own tests use stopCriterion = 1 (tolerance 0.1): seminr stops at iteration 1 with Image -> Expectation
# 0.5049051045547023 and the IMAG1 weight 0.3013007612603826
csat_cli_test(NAME pls.stop_criterion NEEDS_SHARED
  ARGS pls --preset ecsi --data @SHARED@/data/mobi.csv --stop 1 --json
  STDOUT "\"iterations\": 1," "\"tolerance\": 0[.]1," "\"converged\": true"
         "\"estimate\": 0[.]50490510455470[0-9]*,[^}]*\"from\": \"Image\",[^}]*\"to\": \"Expectation\""
         "\"construct\": \"Image\",[^}]*\"estimate\": 0[.]30130076126038[0-9]*,[^}]*\"indicator\": \"IMAG1\"")
# the same tolerance written as a number below 1
csat_cli_test(NAME pls.stop_tolerance NEEDS_SHARED
  ARGS pls --preset ecsi --data @SHARED@/data/mobi.csv --stop 0.1
  STDOUT "converged after 2 updates [(]iterations = 1, [^\n]*stop below 0[.]1, at most 301 updates[)]"
         "Image +Expectation +0[.]505")
# maxIt = 1: seminr stops after two updates without converging (same weights as above)
csat_cli_test(NAME pls.max_iterations NEEDS_SHARED
  ARGS pls --preset ecsi --data @SHARED@/data/mobi.csv --max-iterations 1
  STDOUT "NOT converged [(]no_convergence[)] after 2 updates [(]iterations = 1,[^\n]*stop below 1e-07, at most 2 updates[)]")
csat_cli_test(NAME pls.max_iterations_negative EXIT 2 ONE_LINE_STDERR
  ARGS pls ${_small} --max-iterations -1
  STDERR "^csat: error: --max-iterations must be 0 or more, not -1")
csat_cli_test(NAME pls.stop_zero EXIT 2 ONE_LINE_STDERR
  ARGS pls ${_small} --stop 0
  STDERR "^csat: error: --stop must be a positive tolerance [^\n]*, not 0")
csat_cli_test(NAME pls.stop_huge EXIT 2 ONE_LINE_STDERR
  ARGS pls ${_small} --stop 400
  STDERR "^csat: error: --stop 400 asks for a tolerance of 1e-400")

# --ci-level: 90% percentile intervals of seminr's 5000 resamples (summary(boot, alpha = 0.10)): Image -> Expectation
# [0.4209290018501637, 0.6078929144552944]
csat_cli_test(NAME pls.ci_level_table NEEDS_SHARED
  ARGS pls --preset ecsi --data @SHARED@/data/mobi.csv --boot-indices @SHARED@/data/mobi_boot_indices_seed123_n5000.csv
       --threads 2 --ci-level 0.90
  STDOUT "bootstrap: 5000 of 5000 resamples, 90% percentile intervals")
csat_cli_test(NAME pls.ci_level_json NEEDS_SHARED
  ARGS pls --preset ecsi --data @SHARED@/data/mobi.csv --boot-indices @SHARED@/data/mobi_boot_indices_seed123_n5000.csv
       --threads 2 --ci-level 0.90 --json
  STDOUT "\"ci_level\": 0[.]9" "\"ci_lower\": 0[.]42092900185[0-9]*,[^}]*\"ci_upper\": 0[.]60789291445[0-9]*,[^}]*\"from\": \"Image\",[^}]*\"to\": \"Expectation\"")
csat_cli_test(NAME pls.ci_level_out_of_range EXIT 2 ONE_LINE_STDERR
  ARGS pls ${_small} --boot 10 --ci-level 95
  STDERR "^csat: error: --ci-level must lie strictly between 0 and 1 [(]e[.]g[.] 0[.]90[)], not 95")

# (a '.' stands for a JSON bracket: an unbalanced bracket would stop CMake from splitting the list of patterns)
# Fornell-Larcker, cross-loadings and construct correlations (seminr: sqrt(AVE) of Image 0.6916313644234728,
# Satisfaction with Quality 0.7948221157922817, IMAG2 on Expectation 0.3797991079672146)
csat_cli_test(NAME pls.validity_json NEEDS_SHARED
  ARGS pls --preset ecsi --data @SHARED@/data/mobi.csv --json
  STDOUT "\"fornell_larcker\": {[^}]*\"data\": .[\n ]*.[\n ]*0[.]6916313644[0-9]*,[\n ]*null"
         "\"cross_loadings\": {[^}]*\"data\": .[\n ]*.[-0-9.e,\n ]*.,[\n ]*.[\n ]*0[.]599200382[0-9]*,[\n ]*0[.]37979910796"
         "\"construct_correlations\": {[^}]*\"index\": .[\n ]*\"Image\"")
csat_cli_test(NAME pls.validity_table NEEDS_SHARED
  ARGS pls --preset ecsi --data @SHARED@/data/mobi.csv
  STDOUT "Fornell-Larcker criterion [(]diagonal: square root of AVE" "Image +0[.]692 *\n"
         "Satisfaction +[0-9.]+ +[0-9.]+ +0[.]795 "
         "Cross-loadings [(]correlation of each indicator with each composite" "IMAG2 +0[.]599[*] +0[.]380 ")

# construct scores: one row per row used, led by its source line (seminr: row 1 on Image -2.0010060438365,
# row 250 on Loyalty 1.049295689836197)
csat_cli_test(NAME pls.scores_reference NEEDS_SHARED
  ARGS pls --preset ecsi --data @SHARED@/data/mobi.csv --scores pls_options_scores.csv
  FILE pls_options_scores.csv
  FILE_MATCHES "^line,Image,Expectation,Quality,Value,Satisfaction,Complaints,Loyalty\n2,-2[.]00100604383[0-9]*,"
               "\n251,[^\n]*,1[.]04929568983[0-9]*\n$")
# listwise deletion removed the row on line 6: its line is absent, the others keep theirs
csat_cli_test(NAME pls.scores_listwise
  ARGS pls ${_small} --scores pls_options_scores_small.csv
  FILE pls_options_scores_small.csv
  FILE_MATCHES "^line,Attitude,Behaviour,Complaint\n2,[-0-9.e]+,[-0-9.e]+,[-0-9.e]+\n3,"
               "\n5,[^\n]*\n7,[^\n]*\n" "\n41,[^\n]*\n$")
csat_cli_test(NAME pls.scores_unwritable EXIT 3 ONE_LINE_STDERR
  ARGS pls ${_small} --scores /nonexistent-dir/scores.csv
  STDERR "^csat: error: cannot write --scores file /nonexistent-dir/scores[.]csv")

# ---- usage errors and small traps ----------------------------------------------------------------------------------
# counts are checked before they are converted: -5 never wraps around to a huge number
csat_cli_test(NAME pls.boot_negative EXIT 2 ONE_LINE_STDERR
  ARGS pls ${_small} --boot -5
  STDERR "^csat: error: --boot: [^\n]*-5")
csat_cli_test(NAME pls.threads_absurd EXIT 2 ONE_LINE_STDERR
  ARGS pls ${_small} --boot 10 --threads 100000
  STDERR "^csat: error: --threads: [^\n]*100000")
csat_cli_test(NAME pls.seed_negative EXIT 2 ONE_LINE_STDERR
  ARGS pls ${_small} --boot 10 --seed -1
  STDERR "^csat: error: --seed: [^\n]*-1")
# a preset on columns without the mobi prefixes says which prefixes it expects
csat_cli_test(NAME pls.preset_prefixes EXIT 3 ONE_LINE_STDERR
  ARGS pls --preset ecsi --data @SRC@/examples/data/power_survey.csv
  STDERR "^csat: error: --preset ecsi takes each construct's indicators from the data columns whose names start with its prefix [^\n]*no column IMAG[*] [(]Image[)], CUEX[*] [(]Expectation[)]")
# the library's function names ("csat::model::specification: ") are not shown to program users
csat_cli_test(NAME pls.error_without_function_name EXIT 3 ONE_LINE_STDERR
  ARGS pls --model @SRC@/tests/pls/data/unknown_indicator.model --data @SRC@/tests/pls/data/small.csv
  STDERR "^csat: error: [^\n]*unknown_indicator[.]model:" STDERR_NOT "csat::")
# a chain without a direct path is full mediation: no VAF row of "inf nan"
csat_cli_test(NAME pls.full_mediation_table
  ARGS pls --model @SRC@/tests/cli/data/power.model --data @SRC@/examples/data/power_survey.csv --missing listwise
       --boot 50 --threads 2 --indirect "Image -> Expectation -> Quality"
  STDOUT "VAF Image -> Quality +full mediation [(]no direct path[)]"
  STDOUT_NOT "inf +nan")
csat_cli_test(NAME pls.full_mediation_json
  ARGS pls --model @SRC@/tests/cli/data/power.model --data @SRC@/examples/data/power_survey.csv --missing listwise
       --boot 50 --threads 2 --indirect "Image -> Expectation -> Quality" --json
  STDOUT "\"full_mediation\": true,[\n ]*\"mean\"" "\"vaf\": null")
