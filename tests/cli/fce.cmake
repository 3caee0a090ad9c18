# csat fce: fuzzy comprehensive evaluation from weight and membership files, survey responses and KPIs.

set(_fce_f1_grades "优秀:100,良好:80,一般:60,较差:40,差:0")

# F1 (published, M(.,+)): B = (0.175, 0.53, 0.275, 0.02, 0), grade 良好, alpha 0.750, score 77.2
csat_cli_test(NAME fce.f1
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_f1_membership.csv
       --grades ${_fce_f1_grades}
  STDOUT "\n  B +0[.]1750 +0[.]5300 +0[.]2750 +0[.]0200 +0[.]0000" "maximum-membership grade: 良好 [(]grade 1[)]"
         "validity alpha: 0[.]750 [(]fairly valid[)]" "score: 77[.]20")

csat_cli_test(NAME fce.f1_json
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_f1_membership.csv
       --grades ${_fce_f1_grades} --json
  STDOUT "\"b\": .\n +0[.]175[0-9]*,\n +0[.]53[0-9]*,\n +0[.]275[0-9]*,\n +0[.]02[0-9]*,\n +0[.]0\n"
         "\"b_normalized\": ." "\"score\": 77[.]2[0-9]*" "\"max_grade\": 1," "\"max_grade_name\": \"良好\""
         "\"validity\": 0[.]7(5|49999)" "\"operator\": \"weighted-average\"" "\"normalize\": \"none\"")

# F1 under M(^,v) with normalization: B = (0.2, 0.3, 0.25, 0.1, 0), normalized by 0.85; alpha 0.325
csat_cli_test(NAME fce.f1_zadeh_json
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_f1_membership.csv
       --grades ${_fce_f1_grades} --operator zadeh --normalize sum --json
  STDOUT "\"b\": .\n +0[.]2,\n +0[.]3,\n +0[.]25,\n +0[.]1,\n +0[.]0\n" "\"b_normalized\": .\n +0[.]235294117647"
         "\"validity\": 0[.]32(5|49999)" "\"operator\": \"zadeh\"" "\"normalize\": \"sum\"")

# F1 under M(^,+): saturated column, B = (0.7, 1, 0.9, 0.1, 0)
csat_cli_test(NAME fce.f1_bounded_min
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_f1_membership.csv
       --grades ${_fce_f1_grades} --operator bounded-min --normalize sum
  STDOUT "\n  B +0[.]7000 +1[.]0000 +0[.]9000 +0[.]1000 +0[.]0000" "\n  B normalized +0[.]2593 +0[.]3704 +0[.]3333 +0[.]0370")

# survey responses (labels and codes) plus KPI grade partitions, power grades
csat_cli_test(NAME fce.survey_kpi
  ARGS fce --weights @SRC@/examples/data/fce_service_weights.csv --data @SRC@/examples/data/fce_service_survey.csv
       --kpi @SRC@/examples/data/fce_service_kpi.csv
  STDOUT "服务态度 +39 +1 +14 +14 +7 +2 +2" "办电效率 +38 +2 +16 +10 +8 +4 +0"
         "电压合格率 +0[.]2000 +0[.]0000 +0[.]4000 +0[.]6000 +0[.]0000 +0[.]0000"
         "户均停电时间 +0[.]2000 +0[.]0000 +0[.]5000 +0[.]5000" "maximum-membership grade: 比较满意")

csat_cli_test(NAME fce.survey_json
  ARGS fce --weights @SRC@/examples/data/fce_service_weights.csv --data @SRC@/examples/data/fce_service_survey.csv
       --items 服务态度,办电效率,信息告知 --kpi @SRC@/examples/data/fce_service_kpi.csv --grades power --json
  STDOUT "\"missing\": .\n +1,\n +2,\n +1\n" "\"max_grade_name\": \"比较满意\"" "\"score\": 74[.]2")

# bad input: one line on stderr, exit 3, naming the item
csat_cli_test(NAME fce.weights_sum EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_bad_weights_sum.csv --membership @SRC@/examples/data/fce_f1_membership.csv
       --grades ${_fce_f1_grades}
  STDERR "^csat: error: [^\n]*sum of weights [(]政治表现, 工作能力, 工作态度, 工作成绩[)] = 1[.]01, but must equal 1 within 1e-09")

csat_cli_test(NAME fce.weights_negative EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_bad_weights_negative.csv --membership @SRC@/examples/data/fce_f1_membership.csv
       --grades ${_fce_f1_grades}
  STDERR "^csat: error: [^\n]*weight of item 1 [(]\"工作能力\"[)] = -0[.]1, but must be finite and non-negative")

