# Determinism of the csat program: the same seed gives the same printed results in separate runs and for any
# thread count (the reported thread count itself left out).
set(_det_pls "pls --model @SRC@/tests/cli/data/power.model --data @SRC@/examples/data/power_survey.csv --missing listwise --seed 9 --json")

csat_cli_same_output(NAME determinism.pls_bootstrap IGNORE "\"threads\""
  RUNS "${_det_pls} --boot 300 --indirect Expectation->Quality->Satisfaction --threads 1"
       "${_det_pls} --boot 300 --indirect Expectation->Quality->Satisfaction --threads 8"
       "${_det_pls} --boot 300 --indirect Expectation->Quality->Satisfaction --threads 1")

csat_cli_same_output(NAME determinism.pls_groups IGNORE "\"threads\""
  RUNS "${_det_pls} --boot 200 --group segment --mga --micom --threads 1"
       "${_det_pls} --boot 200 --group segment --mga --micom --threads 8")

csat_cli_same_output(NAME determinism.pls_predict IGNORE "\"threads\""
  RUNS "${_det_pls} --predict 5 --threads 1"
       "${_det_pls} --predict 5 --threads 8")
