# csat pls with unit-weighted blocks: `NAME <~ 1*x1 + 1*x2 + ...`, seminr's weights = unit_weights.
# Expected values: seminr 2.3.2 on its own mobi data (tests/reference/pls_unit_weights.R → pls_unit_weights.csv).

set(_ud @SRC@/tests/cli/data)
set(_umobi @SRC@/tests/data/pls_mobi_full.csv)

# ECSI with Image and Value unit-weighted: seminr's Image -> Expectation 0.50682607557779, equal IMAG weights
# 0.29042462831459 (= 1/sqrt(1'R1)), rho_A of Image 0.72283459542708 (= its alpha), iterations 5
csat_cli_test(NAME pls_unit.ecsi_json
  ARGS pls --model ${_ud}/unit_ecsi.model --data ${_umobi} --json
  STDOUT "\"iterations\": 5," "\"converged\": true"
         "\"estimate\": 0[.]50682607557" "\"from\": \"Image\",[^}]*\"to\": \"Expectation\""
         "\"construct\": \"Image\",[^}]*\"estimate\": 0[.]29042462831[^}]*\"indicator\": \"IMAG1\""
         "\"construct\": \"Image\",[^}]*\"estimate\": 0[.]29042462831[^}]*\"indicator\": \"IMAG5\""
         "\"Image\": {[^}]*\"alpha\": 0[.]72283459542[^}]*\"rho_a\": 0[.]72283459542")

# PLSc: the unit blocks are disattenuated by their rho_A (seminr: Image -> Expectation 0.87680116564986)
csat_cli_test(NAME pls_unit.plsc_json
  ARGS pls --model ${_ud}/unit_ecsi.model --data ${_umobi} --plsc --json
  STDOUT "\"estimate\": 0[.]87680116564" "\"estimate\": 0[.]96758350603")

# a unit-weighted higher-order composite: equal weights 0.56184732861 on the dimension scores, type HOCunit
csat_cli_test(NAME pls_unit.hoc_table
  ARGS pls --model ${_ud}/unit_hoc.model --data ${_umobi}
  STDOUT "Service +Quality +0[.]562 +0[.]890 +HOCunit +2" "Service +Value +0[.]562 +0[.]890 +HOCunit +2")
csat_cli_test(NAME pls_unit.hoc_json
  ARGS pls --model ${_ud}/unit_hoc.model --data ${_umobi} --json
  STDOUT "\"mode\": \"unit\",[^}]*\"name\": \"Service\"" "\"weight\": 0[.]56184732861")

# one item without 1*: a located error naming the item and the rule
csat_cli_test(NAME pls_unit.mixed_block EXIT 3 ONE_LINE_STDERR
  ARGS pls --model ${_ud}/unit_mixed.model --data ${_umobi}
  STDERR "^csat: error: [^\n]*unit_mixed[.]model:2:57: item \"IMAG5\" of block \"Image\" has no 1[*][^\n]*unit weights need 1[*] on every item of a <~ block")
