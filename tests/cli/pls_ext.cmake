# csat pls extensions: case weights, higher-order constructs, interaction terms, groups, PLSpredict, indirect effects.
# Reference values: ../shared/reference/pls_beyond_mobi.json (seminr 2.3.2 on mobi).
set(_pd @SRC@/tests/cli/data)
set(_power @SRC@/examples/data/power_survey.csv)

# ---- case weights --------------------------------------------------------------------------------------------------
# Integer frequency weights give the estimates of the unweighted fit on the data with every row replicated w times
# (weighted_replicated.csv; the zero-weight row and the row with a missing value left out): same path coefficient.
csat_cli_test(NAME pls.weights_json
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_pd}/weighted.csv --missing listwise --weights w
       --scale-min 1 --scale-max 7 --segment segment --json
  STDOUT "\"case_weights\": {" "\"column\": \"w\"" "\"warnings\": ." "\"zero_weight_lines\": .[\n ]*3"
         "\"n\": 16,[\n ]*\"weight_sum\": 32[.]0" "\"n\": 22,[\n ]*\"weight_sum\": 43[.]0" "\"n_used\": 38"
         "\"estimate\": 0[.]3426023668516")
csat_cli_test(NAME pls.weights_replicated_reference
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_pd}/weighted_replicated.csv --scale-min 1 --scale-max 7 --json
  STDOUT "\"n_used\": 75" "\"estimate\": 0[.]3426023668516")
csat_cli_test(NAME pls.weights_table
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_pd}/weighted.csv --missing listwise --weights w
       --scale-min 1 --scale-max 7
  STDOUT "Case weights [(]column w[)]: sum 75[.]000, min 1[.]0000, max 3[.]0000" "1 zero-weight rows excluded [(]lines 3[)]"
         "Attitude +Behaviour +0[.]343")
csat_cli_test(NAME pls.weights_negative EXIT 3 ONE_LINE_STDERR
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_pd}/weighted.csv --missing listwise --weights wneg
  STDERR "^csat: error: [^\n]*case weight \"wneg\" of row 7 [(]line 9[)] = -1")
csat_cli_test(NAME pls.weights_nan EXIT 3 ONE_LINE_STDERR
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_pd}/weighted.csv --missing listwise --weights wnan
  STDERR "^csat: error: [^\n]*case weight \"wnan\" of row 9 [(]line 11[)] = ")
csat_cli_test(NAME pls.weights_all_zero EXIT 3 ONE_LINE_STDERR
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_pd}/weighted.csv --missing listwise --weights wzero
  STDERR "^csat: error: [^\n]*every case weight \"wzero\" is zero")
csat_cli_test(NAME pls.weights_unknown_column EXIT 3 ONE_LINE_STDERR
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_pd}/weighted.csv --missing listwise --weights nosuch
  STDERR "^csat: error: [^\n]*nosuch")

# ---- higher-order constructs ---------------------------------------------------------------------------------------
# seminr two-stage (disjoint) HOC Service =~ Quality + Value: Image -> Expectation 0.5059524715246713,
# Expectation -> Service 0.5301676822875058, Service -> Satisfaction 0.6018555643546046.
csat_cli_test(NAME pls.hoc_json NEEDS_SHARED
  ARGS pls --model ${_pd}/hoc_mobi.model --data @SHARED@/data/mobi.csv --scale-min 1 --scale-max 10 --json
  STDOUT "\"estimate\": 0[.]50595247[0-9]*,[^}]*\"from\": \"Image\",[^}]*\"to\": \"Expectation\""
         "\"estimate\": 0[.]53016768[0-9]*,[^}]*\"from\": \"Expectation\",[^}]*\"to\": \"Service\""
         "\"estimate\": 0[.]60185556[0-9]*,[^}]*\"from\": \"Service\",[^}]*\"to\": \"Satisfaction\""
         "\"higher_order\": {" "\"warnings\": ")
# the whole two-stage procedure re-run on each of the 5000 shared resamples (reported under higher_order.bootstrap)
csat_cli_test(NAME pls.hoc_replay NEEDS_SHARED
  ARGS pls --model ${_pd}/hoc_mobi.model --data @SHARED@/data/mobi.csv --threads 2 --json
       --boot-indices @SHARED@/data/mobi_boot_indices_seed123_n5000.csv
  STDOUT "\"higher_order\": {" "\"bootstrap\": {" "\"requested\": 5000" "\"successful\": 5000" "\"failed\": 0"
         "\"estimate\": 0[.]50595247[0-9]*,[^}]*\"mean\": 0[.][0-9]+")
csat_cli_test(NAME pls.hoc_table
  ARGS pls --model ${_pd}/power_hoc.model --data ${_power} --missing listwise --hoc embedded --segment segment
  STDOUT "1323 rows used [(]listwise deletion excluded 677 of 2000 rows" "Expectation +Service +0[.][0-9]+"
         "Higher-order constructs [(]embedded[)]" "Indices by segment" "residential +[0-9]+ ")