csat_cli_test(NAME fce.membership_range EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_bad_membership_range.csv
       --grades ${_fce_f1_grades}
  STDERR "^csat: error: [^\n]*membership of item 2 [(]\"工作态度\"[)] in grade 0 [(]\"优秀\"[)] = -0[.]2, but must lie in .0, 1.")

csat_cli_test(NAME fce.membership_row_sum EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_bad_membership_rowsum.csv
       --grades ${_fce_f1_grades}
  STDERR "^csat: error: [^\n]*sum of the membership row of item 3 [(]\"工作成绩\"[)] = 1[.]1, but must equal 1")

csat_cli_test(NAME fce.membership_row_sum_normalized
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_bad_membership_rowsum.csv
       --grades ${_fce_f1_grades} --rows normalize --json
  STDOUT "\"max_row_deviation\": 0[.]1" "\"rows\": \"normalize\"")

csat_cli_test(NAME fce.dimension_mismatch EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_bad_membership_3rows.csv
       --grades ${_fce_f1_grades}
  STDERR "^csat: error: A/R dimension mismatch: 4 weights, but [^\n]*fce_bad_membership_3rows[.]csv has 3 membership rows")

csat_cli_test(NAME fce.unknown_label EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_service_weights.csv --data @SRC@/examples/data/fce_bad_survey_label.csv
       --kpi @SRC@/examples/data/fce_service_kpi.csv
  STDERR "^csat: error: [^\n]*item 1 [(]\"办电效率\"[)], row 3 [(][^\n]*fce_bad_survey_label[.]csv:line 5[)]: \"满意\" is not a grade label")

csat_cli_test(NAME fce.unordered_knots EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_service_weights.csv --data @SRC@/examples/data/fce_service_survey.csv
       --kpi @SRC@/examples/data/fce_bad_kpi_knots.csv
  STDERR "^csat: error: [^\n]*indicator \"电压合格率\": knots.2. = 99[.]8, but must be strictly less than knots.1.")

csat_cli_test(NAME fce.grade_header EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_f1_membership.csv
  STDERR "^csat: error: [^\n]*fce_f1_membership[.]csv:1:4: column \"优秀\" should be grade 0 \"很满意\"")

csat_cli_test(NAME fce.unknown_operator EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv --membership @SRC@/examples/data/fce_f1_membership.csv
       --grades ${_fce_f1_grades} --operator max
  STDERR "^csat: error: [^\n]*unknown operator \"max\"")

csat_cli_test(NAME fce.no_rows EXIT 3 ONE_LINE_STDERR
  ARGS fce --weights @SRC@/examples/data/fce_f1_weights.csv
  STDERR "^csat: error: give the membership rows")

# every level of an AHP hierarchy file: survey items and KPIs under AHP local weights
csat_cli_test(NAME fce.hierarchy
  ARGS fce --hierarchy @SRC@/examples/data/fce_service.hierarchy --data @SRC@/examples/data/fce_service_survey.csv
       --kpi @SRC@/examples/data/fce_service_kpi.csv
  STDOUT "AHP total CR 0[.]0079"
         "\n  供电服务满意度 +1[.]0000 +1[.]0000 +0[.]1258 +0[.]4199 +0[.]4157 +0[.]0266 +0[.]0120 +比较满意 +0[.]331 +72[.]18"
         "\n    供电质量 +0[.]6667 +0[.]6667 +0[.]0000 +0[.]4667 +0[.]5333"
         "\n      户均停电时间 +0[.]6667 +0[.]4444 +0[.]0000 +0[.]5000 +0[.]5000 +0[.]0000 +0[.]0000 +比较满意 [(]tie[)]")

csat_cli_test(NAME fce.hierarchy_json
  ARGS fce --hierarchy @SRC@/examples/data/fce_service.hierarchy --data @SRC@/examples/data/fce_service_survey.csv
       --kpi @SRC@/examples/data/fce_service_kpi.csv --json
  STDOUT "\"score\": 72[.]176258" "\"max_grade_name\": \"比较满意\"" "\"path\": \"供电服务满意度/供电质量/电压合格率\""
         "\"global_weight\": 0[.]2222222")

csat_cli_test(NAME fce.hierarchy_missing_leaf EXIT 3 ONE_LINE_STDERR
  ARGS fce --hierarchy @SRC@/examples/data/fce_service.hierarchy --kpi @SRC@/examples/data/fce_service_kpi.csv
  STDERR "^csat: error: [^\n]*leaf \"供电服务满意度/服务质量/服务态度\" of the AHP hierarchy has no membership row")

csat_cli_test(NAME fce.no_weights EXIT 3 ONE_LINE_STDERR
  ARGS fce --kpi @SRC@/examples/data/fce_service_kpi.csv
  STDERR "^csat: error: give the weights with exactly one of --weights A[.]csv or --hierarchy FILE")
