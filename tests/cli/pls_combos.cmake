# csat pls: PLSc with interaction terms, and a higher-order construct together with an interaction term.
# Expected values: seminr 2.3.2, tests/reference/pls_interaction_combos.csv (tests/reference/pls_interaction_combos.R);
# the library tests (tests/pls_moderation/plsc.test.cpp, tests/pls_hoc/interaction.test.cpp) assert every number.
set(_pd @SRC@/tests/cli/data)

# ---- PLSc with an interaction term ---------------------------------------------------------------------------------
# orthogonal: the PLSc paths (plain PLS would give -0.17084 for the interaction), rho_A of the interaction 1
csat_cli_test(NAME pls.combos.plsc_interaction_json
  ARGS pls --model ${_pd}/moderation_mobi.model --data @SRC@/tests/data/pls_mobi.csv --plsc --interaction orthogonal
       --json
  STDOUT "\"plsc\": true"
         "\"estimate\": -0[.]2149841797[0-9]*,[\n ]*\"from\": \"Image:Expectation\",[\n ]*\"to\": \"Satisfaction\""
         "\"estimate\": 0[.]6759306909[0-9]*,[\n ]*\"from\": \"Image\",[\n ]*\"to\": \"Satisfaction\""
         "\"Image:Expectation\": {[\n ]*\"alpha\": [0-9.e-]+,[\n ]*\"ave\": [0-9.e-]+,[\n ]*\"rho_a\": 1[.]0,"
         "\"structural_correlations\": " "\"method\": \"orthogonal\"")
csat_cli_test(NAME pls.combos.plsc_interaction_table
  ARGS pls --model ${_pd}/moderation_mobi.model --data @SRC@/tests/data/pls_mobi.csv --plsc
  STDOUT "scheme path, PLSc;" "Image:Expectation +Satisfaction +-0[.]053" "Image +Satisfaction +0[.]685"
         "Moderation [(]two-stage[)]")
# the bootstrap replays the 30 resamples drawn in R: seminr's mean and sd of the interaction path
csat_cli_test(NAME pls.combos.plsc_interaction_boot
  ARGS pls --model ${_pd}/moderation_mobi.model --data @SRC@/tests/data/pls_mobi.csv --plsc --interaction orthogonal
       --boot-indices @SRC@/tests/data/pls_mobi_boot_indices_plsc_int.csv --threads 1 --json
  STDOUT "\"successful\": 30"
         "\"estimate\": -0[.]2149841797[0-9]*,[\n ]*\"from\": \"Image:Expectation\",[\n ]*\"mean\": -0[.]2161616417[0-9]*,[^}]*\"sd\": 0[.]1663856487")

# ---- a two-stage higher-order construct with an interaction term -------------------------------------------------
csat_cli_test(NAME pls.combos.hoc_interaction_json
  ARGS pls --model ${_pd}/hoc_interaction.model --data @SRC@/tests/data/pls_mobi_hoc.csv --interaction orthogonal --json
  STDOUT "\"estimate\": 0[.]0959143800[0-9]*,[\n ]*\"from\": \"Image:Service\",[\n ]*\"to\": \"Satisfaction\""
         "\"estimate\": 0[.]6269740124[0-9]*,[\n ]*\"from\": \"Service\",[\n ]*\"to\": \"Satisfaction\""
         "\"higher_order\": {" "\"moderation\": {" "\"name\": \"IMAG1:Quality\"" "\"Image:Service\": null"
         # f² as seminr's fSquared (the whole procedure re-run without the path)
         "\"f2\": 0[.]0417805033[0-9]*,[\n ]*\"from\": \"Image:Service\""
         "\"f2\": null,[\n ]*\"from\": \"Service\",[\n ]*\"to\": \"Satisfaction\""
         # seminr's combined view: Service on its dimension scores from the moderated model
         "\"construct\": \"Service\",[\n ]*\"indicator\": \"Quality\",[\n ]*\"loading\": 0[.]9197598468[0-9]*,[\n ]*\"stage\": 2,[\n ]*\"type\": \"HOCA\",[\n ]*\"weight\": 0[.]")
csat_cli_test(NAME pls.combos.hoc_interaction_table
  ARGS pls --model ${_pd}/hoc_interaction.model --data @SRC@/tests/data/pls_mobi_hoc.csv
  STDOUT "Image:Service +Satisfaction +0[.]001" "Service +Satisfaction +0[.]628" "Higher-order constructs [(]two-stage[)]"
         "Moderation [(]two-stage[)]" "Simple slopes of Image on Satisfaction by Service")
# the bootstrap re-runs every stage and the interaction per resample: the 20 resamples drawn in R, seminr's mean and sd
csat_cli_test(NAME pls.combos.hoc_interaction_boot
  ARGS pls --model ${_pd}/hoc_interaction.model --data @SRC@/tests/data/pls_mobi_hoc.csv --interaction orthogonal
       --boot-indices @SRC@/tests/data/pls_mobi_hoc_boot_indices.csv --threads 2 --json
  STDOUT "\"successful\": 20"
         "\"estimate\": 0[.]0959143800[0-9]*,[\n ]*\"from\": \"Image:Service\",[\n ]*\"mean\": 0[.]0710775636[0-9]*,[^}]*\"sd\": 0[.]1185542156")
csat_cli_test(NAME pls.combos.hoc_interaction_boot_table
  ARGS pls --model ${_pd}/hoc_interaction.model --data @SRC@/tests/data/pls_mobi_hoc.csv --interaction orthogonal
       --boot-indices @SRC@/tests/data/pls_mobi_hoc_boot_indices.csv --threads 2
  STDOUT "Paths [(]bootstrap: 20 of 20 resamples" "Image:Service +Satisfaction +0[.]096 +0[.]071 +0[.]119")
csat_cli_test(NAME pls.combos.hoc_interaction_repeated EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/hoc_interaction.model --data @SRC@/tests/data/pls_mobi_hoc.csv --hoc repeated
  STDERR "^csat: error: --hoc repeated is not supported with interaction terms")
csat_cli_test(NAME pls.combos.hoc_interaction_dimension EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_pd}/hoc_interaction_dimension.model --data @SRC@/tests/data/pls_mobi_hoc.csv
  STDERR "^csat: error: [^\n]*\"Quality\" is a dimension of higher-order construct \"Service\"")