csat_cli_test(NAME pls.hoc_refers_to_itself EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/hoc_self.model --data ${_power}
  STDERR "^csat: error: [^\n]*hoc_self[.]model:[^\n]*\"Service\"")
csat_cli_test(NAME pls.hoc_unknown_construct EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/hoc_unknown.model --data ${_power}
  STDERR "^csat: error: [^\n]*\"Ghost\"")
csat_cli_test(NAME pls.hoc_with_weights EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/power_hoc.model --data ${_power} --weights id
  STDERR "^csat: error: [^\n]*--weights is not supported with higher-order constructs")
csat_cli_test(NAME pls.hoc_without_hoc_model EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/power.model --data ${_power} --hoc repeated
  STDERR "^csat: error: --hoc repeated needs a higher-order construct")

# ---- interaction terms ---------------------------------------------------------------------------------------------
# seminr two-stage interaction Image*Expectation -> Satisfaction -0.04344967732452272 (Image 0.5864518775630913).
csat_cli_test(NAME pls.interaction_json NEEDS_SHARED
  ARGS pls --model ${_pd}/moderation_mobi.model --data @SHARED@/data/mobi.csv --scale-min 1 --scale-max 10 --json
  STDOUT "\"estimate\": -0[.]04344967[0-9]*,[^}]*\"from\": \"Image:Expectation\",[^}]*\"to\": \"Satisfaction\""
         "\"estimate\": 0[.]58645187[0-9]*,[^}]*\"from\": \"Image\",[^}]*\"to\": \"Satisfaction\""
         "\"moderation\": {")
# seminr product-indicator: Image*Expectation -0.13547691645580373; orthogonalizing: -0.1708378214573261.
csat_cli_test(NAME pls.interaction_product_indicator_json NEEDS_SHARED
  ARGS pls --model ${_pd}/moderation_mobi.model --data @SHARED@/data/mobi.csv --interaction product-indicator --json
  STDOUT "\"estimate\": -0[.]13547691[0-9]*,[^}]*\"from\": \"Image:Expectation\""
         "\"estimate\": 0[.]60472038[0-9]*,[^}]*\"from\": \"Image\",")
csat_cli_test(NAME pls.interaction_orthogonal_json NEEDS_SHARED
  ARGS pls --model ${_pd}/moderation_mobi.model --data @SHARED@/data/mobi.csv --interaction orthogonal --json
  STDOUT "\"estimate\": -0[.]17083782[0-9]*,[^}]*\"from\": \"Image:Expectation\""
         "\"estimate\": 0[.]58540647[0-9]*,[^}]*\"from\": \"Image\",")
csat_cli_test(NAME pls.interaction_table
  ARGS pls --model ${_pd}/moderation_mobi.model --data @SHARED@/data/mobi.csv --interaction orthogonal
  NEEDS_SHARED STDOUT "Image:Expectation +Satisfaction +-?0[.][0-9]+")
csat_cli_test(NAME pls.interaction_with_itself EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/moderation_self.model --data ${_power}
  STDERR "^csat: error: [^\n]*moderation_self[.]model:5:[0-9]+: interaction of construct \"Image\" with itself")
# the default IPMA target is the final outcome, never the interaction term the model lists last (docs/pls.md, 5)
csat_cli_test(NAME pls.moderation_default_target
  ARGS pls --model ${_pd}/moderation_outcome.model --data ${_power} --missing listwise --scale-min 1 --scale-max 10
  STDOUT "Importance-performance map for Loyalty [(]index [0-9.]+[)]")
csat_cli_test(NAME pls.interaction_unknown_method EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/power.model --data ${_power} --interaction triple
  STDERR "^csat: error: --interaction must be two-stage, product-indicator or orthogonal, not \"triple\"")

# ---- groups ----------------------------------------------------------------------------------------------------------
csat_cli_test(NAME pls.groups_mga_json
  ARGS pls --model ${_pd}/power.model --data ${_power} --missing listwise --group channel --mga --boot 100 --seed 7
       --threads 2 --json
  STDOUT "\"groups\": {" "\"95598 hotline\": {" "\"n_used\": 410," "\"online\": {" "\"n_used\": 441,"
         "\"service hall\": {" "\"n_used\": 554," "\"n_used\": 1405,"
         "\"mga\": ." "\"p_henseler\": " "\"p_permutation\": " "\"p_welch\": " "\"group_a\": ")
csat_cli_test(NAME pls.groups_table
  ARGS pls --model ${_pd}/power.model --data ${_power} --missing listwise --group segment
  STDOUT "Paths by segment" "residential [(]n=995[)] +industrial [(]n=140[)] +commercial [(]n=207[)] +agricultural [(]n=63[)]"
         "R2 and 0-100 indices by segment")
csat_cli_test(NAME pls.groups_unknown_column EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/power.model --data ${_power} --missing listwise --group region
  STDERR "^csat: error: [^\n]*group column \"region\"")
csat_cli_test(NAME pls.groups_too_small EXIT 3 ONE_LINE_STDERR NEEDS_SHARED
  ARGS pls --model @SRC@/tests/pls/data/ecsi.model --data @SHARED@/data/mobi.csv --group CUEX1
  STDERR "^csat: error: [^\n]*group \"[0-9]+\" of column \"CUEX1\" has [0-9] cases")
csat_cli_test(NAME pls.mga_without_group EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/power.model --data ${_power} --mga
  STDERR "^csat: error: --mga and --micom need --group")

# ---- PLSpredict and indirect effects ---------------------------------------------------------------------------------
# seminr leave-one-out PLSpredict (DA) on ECSI/mobi: CUEX1 RMSE 1.5327276772739036.
csat_cli_test(NAME pls.predict_loo_json NEEDS_SHARED
  ARGS pls --model @SRC@/tests/pls/data/ecsi.model --data @SHARED@/data/mobi.csv --predict loo --json
  STDOUT "\"predict\": {" "\"CUEX1\": {[^}]*\"rmse\": 1[.]53272767[0-9]*")
csat_cli_test(NAME pls.predict_table
  ARGS pls --model ${_pd}/power.model --data ${_power} --missing listwise --predict 5 --technique ea --seed 3
  STDOUT "PLSpredict [(]5-fold, earliest antecedents, seed 3[)]" "SAT1 +Satisfaction +[0-9.]+ +[0-9.]+ +-?[0-9.]+"
         "LOY1 +Loyalty ")
csat_cli_test(NAME pls.predict_bad_folds EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/power.model --data ${_power} --missing listwise --predict 1
  STDERR "^csat: error: [^\n]*--predict must be loo or a number of folds")
# seminr: Image -> Expectation -> Satisfaction 0.03156866800083759; from the 5000 shared resamples mean
# 0.030195390573933098, sd 0.025549250557798456.
csat_cli_test(NAME pls.indirect_json NEEDS_SHARED
  ARGS pls --model @SRC@/tests/pls/data/ecsi.model --data @SHARED@/data/mobi.csv
       --indirect "Image -> Expectation -> Satisfaction" --json
  STDOUT "\"indirect\": ." "\"chain\": \"Image -> Expectation -> Satisfaction\"" "\"estimate\": 0[.]031568668[0-9]*")
csat_cli_test(NAME pls.indirect_replay NEEDS_SHARED
  ARGS pls --model @SRC@/tests/pls/data/ecsi.model --data @SHARED@/data/mobi.csv
       --indirect "Image -> Expectation -> Satisfaction" --boot-indices @SHARED@/data/mobi_boot_indices_seed123_n5000.csv
       --threads 2 --json
  STDOUT "\"mean\": 0[.]030195390[0-9]*" "\"sd\": 0[.]025549250[0-9]*" "\"indirect_total\": ")
csat_cli_test(NAME pls.indirect_unknown_construct EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/power.model --data ${_power} --missing listwise --indirect "Image -> Ghost -> Loyalty"
  STDERR "^csat: error: [^\n]*Ghost")
csat_cli_test(NAME pls.indirect_table
  ARGS pls --model ${_pd}/power.model --data ${_power} --missing listwise --indirect "Image -> Expectation -> Quality"
       --indirect "Expectation -> Satisfaction -> Loyalty"
  STDOUT "Image -> Expectation -> Quality +0[.][0-9]+" "Expectation -> Satisfaction -> Loyalty +0[.][0-9]+")
csat_cli_test(NAME pls.weights_with_predict EXIT 3 ONE_LINE_STDERR
  ARGS pls --model @SRC@/tests/pls/data/small.model --data ${_pd}/weighted.csv --missing listwise --weights w --predict 5
  STDERR "^csat: error: [^\n]*case weights [(]column \"w\"[)] are not supported by PLSpredict")
# --plsc with interaction terms is estimated as seminr does (tests/cli/pls_combos.cmake)
csat_cli_test(NAME pls.hoc_with_group EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/power_hoc.model --data ${_power} --group segment
  STDERR "^csat: error: --group is not supported with higher-order constructs")
csat_cli_test(NAME pls.interaction_slope_plot NEEDS_SHARED
  ARGS pls --model ${_pd}/moderation_mobi.model --data @SHARED@/data/mobi.csv --slope-plot pls_ext_slopes.svg
  STDOUT "Simple slopes of Image on Satisfaction by Expectation [(]slope = 0[.]586 - 0[.]043 [*] m[)]")
csat_cli_test(NAME pls.slope_plot_without_interaction EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/power.model --data ${_power} --slope-plot x.svg
  STDERR "^csat: error: --slope-plot needs an interaction term X:M in the model")
csat_cli_test(NAME pls.hoc_boot_table
  ARGS pls --model ${_pd}/power_hoc.model --data ${_power} --missing listwise --boot 50 --seed 11 --threads 2
  STDOUT "Paths [(]bootstrap: 50 of 50 resamples" "Expectation +Service +0[.][0-9]+ +0[.][0-9]+ +0[.][0-9]+ +[0-9.]+ +")
